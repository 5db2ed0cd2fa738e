package io.switchboard.trigger;

import io.switchboard.directory.ExtensionGroup;
import io.switchboard.directory.SyncedDirectory;
import io.switchboard.entra.ChangeSubscriptions;
import io.switchboard.entra.EntraChangesNotified;
import io.switchboard.entra.EntraConnected;
import io.switchboard.entra.EntraConnection;
import io.switchboard.entra.EntraUnavailable;
import io.switchboard.entra.EntraUser;
import io.switchboard.entra.SubscriptionLifecycleNotified;
import io.switchboard.entra.TenantReader;
import io.switchboard.reconcile.GroupSyncSettings;
import io.switchboard.reconcile.Policies.GroupRange;
import io.switchboard.reconcile.Policies.UserRange;
import io.switchboard.reconcile.UserSyncSettings;
import io.switchboard.shared.ProblemException;
import io.switchboard.sync.RuleSettings;
import io.switchboard.sync.SyncRuns;
import io.switchboard.sync.SyncService;
import io.switchboard.sync.SyncSettingsStore;
import io.switchboard.sync.SyncTrigger;
import io.switchboard.sync.TenantMirror;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

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
 * <p>Subscriptions are kept by {@link #maintain()}: created when the trigger is active, renewed a
 * day before they expire, deleted when the trigger, both syncs or the integration are switched
 * off. Lifecycle notifications renew or recreate the subscription and run a delta sync, since
 * changes in the gap may have gone unnoticed. Only one instance maintains at a time (a row lock).
 */
@Service
public class ChangeTrigger {

    static final String NAME = "change-trigger";

    /** How long a subscription is asked for; Graph allows under 29 days for users and groups. */
    static final Duration LIFETIME = Duration.ofDays(3);

    /** A subscription with less than this left is renewed. */
    static final Duration RENEW_BEFORE = Duration.ofDays(1);

    static final Set<String> RESOURCES = Set.of("users", "groups");

    private static final String WATCH_BASE = "watch.base";
    private static final String WATCH_USERS = "watch.users";
    private static final String WATCH_GROUPS = "watch.groups";

    private static final Logger log = LoggerFactory.getLogger(ChangeTrigger.class);

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
        /** User sync and group sync are both paused. */
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

    private final SyncSettingsStore store;
    private final RuleSettings rules;
    private final EntraConnection connection;
    private final ChangeSubscriptions subscriptions;
    private final TenantReader reader;
    private final TenantMirror mirror;
    private final SyncedDirectory directory;
    private final SyncService sync;
    private final SyncRuns runs;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final TaskExecutor executor;
    private final Clock clock;

    ChangeTrigger(
            SyncSettingsStore store,
            RuleSettings rules,
            EntraConnection connection,
            ChangeSubscriptions subscriptions,
            TenantReader reader,
            TenantMirror mirror,
            SyncedDirectory directory,
            SyncService sync,
            SyncRuns runs,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            @Qualifier("applicationTaskExecutor") TaskExecutor executor,
            Clock clock) {
        this.store = store;
        this.rules = rules;
        this.connection = connection;
        this.subscriptions = subscriptions;
        this.reader = reader;
        this.mirror = mirror;
        this.directory = directory;
        this.sync = sync;
        this.runs = runs;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.executor = executor;
        this.clock = clock;
    }

    public ChangeTriggerSettings get() {
        return store.read(NAME, ChangeTriggerSettings.class).orElse(ChangeTriggerSettings.DEFAULT);
    }

    /** Stores the settings and brings the subscriptions in line with them at once. */
    public ChangeTriggerSettings set(ChangeTriggerSettings settings) {
        SyncSettingsStore.requireEditable(connection);
        store.write(NAME, settings);
        maintain();
        return settings;
    }

    public Status status() {
        Window window = window();
        ChangeTriggerSettings settings = get();
        EffectiveMode mode = effectiveMode();
        Reason code = reason(mode, settings, window);
        String reason = switch (code) {
            case INTEGRATION_DISABLED -> "The integration is disabled.";
            case NOT_CONNECTED -> "The integration is not connected.";
            case SWITCHED_OFF -> "Change-triggered sync is switched off; only the schedule and Update Now sync.";
            case SYNCS_OFF -> "User sync and group sync are both off.";
            case POLLING_CHOSEN -> "Polling Graph for changes every " + settings.pollInterval() + ".";
            case HTTPS_REQUIRED -> subscriptions.webhookUnavailable().orElse("");
            case SUBSCRIPTION_FAILED -> window.problem + " Polling Graph for changes meanwhile.";
            case WAITING_FOR_SUBSCRIPTIONS ->
                "Waiting for the change-notification subscriptions; polling Graph for changes meanwhile.";
            case NOTIFIED -> "Microsoft Graph notifies this PBX of changes to users and groups.";
        };
        return new Status(
                mode,
                code,
                reason,
                subscriptions.list(),
                window.events,
                window.openedAt == null
                        ? null
                        : window.events >= settings.eventThreshold()
                                ? window.openedAt
                                : window.openedAt.plus(settings.delay()),
                window.polledAt);
    }

    private Reason reason(EffectiveMode mode, ChangeTriggerSettings settings, Window window) {
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
                                : window.problem != null
                                        ? Reason.SUBSCRIPTION_FAILED
                                        : Reason.WAITING_FOR_SUBSCRIPTIONS;
            case WEBHOOK -> Reason.NOTIFIED;
        };
    }

    /** Whether changes can trigger a sync now, and how they are learnt. */
    public EffectiveMode effectiveMode() {
        ChangeTriggerSettings settings = get();
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

    private boolean wantsSubscriptions() {
        ChangeTriggerSettings settings = get();
        return settings.enabled()
                && settings.mode() == ChangeTriggerSettings.Mode.WEBHOOK
                && connection.connected()
                && anySyncOn()
                && subscriptions.webhookUnavailable().isEmpty();
    }

    private boolean anySyncOn() {
        return rules.users().enabled() || rules.groups().enabled();
    }

    // ---- notifications

    @EventListener
    void onChanges(EntraChangesNotified notified) {
        if (effectiveMode() == EffectiveMode.OFF) {
            return;
        }
        gather(relevant(notified.userIds(), notified.groupIds()));
    }

    /** A new connection starts without subscriptions: make them as soon as the connection is committed. */
    @TransactionalEventListener(fallbackExecution = true)
    void onConnected(EntraConnected connected) {
        executor.execute(() -> {
            try {
                maintain();
            } catch (RuntimeException e) {
                log.warn("Subscribing to changes after connecting failed: {}", e.toString());
            }
        });
    }

    @EventListener
    void onLifecycle(SubscriptionLifecycleNotified notified) {
        executor.execute(() -> handleLifecycle(notified));
    }

    /** Renews or recreates the subscription as the event asks, then syncs what the gap may have hidden. */
    void handleLifecycle(SubscriptionLifecycleNotified notified) {
        try {
            switch (notified.event()) {
                case REAUTHORIZATION_REQUIRED -> {
                    if (subscriptions
                            .renew(notified.subscriptionId(), clock.instant().plus(LIFETIME))
                            .isEmpty()) {
                        maintain();
                    }
                }
                case SUBSCRIPTION_REMOVED -> {
                    subscriptions.forget(notified.subscriptionId());
                    maintain();
                }
                case MISSED -> {
                    // Nothing to repair on the subscription; the delta sync below catches up.
                }
            }
        } catch (EntraUnavailable e) {
            recordProblem("Renewing the change-notification subscription failed: " + e.getMessage());
        }
        if (effectiveMode() != EffectiveMode.OFF) {
            gather(get().eventThreshold());
        }
    }

    /**
     * How many of the changed objects are in the sync scope: synced users and groups, users and
     * groups a range could take in, and the groups of a user range with their members. A constant
     * number of queries, however many ids a notification names.
     */
    int relevant(Set<String> userIds, Set<String> groupIds) {
        UserSyncSettings users = rules.users();
        GroupSyncSettings groups = rules.groups();
        Set<String> syncedGroups = new HashSet<>();
        if (groups.enabled()) {
            directory.groups().stream().filter(ExtensionGroup::synced).forEach(g -> syncedGroups.add(g.sourceId()));
        }
        Set<String> userRangeGroups = users.enabled() && users.range() == UserRange.GROUPS
                ? (users.nestedGroups() ? mirror.withNestedGroups(users.groupIds()) : Set.copyOf(users.groupIds()))
                : Set.of();
        int count = 0;
        Set<String> candidates = users.enabled() || groups.enabled() ? userIds : Set.of();
        Set<String> syncedUsers = directory.syncedUserIds(candidates);
        Set<String> needGroups = candidates.stream()
                .filter(id -> !(users.enabled() && (syncedUsers.contains(id) || users.range() != UserRange.GROUPS)))
                .collect(Collectors.toSet());
        java.util.Map<String, Set<String>> groupsOfUsers =
                needGroups.isEmpty() ? java.util.Map.of() : mirror.groupsOf(needGroups);
        for (String id : candidates) {
            boolean synced = syncedUsers.contains(id);
            if (users.enabled() && (synced || users.range() != UserRange.GROUPS)) {
                count++;
                continue;
            }
            Set<String> memberOf = groupsOfUsers.getOrDefault(id, Set.of());
            if (users.enabled() && memberOf.stream().anyMatch(userRangeGroups::contains)
                    || groups.enabled() && synced && memberOf.stream().anyMatch(syncedGroups::contains)) {
                count++;
            }
        }
        for (String id : groupIds) {
            boolean asGroup = groups.enabled()
                    && (syncedGroups.contains(id)
                            || groups.range() != GroupRange.GROUPS
                            || groups.groupIds().contains(id));
            if (asGroup || userRangeGroups.contains(id)) {
                count++;
            }
        }
        return count;
    }

    // ---- the debounce window

    private record Window(Instant openedAt, int events, Instant polledAt, String problem) {}

    private Window window() {
        return jdbc.sql("SELECT opened_at, events, polled_at, problem FROM change_window WHERE id = 1")
                .query((rs, n) -> new Window(
                        instant(rs.getObject("opened_at", OffsetDateTime.class)),
                        rs.getInt("events"),
                        instant(rs.getObject("polled_at", OffsetDateTime.class)),
                        rs.getString("problem")))
                .single();
    }

    /** Adds relevant events to the window and runs the sync when the window is due. */
    void gather(int events) {
        if (events <= 0) {
            return;
        }
        addToWindow(events, clock.instant());
        fireIfDue();
    }

    /**
     * Starts the change-triggered sync when the window is due and no sync runs; the window is
     * claimed with a conditional update, so one instance starts it.
     *
     * @return whether this call started a sync
     */
    public boolean fireIfDue() {
        Window window = window();
        ChangeTriggerSettings settings = get();
        ChangeWindow debounce = new ChangeWindow(window.openedAt, window.events);
        if (!debounce.due(clock.instant(), settings.delay(), settings.eventThreshold())) {
            return false;
        }
        if (effectiveMode() == EffectiveMode.OFF) {
            jdbc.sql("UPDATE change_window SET opened_at = NULL, events = 0 WHERE id = 1")
                    .update();
            return false;
        }
        if (runs.running().isPresent()) {
            return false;
        }
        int claimed = jdbc.sql("UPDATE change_window SET opened_at = NULL, events = 0 WHERE id = 1 AND opened_at = ?"
                        + " AND events = ?")
                .params(utc(window.openedAt), window.events)
                .update();
        if (claimed == 0) {
            return false;
        }
        try {
            SyncRuns.Start start = sync.request(SyncTrigger.CHANGE);
            if (start.started()) {
                log.info(
                        "{} relevant change(s) in Entra ID: sync {} started",
                        window.events,
                        start.run().id());
                return true;
            }
        } catch (ProblemException e) {
            log.info("Change-triggered sync not started: {}", e.getMessage());
        }
        addToWindow(window.events, window.openedAt);
        return false;
    }

    /** Adds events to the window; {@code at} opens it when no change is pending. */
    private void addToWindow(int events, Instant at) {
        jdbc.sql("UPDATE change_window SET events = events + ?, opened_at = COALESCE(opened_at, ?) WHERE id = 1")
                .params(events, utc(at))
                .update();
    }

    // ---- polling

    /**
     * In POLLING mode, asks Graph delta for what changed since the last look, once the poll
     * interval has passed (claimed in the database, so one instance polls). The looks continue from
     * the last sync's delta links without moving them: the sync itself still reads its changes.
     *
     * @return whether this call polled
     */
    public boolean pollIfDue() {
        if (effectiveMode() != EffectiveMode.POLLING) {
            return false;
        }
        Optional<String> syncUsers = mirror.state(TenantMirror.USERS_DELTA);
        Optional<String> syncGroups = mirror.state(TenantMirror.GROUPS_DELTA);
        if (syncUsers.isEmpty() || syncGroups.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        Instant polledAt = window().polledAt;
        if (polledAt != null && now.isBefore(polledAt.plus(get().pollInterval()))) {
            return false;
        }
        int claimed = polledAt == null
                ? jdbc.sql("UPDATE change_window SET polled_at = ? WHERE id = 1 AND polled_at IS NULL")
                        .param(utc(now))
                        .update()
                : jdbc.sql("UPDATE change_window SET polled_at = ? WHERE id = 1 AND polled_at = ?")
                        .params(utc(now), utc(polledAt))
                        .update();
        if (claimed == 0) {
            return false;
        }
        boolean fresh = !mirror.state(WATCH_BASE).equals(syncUsers);
        TenantReader.DeltaLinks from = fresh
                ? new TenantReader.DeltaLinks(syncUsers.get(), syncGroups.get())
                : new TenantReader.DeltaLinks(
                        mirror.state(WATCH_USERS).orElse(syncUsers.get()),
                        mirror.state(WATCH_GROUPS).orElse(syncGroups.get()));
        try {
            TenantReader.Changes changes = reader.readChanges(from);
            transactions.executeWithoutResult(status -> {
                mirror.setState(WATCH_BASE, syncUsers.get());
                mirror.setState(WATCH_USERS, changes.links().users());
                mirror.setState(WATCH_GROUPS, changes.links().groups());
            });
            Set<String> users = new HashSet<>(changes.removedUserIds());
            changes.users().stream().map(EntraUser::id).forEach(users::add);
            Set<String> groups = new HashSet<>(changes.removedGroupIds());
            changes.groups().forEach(g -> groups.add(g.id()));
            gather(relevant(users, groups));
        } catch (TenantReader.FullSyncRequired e) {
            mirror.setState(WATCH_BASE, null);
            gather(get().eventThreshold());
        } catch (EntraUnavailable e) {
            log.warn("Polling Graph for changes failed: {}", e.getMessage());
        }
        return true;
    }

    // ---- subscriptions

    /**
     * Brings the subscriptions in line with the settings: creates what is wanted and missing,
     * renews what expires within a day, deletes what is no longer wanted. One instance at a time.
     */
    public void maintain() {
        transactions.executeWithoutResult(status -> {
            lockWindow();
            boolean wanted = wantsSubscriptions();
            Instant now = clock.instant();
            Set<String> covered = new HashSet<>();
            String problem = null;
            for (ChangeSubscriptions.Subscription s : subscriptions.list()) {
                if (!wanted || !RESOURCES.contains(s.resource()) || covered.contains(s.resource())) {
                    removeQuietly(s.id());
                    continue;
                }
                if (!s.expiresAt().isAfter(now)) {
                    subscriptions.forget(s.id());
                    continue;
                }
                if (s.expiresAt().isBefore(now.plus(RENEW_BEFORE))) {
                    try {
                        if (subscriptions.renew(s.id(), now.plus(LIFETIME)).isEmpty()) {
                            continue;
                        }
                    } catch (EntraUnavailable e) {
                        problem = "Renewing the change-notification subscription failed: " + e.getMessage();
                    }
                }
                covered.add(s.resource());
            }
            if (wanted) {
                for (String resource : List.of("users", "groups")) {
                    if (covered.contains(resource)) {
                        continue;
                    }
                    try {
                        subscriptions.create(resource, now.plus(LIFETIME));
                    } catch (EntraUnavailable e) {
                        problem = "Microsoft Graph could not subscribe this PBX to changes of " + resource + ": "
                                + e.getMessage();
                        log.warn(problem);
                    }
                }
            }
            setProblem(problem);
        });
    }

    /** Locks the window row for the caller's transaction: subscriptions are kept by one instance at a time. */
    private void lockWindow() {
        jdbc.sql("SELECT id FROM change_window WHERE id = 1 FOR UPDATE")
                .query(Integer.class)
                .single();
    }

    /** Deletes every subscription, while the tokens to do so still exist (before a disconnect). */
    public void removeSubscriptions() {
        transactions.executeWithoutResult(status -> {
            lockWindow();
            subscriptions.list().forEach(s -> removeQuietly(s.id()));
            jdbc.sql("UPDATE change_window SET opened_at = NULL, events = 0, problem = NULL WHERE id = 1")
                    .update();
        });
    }

    private void removeQuietly(String id) {
        if (connection.connected()) {
            subscriptions.delete(id);
        } else {
            subscriptions.forget(id);
        }
    }

    private void recordProblem(String problem) {
        log.warn(problem);
        setProblem(problem);
    }

    /** What last went wrong keeping the subscriptions; null when nothing did. */
    private void setProblem(String problem) {
        jdbc.sql("UPDATE change_window SET problem = ? WHERE id = 1")
                .param(clip(problem))
                .update();
    }

    // ---- timers

    @Scheduled(fixedDelayString = "PT15S", initialDelayString = "PT15S")
    void tick() {
        try {
            fireIfDue();
            pollIfDue();
        } catch (RuntimeException e) {
            log.warn("Change trigger tick failed: {}", e.toString());
        }
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void scheduledMaintenance() {
        try {
            maintain();
        } catch (RuntimeException e) {
            log.warn("Keeping the change-notification subscriptions failed: {}", e.toString());
        }
    }

    private static String clip(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
