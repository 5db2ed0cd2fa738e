package io.switchboard.presence;

import io.switchboard.directory.Extension;
import io.switchboard.directory.ExtensionDirectory;
import io.switchboard.entra.EntraUnavailable;
import io.switchboard.entra.TeamsPresenceGraph;
import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import io.switchboard.sync.IntegrationStopRequested;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Teams presence settings and status (T1): the global switch, each synced extension's choice and
 * mapping, what source is in use and why. Settings are frozen while the integration is disabled
 * (M6) and none survives a disconnect (M7). Turning the switch on, enabling an extension or
 * changing its mapping applies the current Teams presence at once.
 */
@Service
public class PresenceSync {

    /** Where presence comes from now. */
    public enum Mode {
        /** The switch is off, or the integration is not connected. */
        OFF,
        /** {@code getPresencesByUserId} polling only. */
        POLLING,
        /** Change notifications, with polling as the safety net. */
        NOTIFICATIONS
    }

    /** Why that mode, as a stable code a client words in its own language. */
    public enum ModeReason {
        /** The global switch is off. */
        SWITCHED_OFF,
        /** The integration is disabled or not connected. */
        NOT_CONNECTED,
        /** Application permissions: Graph allows presence subscriptions with delegated permissions only. */
        APPLICATION_MODE,
        /** A national cloud: presence subscriptions exist in the global cloud only. */
        NATIONAL_CLOUD,
        /** The public base URL is not https, so Microsoft cannot deliver notifications. */
        NO_HTTPS_URL,
        /** Graph refused a subscription; polling covers until it accepts. */
        SUBSCRIPTION_FAILED,
        /** Nobody follows Teams yet. */
        NOBODY_FOLLOWS,
        /** Notifications are delivered; polling runs behind them as the safety net. */
        NOTIFICATIONS_ACTIVE
    }

    /** What the API and the portal show. */
    public record Status(
            boolean enabled,
            Mode mode,
            ModeReason modeReason,
            String modeReasonText,
            int followingUsers,
            int subscriptions,
            Duration pollInterval,
            Instant lastPolledAt,
            Instant throttledUntil,
            Duration delayP50,
            Duration delayP95,
            int changesLastMinutes,
            int graphRequestsLastMinute) {}

    private final JdbcClient jdbc;
    private final PresenceFollows follows;
    private final PresenceLoop loop;
    private final PresenceApplier applier;
    private final PresenceSubscriptions subscriptions;
    private final TeamsPresenceGraph graph;
    private final ExtensionDirectory extensions;
    private final Clock clock;

    PresenceSync(
            JdbcClient jdbc,
            PresenceFollows follows,
            PresenceLoop loop,
            PresenceApplier applier,
            PresenceSubscriptions subscriptions,
            TeamsPresenceGraph graph,
            ExtensionDirectory extensions,
            Clock clock) {
        this.jdbc = jdbc;
        this.follows = follows;
        this.loop = loop;
        this.applier = applier;
        this.subscriptions = subscriptions;
        this.graph = graph;
        this.extensions = extensions;
        this.clock = clock;
    }

    public boolean enabled() {
        return loop.enabled();
    }

    /** Turns the global switch; turning it on applies every following extension's Teams presence at once. */
    public Status setEnabled(boolean enabled) {
        requireEditable();
        boolean was = loop.enabled();
        jdbc.sql("UPDATE presence_sync SET enabled = ? WHERE id = 1")
                .param(enabled)
                .update();
        if (enabled && !was) {
            follows.forgetAllSeen();
            loop.reset();
            loop.pollNow();
        } else if (!enabled && was) {
            subscriptions.removeAll();
            loop.reset();
            applier.forgetDelays();
        }
        return status();
    }

    /** One synced extension's choice. */
    public TeamsPresenceSetting get(UUID extensionId) {
        Extension extension = synced(extensionId);
        return follows.find(extension.id()).orElse(TeamsPresenceSetting.DEFAULT);
    }

    /** Saves one synced extension's choice; enabling it or changing its mapping applies Teams at once. */
    public TeamsPresenceSetting set(UUID extensionId, TeamsPresenceSetting setting) {
        requireEditable();
        Extension extension = synced(extensionId);
        TeamsPresenceSetting before = follows.find(extension.id()).orElse(TeamsPresenceSetting.DEFAULT);
        boolean applyNow =
                setting.enabled() && (!before.enabled() || !before.mapping().equals(setting.mapping()));
        follows.save(extension.id(), extension.sourceId(), setting, applyNow);
        if (applyNow && loop.enabled() && graph.connected()) {
            try {
                applier.countRequest();
                applier.apply(graph.read(List.of(extension.sourceId())), null, PresenceApplier.Source.ENABLE);
            } catch (EntraUnavailable | TeamsPresenceGraph.Throttled e) {
                // The next poll applies it: the last seen availability was forgotten.
            }
        }
        if (setting.enabled() != before.enabled()) {
            loop.dueNow();
        }
        return setting;
    }

