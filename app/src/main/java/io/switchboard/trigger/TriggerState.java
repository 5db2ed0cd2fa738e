package io.switchboard.trigger;

import io.switchboard.entra.ChangeSubscriptions;
import io.switchboard.entra.EntraConnection;
import io.switchboard.sync.RuleSettings;
import io.switchboard.sync.RunPart;
import io.switchboard.sync.SyncSettingsStore;
import io.switchboard.trigger.ChangeTrigger.EffectiveMode;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The stored change-trigger settings and what they mean now: how changes are learnt, if at all (M2). */
@Component
class TriggerState {

    static final Set<String> RESOURCES = Set.of("users", "groups");

    private final SyncSettingsStore store;
    private final RuleSettings rules;
    private final EntraConnection connection;
    private final ChangeSubscriptions subscriptions;
    private final Clock clock;
    private final List<RunPart> parts;

    TriggerState(
            SyncSettingsStore store,
            RuleSettings rules,
            EntraConnection connection,
            ChangeSubscriptions subscriptions,
            Clock clock,
            List<RunPart> parts) {
        this.parts = parts;
        this.store = store;
        this.rules = rules;
        this.connection = connection;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    ChangeTriggerSettings settings() {
        return store.read(ChangeTrigger.NAME, ChangeTriggerSettings.class).orElse(ChangeTriggerSettings.DEFAULT);
    }

    EffectiveMode effectiveMode() {
        ChangeTriggerSettings settings = settings();
        if (!settings.enabled() || !connection.connected() || !anySyncOn()) {
            return EffectiveMode.OFF;
        }
        if (settings.mode() == ChangeTriggerSettings.Mode.POLLING
                || subscriptions.webhookUnavailable().isPresent()) {
            return EffectiveMode.POLLING;
        }
        Set<String> held = subscriptions.list().stream()
                .filter(s -> s.expiresAt().isAfter(clock.instant()))
                .map(ChangeSubscriptions.Subscription::resource)
                .collect(Collectors.toSet());
        return held.containsAll(RESOURCES) ? EffectiveMode.WEBHOOK : EffectiveMode.POLLING;
    }

    boolean wantsSubscriptions() {
        ChangeTriggerSettings settings = settings();
        return settings.enabled()
                && settings.mode() == ChangeTriggerSettings.Mode.WEBHOOK
                && connection.connected()
                && anySyncOn()
                && subscriptions.webhookUnavailable().isEmpty();
    }

    /** Whether user sync, group sync or a contributed part (Outlook contacts) is on. */
    boolean anySyncOn() {
        return rules.users().enabled() || rules.groups().enabled() || anyPartActive();
    }

    boolean anyPartActive() {
        return parts.stream().anyMatch(RunPart::active);
    }

    /** How many of the changed users and groups matter to the contributed parts (M2). */
    int relevantToParts(Set<String> userIds, Set<String> groupIds) {
        return parts.stream().mapToInt(p -> p.relevant(userIds, groupIds)).sum();
    }
}
