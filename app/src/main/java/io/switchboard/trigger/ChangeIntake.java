package io.switchboard.trigger;

import io.switchboard.directory.ExtensionGroup;
import io.switchboard.directory.SyncedDirectory;
import io.switchboard.entra.EntraChangesNotified;
import io.switchboard.reconcile.GroupSyncSettings;
import io.switchboard.reconcile.Policies.GroupRange;
import io.switchboard.reconcile.Policies.UserRange;
import io.switchboard.reconcile.UserSyncSettings;
import io.switchboard.sync.RuleSettings;
import io.switchboard.sync.TenantMirror;
import io.switchboard.trigger.ChangeTrigger.EffectiveMode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Takes in the changes Graph notified or polling found, and counts those in the sync scope (M2):
 * notifications only say that something changed; the sync then reads what changed with delta.
 */
@Component
class ChangeIntake {

    private final TriggerState state;
    private final ChangeDebounce debounce;
    private final RuleSettings rules;
    private final SyncedDirectory directory;
    private final TenantMirror mirror;

    ChangeIntake(
            TriggerState state,
            ChangeDebounce debounce,
            RuleSettings rules,
            SyncedDirectory directory,
            TenantMirror mirror) {
        this.state = state;
        this.debounce = debounce;
        this.rules = rules;
        this.directory = directory;
        this.mirror = mirror;
    }

    @EventListener
    void onChanges(EntraChangesNotified notified) {
        if (state.effectiveMode() == EffectiveMode.OFF) {
            return;
        }
        debounce.gather(relevant(notified.userIds(), notified.groupIds()));
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
        Map<String, Set<String>> groupsOfUsers = needGroups.isEmpty() ? Map.of() : mirror.groupsOf(needGroups);
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
        return Math.max(count, state.relevantToParts(userIds, groupIds));
    }
}
