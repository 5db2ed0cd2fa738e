package io.switchboard.entra;

import java.util.Set;

/**
 * Microsoft Graph told this PBX that users or groups changed (M2): only ids, from notifications
 * whose {@code clientState} matched a subscription of ours. A trigger for a delta read, never the
 * data itself.
 */
public record EntraChangesNotified(Set<String> userIds, Set<String> groupIds) {

    public EntraChangesNotified {
        userIds = Set.copyOf(userIds);
        groupIds = Set.copyOf(groupIds);
    }

    public int size() {
        return userIds.size() + groupIds.size();
    }
}