    private Extension synced(UUID extensionId) {
        Extension extension = extensions.get(extensionId);
        if (!extension.synced() || extension.sourceId() == null) {
            throw new ProblemException(
                    ProblemCode.NOT_SYNCED,
                    "Extension " + extension.number() + " is not synced from Microsoft 365, so it has no Teams"
                            + " presence to follow.",
                    Map.of("extensionId", extension.id()));
        }
        return extension;
    }

    private void requireEditable() {
        if (!graph.enabled()) {
            throw new ProblemException(
                    ProblemCode.SETTINGS_FROZEN,
                    "The integration is disabled, so its Teams presence settings cannot change. Enable it first"
                            + " (M6).");
        }
    }

    public Status status() {
        boolean enabled = loop.enabled();
        int following = enabled ? follows.countFollowing() : 0;
        Mode mode;
        ModeReason reason;
        var blocker = graph.notificationBlocker();
        if (!enabled) {
            mode = Mode.OFF;
            reason = ModeReason.SWITCHED_OFF;
        } else if (!graph.connected()) {
            mode = Mode.OFF;
            reason = ModeReason.NOT_CONNECTED;
        } else if (blocker.isPresent()) {
            mode = Mode.POLLING;
            reason = switch (blocker.get()) {
                case APPLICATION_MODE -> ModeReason.APPLICATION_MODE;
                case NATIONAL_CLOUD -> ModeReason.NATIONAL_CLOUD;
                case NO_HTTPS_URL -> ModeReason.NO_HTTPS_URL;
            };
        } else if (loop.subscriptionProblem().isPresent()) {
            mode = Mode.POLLING;
            reason = ModeReason.SUBSCRIPTION_FAILED;
        } else if (following == 0 || subscriptions.count() == 0) {
            mode = Mode.POLLING;
            reason = ModeReason.NOBODY_FOLLOWS;
        } else {
            mode = Mode.NOTIFICATIONS;
            reason = ModeReason.NOTIFICATIONS_ACTIVE;
        }
        PresenceLoop.PollState poll = loop.state(mode == Mode.NOTIFICATIONS);
        PresenceApplier.Delays delays = applier.delays();
        return new Status(
                enabled,
                mode,
                reason,
                reasonText(reason, poll),
                following,
                subscriptions.count(),
                mode == Mode.OFF ? null : poll.interval(),
                poll.lastPolledAt(),
                poll.throttledUntil(),
                delays.p50(),
                delays.p95(),
                delays.changes(),
                applier.requestsLastMinute());
    }

    private String reasonText(ModeReason reason, PresenceLoop.PollState poll) {
        return switch (reason) {
            case SWITCHED_OFF -> "Presence sync is switched off.";
            case NOT_CONNECTED -> "The integration is disabled or not connected, so Teams presence is not read.";
            case APPLICATION_MODE ->
                "Microsoft allows presence notifications with delegated permissions only, and the integration uses"
                        + " application permissions; Switchboard polls Teams presence instead.";
            case NATIONAL_CLOUD ->
                "Microsoft offers presence notifications in the global cloud only; Switchboard polls Teams presence"
                        + " instead.";
            case NO_HTTPS_URL ->
                "Microsoft delivers notifications only to an https public base URL; Switchboard polls Teams presence"
                        + " instead. Set an https public base URL to receive notifications.";
            case SUBSCRIPTION_FAILED ->
                "Microsoft Graph refused a presence subscription, so Switchboard polls until it accepts: "
                        + loop.subscriptionProblem().orElse("");
            case NOBODY_FOLLOWS -> "No extension follows Teams presence yet.";
            case NOTIFICATIONS_ACTIVE ->
                "Microsoft Graph notifies every presence change; Switchboard also polls every "
                        + poll.interval().toSeconds() + " s as a safety net.";
        };
    }

    /** Disabling keeps the settings (frozen) and stops the subscriptions; disconnecting forgets everything (M6, M7). */
    @EventListener
    void onStopRequested(IntegrationStopRequested requested) {
        subscriptions.removeAll();
        loop.reset();
        applier.forgetDelays();
        if (requested.disconnect()) {
            follows.deleteAll();
            jdbc.sql("UPDATE presence_sync SET enabled = FALSE WHERE id = 1").update();
        }
    }

    Instant now() {
        return clock.instant();
    }
}
