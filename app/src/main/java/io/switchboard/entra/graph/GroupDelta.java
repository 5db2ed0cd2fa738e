package io.switchboard.entra.graph;

import io.switchboard.entra.EntraGroup;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One complete groups delta round.
 *
 * @param changed groups added or changed since the previous link (all of them on a first round), each once
 * @param removed ids of groups reported as {@code @removed}, with the reason
 * @param deltaLink the opaque link that starts the next round
 */
public record GroupDelta(List<GroupChange> changed, Map<String, RemovalReason> removed, String deltaLink) {

    public GroupDelta {
        changed = List.copyOf(changed);
        removed = Map.copyOf(removed);
    }

    /**
     * A group's properties and its {@code members@delta}.
     *
     * @param group the group's properties; its member sets are empty (membership comes as the deltas below)
     * @param addedUserIds users that became direct members (on a first round: all user members)
     * @param addedGroupIds groups that became direct members
     * @param removedMemberIds direct members (users or groups) that were removed
     */
    public record GroupChange(
            EntraGroup group, Set<String> addedUserIds, Set<String> addedGroupIds, Set<String> removedMemberIds) {

        public GroupChange {
            addedUserIds = Set.copyOf(addedUserIds);
            addedGroupIds = Set.copyOf(addedGroupIds);
            removedMemberIds = Set.copyOf(removedMemberIds);
        }
    }
}
