package io.switchboard.trigger.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.entra.ChangeSubscriptions;
import io.switchboard.shared.MergePatch;
import io.switchboard.trigger.ChangeTrigger;
import io.switchboard.trigger.ChangeTriggerSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/integration/change-trigger")
@Tag(name = "Change trigger", description = "Sync soon after users or groups change in Entra ID (M2)")
class ChangeTriggerController {

    /** A subscription as the API shows it. */
    record SubscriptionView(String resource, Instant expiresAt) {}

    /**
     * The settings with, for reading only, how changes are learnt now and what is pending.
     *
     * @param effectiveMode {@code WEBHOOK}, {@code POLLING} or {@code OFF}: what happens now
     * @param statusReasonCode why, as a stable code a client can word in its own language
     * @param notificationUrl where Microsoft Graph posts change notifications
     */
    record ChangeTriggerView(
            boolean enabled,
            Duration delay,
            int eventThreshold,
            ChangeTriggerSettings.Mode mode,
            Duration pollInterval,
            ChangeTrigger.EffectiveMode effectiveMode,
            ChangeTrigger.Reason statusReasonCode,
            String statusReason,
            String notificationUrl,
            List<SubscriptionView> subscriptions,
            int pendingEvents,
            Instant syncDueAt,
            Instant lastPolledAt) {}

    private final ChangeTrigger trigger;
    private final ChangeSubscriptions subscriptions;
    private final JsonMapper mapper;

    ChangeTriggerController(ChangeTrigger trigger, ChangeSubscriptions subscriptions, JsonMapper mapper) {
        this.trigger = trigger;
        this.subscriptions = subscriptions;
        this.mapper = mapper;
    }

    @GetMapping
    @Operation(summary = "The change-trigger settings, how changes are learnt now, and the pending changes")
    ChangeTriggerView get() {
        ChangeTriggerSettings settings = trigger.get();
        ChangeTrigger.Status status = trigger.status();
        return new ChangeTriggerView(
                settings.enabled(),
                settings.delay(),
                settings.eventThreshold(),
                settings.mode(),
                settings.pollInterval(),
                status.effectiveMode(),
                status.reasonCode(),
                status.statusReason(),
                subscriptions.notificationUrl(),
                status.subscriptions().stream()
                        .map(s -> new SubscriptionView(s.resource(), s.expiresAt()))
                        .toList(),
                status.pendingEvents(),
                status.syncDueAt(),
                status.lastPolledAt());
    }

    @PutMapping
    @Operation(
            summary = "Change the change-trigger settings; omitted fields keep their value",
            description = "delay and pollInterval are ISO-8601 durations (PT10M); a delay of PT0S syncs at the first"
                    + " change (instant). In WEBHOOK mode Switchboard subscribes to users and groups at once.")
    ChangeTriggerView put(@RequestBody JsonNode document) {
        trigger.set(MergePatch.apply(mapper, trigger.get(), document, ChangeTriggerSettings.class));
        return get();
    }
}
