package io.switchboard.trigger;

import io.switchboard.entra.ChangeSubscriptions;
import io.switchboard.entra.EntraConnection;
import io.switchboard.sync.SyncSettingsStore;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Change-triggered sync (M2).
 *
 * <p>Changes are learnt from Graph change notifications on {@code users} and {@code groups}
 * (WEBHOOK), or, where Microsoft cannot reach this PBX over https or the subscriptions cannot be
 * made, by asking Graph delta at an interval (POLLING). Either way only changes to objects in the
 * sync scope count, and they gather in one debounce window shared by every instance (a database
 * row): the first opens it, the sync runs when {@code delay} has passed, or at once when
 * {@code eventThreshold} events have gathered. A window that falls due while a sync runs waits
 * for that run to end, so no change is lost. Notifications only say that something changed; the
 * sync then reads what changed with delta.
 *
 * <p>This class is the module's door; the work is done by {@link ChangeIntake} (notifications and
 * their scope), {@link ChangeDebounce} (the window), {@link DeltaPolling}, {@link
 * SubscriptionKeeper} (subscriptions, lifecycle notifications) and {@link TriggerState}; {@link
 * ChangeTriggerJobs} runs the tick and the upkeep through db-scheduler.
 */
@Service
public class ChangeTrigger {

    static final String NAME = "change-trigger";

    /** How changes are learnt at the moment. */
    public enum EffectiveMode {
        /** Graph change notifications. */
        WEBHOOK,
        /** Graph delta asked at the poll interval. */
        POLLING,
        /** Nothing triggers a sync on changes. */
        OFF
    }

    /** Why the change trigger works as it does now; the portal words each in its language. */
    public enum Reason {
        /** The integration is disabled (M6). */
        INTEGRATION_DISABLED,
        /** The integration is not connected. */
        NOT_CONNECTED,
        /** The admin switched change-triggered sync off. */
        SWITCHED_OFF,
        /** User sync, group sync and both Outlook contact parts are off. */
        SYNCS_OFF,
        /** The admin chose polling. */
        POLLING_CHOSEN,
        /** Microsoft delivers only to https, and the public base URL is not. */
        HTTPS_REQUIRED,
        /** Graph refused a subscription; the status reason carries its words. */
        SUBSCRIPTION_FAILED,
        /** The subscriptions are not made yet. */
        WAITING_FOR_SUBSCRIPTIONS,
        /** Graph notifies this PBX of changes. */
        NOTIFIED
    }

    /**
     * Where the change trigger stands.
     *
     * @param effectiveMode how changes are learnt now, which may differ from the chosen mode
     * @param reasonCode why, as a code
     * @param statusReason why, in plain words, when it differs or something failed
     * @param pendingEvents relevant changes gathered and not yet synced
     * @param syncDueAt when the gathered changes sync; null when none are pending
     */
    public record Status(
            EffectiveMode effectiveMode,
            Reason reasonCode,
            String statusReason,
            List<ChangeSubscriptions.Subscription> subscriptions,
            int pendingEvents,
            Instant syncDueAt,
            Instant lastPolledAt) {}

    private final TriggerState state;
    private final SyncSettingsStore store;
    private final EntraConnection connection;
    private final ChangeSubscriptions subscriptions;
    private final WindowRow window;
    private final ChangeDebounce debounce;
    private final DeltaPolling polling;
    private final SubscriptionKeeper keeper;

    ChangeTrigger(
            TriggerState state,
            SyncSettingsStore store,
            EntraConnection connection,
            ChangeSubscriptions subscriptions,
            WindowRow window,
            ChangeDebounce debounce,
            DeltaPolling polling,
            SubscriptionKeeper keeper) {
        this.state = state;
        this.store = store;
        this.connection = connection;
        this.subscriptions = subscriptions;
        this.window = window;
        this.debounce = debounce;
        this.polling = polling;
        this.keeper = keeper;
    }

    public ChangeTriggerSettings get() {
        return state.settings();
    }

    /** Stores the settings and brings the subscriptions in line with them at once. */
    public ChangeTriggerSettings set(ChangeTriggerSettings settings) {
        SyncSettingsStore.requireEditable(connection);
        store.write(NAME, settings);
        maintain();
        return settings;
    }

    public Status status() {
        WindowRow.Window current = window.read();
        ChangeTriggerSettings settings = get();
        EffectiveMode mode = effectiveMode();
        Reason code = reason(mode, settings, current);
        String reason = switch (code) {
            case INTEGRATION_DISABLED -> "The integration is disabled.";
            case NOT_CONNECTED -> "The integration is not connected.";
            case SWITCHED_OFF -> "Change-triggered sync is switched off; only the schedule and Update Now sync.";
            case SYNCS_OFF -> "User sync and group sync are paused and Outlook contact sync is off.";
            case POLLING_CHOSEN -> "Polling Graph for changes every " + settings.pollInterval() + ".";
            case HTTPS_REQUIRED -> subscriptions.webhookUnavailable().orElse("");
            case SUBSCRIPTION_FAILED -> current.problem() + " Polling Graph for changes meanwhile.";
            case WAITING_FOR_SUBSCRIPTIONS ->
                "Waiting for the change-notification subscriptions; polling Graph for changes meanwhile.";
            case NOTIFIED -> "Microsoft Graph notifies this PBX of changes to users and groups.";
        };
        return new Status(
                mode,
                code,
                reason,
                subscriptions.list(),
                current.events(),
                current.openedAt() == null
                        ? null
                        : current.events() >= settings.eventThreshold()
                                ? current.openedAt()
                                : current.openedAt().plus(settings.delay()),
                current.polledAt());
    }

    private Reason reason(EffectiveMode mode, ChangeTriggerSettings settings, WindowRow.Window current) {
        return switch (mode) {
            case OFF ->
                !connection.enabled()
                        ? Reason.INTEGRATION_DISABLED
                        : !connection.connected()
                                ? Reason.NOT_CONNECTED
                                : !settings.enabled() ? Reason.SWITCHED_OFF : Reason.SYNCS_OFF;
            case POLLING ->
                settings.mode() == ChangeTriggerSettings.Mode.POLLING
                        ? Reason.POLLING_CHOSEN
                        : subscriptions.webhookUnavailable().isPresent()
                                ? Reason.HTTPS_REQUIRED
                                : current.problem() != null
                                        ? Reason.SUBSCRIPTION_FAILED
                                        : Reason.WAITING_FOR_SUBSCRIPTIONS;
            case WEBHOOK -> Reason.NOTIFIED;
        };
    }

    /** Whether changes can trigger a sync now, and how they are learnt. */
    public EffectiveMode effectiveMode() {
        return state.effectiveMode();
    }

    /**
     * Starts the change-triggered sync when the window is due and no sync runs; the window is
     * claimed with a conditional update, so one instance starts it.
     *
     * @return whether this call started a sync
     */
    public boolean fireIfDue() {
        return debounce.fireIfDue();
    }

    /**
     * In POLLING mode, asks Graph delta for what changed since the last look, once the poll
     * interval has passed (claimed in the database, so one instance polls).
     *
     * @return whether this call polled
     */
    public boolean pollIfDue() {
        return polling.pollIfDue();
    }

    /**
     * Brings the subscriptions in line with the settings: creates what is wanted and missing,
     * renews what expires within a day, deletes what is no longer wanted. One instance at a time.
     */
    public void maintain() {
        keeper.maintain();
    }

    /** Deletes every subscription, while the tokens to do so still exist (before a disconnect). */
    public void removeSubscriptions() {
        keeper.removeSubscriptions();
    }
}
