package io.switchboard.entra;

import java.util.List;
import java.util.Set;

/**
 * Reads the tenant from Microsoft Graph for the sync: everything (a full delta round, which also
 * yields the links for the next incremental read), or only what changed since given delta links (X3).
 */
public interface TenantReader {

    /** Every user and group with its direct members, and the delta links for the next read. */
    default FullRead readAll() {
        return readAll(MemberScope.ALL, () -> {});
    }

    /**
     * Every user and group, the members only of the groups {@code scope} wants (the others have
     * none), and the delta links for the next read, taken before the listing so that a change
     * made during it comes again with the next delta read; calls {@code onPage} after each page
     * read from Graph.
     */
    default FullRead readAll(MemberScope scope, Runnable onPage) {
        return readAll(scope, onPage, Listing.NONE);
    }

    /**
     * As {@link #readAll(MemberScope, Runnable)}, also handing the users to {@code listing} while
     * they are listed, before the read returns.
     */
    FullRead readAll(MemberScope scope, Runnable onPage, Listing listing);

    /** Takes the users of a full read while they are listed (issue 15 point 2). */
    interface Listing {

        /** Takes nothing. */
        Listing NONE = new Listing() {
            @Override
            public void users(List<EntraUser> users) {}

            @Override
            public void restarted() {}
        };

        /** The next users listed, in the listing's order; each once, unless {@link #restarted}. */
        void users(List<EntraUser> users);

        /**
         * The listing starts again from its first page (Graph refused the access token partway and
         * it was renewed): the users handed over so far come again.
         */
        void restarted();
    }

    /**
     * The groups whose members a sync needs: all of them, those of a kind, or chosen ones; with
     * {@code nested}, also the groups inside those, level after level.
     */
    record MemberScope(boolean all, boolean security, boolean microsoft365, Set<String> groupIds, boolean nested) {

        /** Members of every group. */
        public static final MemberScope ALL = new MemberScope(true, false, false, Set.of(), false);

        /** Members of no group. */
        public static final MemberScope NONE = new MemberScope(false, false, false, Set.of(), false);

        public MemberScope {
            groupIds = Set.copyOf(groupIds);
        }

        public boolean wants(EntraGroup group) {
            return all
                    || security && group.security()
                    || microsoft365 && group.microsoft365()
                    || groupIds.contains(group.id());
        }
    }

    /**
     * What changed since the links of an earlier read.
     *
     * @throws FullSyncRequired when Graph no longer knows a link (expired or reset): read everything instead
     */
    default Changes readChanges(DeltaLinks links) {
        return readChanges(links, () -> {});
    }

    /** As {@link #readChanges(DeltaLinks)}, calling {@code onPage} after each page read from Graph. */
    Changes readChanges(DeltaLinks links, Runnable onPage);

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
