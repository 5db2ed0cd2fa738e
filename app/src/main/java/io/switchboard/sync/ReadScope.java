package io.switchboard.sync;

import io.switchboard.entra.TenantReader.MemberScope;
import io.switchboard.reconcile.GroupSyncSettings;
import io.switchboard.reconcile.Policies.GroupType;
import io.switchboard.reconcile.Policies.UserRange;
import io.switchboard.reconcile.UserSyncSettings;
import java.util.HashSet;
import java.util.Set;

/**
 * The groups whose members a sync with given settings needs (issue 15 point 1): those the group
 * sync covers (G1) and those that make the user range (U1), with the groups nested in them when
 * nested groups count (X8). The members of other groups are not read.
 */
final class ReadScope {

    private ReadScope() {}

    static MemberScope of(UserSyncSettings users, GroupSyncSettings groups) {
        boolean all = false;
        boolean security = false;
        boolean microsoft365 = false;
        Set<String> ids = new HashSet<>();
        if (groups.enabled()) {
            switch (groups.range()) {
                case ALL -> all = true;
                case GROUP_TYPES -> {
                    security = groups.groupTypes().contains(GroupType.SECURITY);
                    microsoft365 = groups.groupTypes().contains(GroupType.MICROSOFT_365);
                }
                case GROUPS -> ids.addAll(groups.groupIds());
            }
        }
        if (users.enabled() && users.range() == UserRange.GROUPS) {
            ids.addAll(users.groupIds());
        }
        boolean any = all || security || microsoft365 || !ids.isEmpty();
        if (!any) {
            return MemberScope.NONE;
        }
        return new MemberScope(all, security, microsoft365, ids, users.nestedGroups() && !all);
    }
}
