package io.switchboard.entra;

import java.util.List;
import java.util.Set;

/**
 * Reads the tenant from Microsoft Graph for the sync: everything (a full delta round, which also
 * yields the links for the next incremental read), or only what changed since given delta links (X3).
 */
public interface TenantReader {

    /** Every user and group with its direct members, and the delta links for the next read. */
    FullRead readAll();

    /**
     * What changed since the links of an earlier read.
     *
     * @throws FullSyncRequired when Graph no longer knows a link (expired or reset): read everything instead
     */
    Changes readChanges(DeltaLinks links);

    /** The opaque delta links of the users and the groups query. */
    record DeltaLinks(String users, String groups) {}

    record FullRead(List<EntraUser> users, List<EntraGroup> groups, DeltaLinks links) {}

    /**
     * Changes since the last read.
     *
     * @param users users added or changed, whole
     * @param removedUserIds users deleted (or no longer visible)
     * @param groups groups added or changed: the group's own fields, whole, and member additions and removals
     */
    record Changes(
            List<EntraUser> users,
            Set<String> removedUserIds,
            List<GroupChange> groups,
            Set<String> removedGroupIds,
            DeltaLinks links) {}

    /**
     * One changed group: its fields when they changed (null when only members changed), and the
     * members added and removed.
     */
    record GroupChange(
            String id,
            EntraGroup fields,
            Set<String> addedUsers,
            Set<String> removedUsers,
            Set<String> addedGroups,
            Set<String> removedGroups) {}

    /** Graph no longer knows the delta link: the next read must be a full one. */
    class FullSyncRequired extends RuntimeException {
        public FullSyncRequired(String reason) {
            super(reason);
        }
    }
}
