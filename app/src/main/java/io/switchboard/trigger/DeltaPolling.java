package io.switchboard.trigger;

import io.switchboard.entra.EntraUnavailable;
import io.switchboard.entra.EntraUser;
import io.switchboard.entra.TenantReader;
import io.switchboard.sync.TenantMirror;
import io.switchboard.trigger.ChangeTrigger.EffectiveMode;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * In POLLING mode, asks Graph delta for what changed since the last look, once the poll interval
 * has passed (claimed in the database, so one instance polls). The looks continue from the last
 * sync's delta links without moving them: the sync itself still reads its changes.
 */
@Component
class DeltaPolling {

    private static final String WATCH_BASE = "watch.base";
    private static final String WATCH_USERS = "watch.users";
    private static final String WATCH_GROUPS = "watch.groups";

    private static final Logger log = LoggerFactory.getLogger(DeltaPolling.class);

    private final TriggerState state;
    private final WindowRow window;
    private final TenantMirror mirror;
    private final TenantReader reader;
    private final TransactionTemplate transactions;
    private final ChangeIntake intake;
    private final ChangeDebounce debounce;
    private final Clock clock;

    DeltaPolling(
            TriggerState state,
            WindowRow window,
            TenantMirror mirror,
            TenantReader reader,
            TransactionTemplate transactions,
            ChangeIntake intake,
            ChangeDebounce debounce,
            Clock clock) {
        this.state = state;
        this.window = window;
        this.mirror = mirror;
        this.reader = reader;
        this.transactions = transactions;
        this.intake = intake;
        this.debounce = debounce;
        this.clock = clock;
    }

    boolean pollIfDue() {
        if (state.effectiveMode() != EffectiveMode.POLLING) {
            return false;
        }
        Optional<String> syncUsers = mirror.state(TenantMirror.USERS_DELTA);
        Optional<String> syncGroups = mirror.state(TenantMirror.GROUPS_DELTA);
        if (syncUsers.isEmpty() || syncGroups.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        Instant polledAt = window.read().polledAt();
        if (polledAt != null && now.isBefore(polledAt.plus(state.settings().pollInterval()))) {
            return false;
        }
        if (!window.claimPoll(polledAt, now)) {
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
            debounce.gather(intake.relevant(users, groups));
        } catch (TenantReader.FullSyncRequired e) {
            mirror.setState(WATCH_BASE, null);
            debounce.gather(state.settings().eventThreshold());
        } catch (EntraUnavailable e) {
            log.warn("Polling Graph for changes failed: {}", e.getMessage());
        }
        return true;
    }
}
