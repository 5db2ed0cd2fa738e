package io.switchboard.reconcile;

import io.switchboard.reconcile.Policies.GroupRange;
import io.switchboard.reconcile.Policies.GroupType;
import io.switchboard.reconcile.Policies.WhenOutOfScope;
import io.switchboard.shared.ProblemException;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The group-sync settings (G1–G3), with the API's names. Absent values take their defaults. */
public record GroupSyncSettings(
        Boolean enabled,
        GroupRange range,
        Set<GroupType> groupTypes,
        List<String> groupIds,
        WhenOutOfScope whenOutOfScope) {

    public static final GroupSyncSettings DEFAULT = new GroupSyncSettings(false, null, null, null, null);

    public GroupSyncSettings {
        enabled = enabled != null && enabled;
        range = range == null ? GroupRange.ALL : range;
        groupTypes = groupTypes == null || groupTypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(groupTypes));
        groupIds = groupIds == null ? List.of() : List.copyOf(new LinkedHashSet<>(groupIds));
        whenOutOfScope = whenOutOfScope == null ? WhenOutOfScope.RELEASE : whenOutOfScope;
        if (range == GroupRange.GROUP_TYPES && groupTypes.isEmpty()) {
            throw ProblemException.invalid(
                    "groupTypes", "needs SECURITY, MICROSOFT_365 or both when range is GROUP_TYPES");
        }
        if (range == GroupRange.GROUPS && groupIds.isEmpty()) {
            throw ProblemException.invalid("groupIds", "needs at least one group when range is GROUPS");
        }
    }
}
