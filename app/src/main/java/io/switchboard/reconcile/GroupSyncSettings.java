package io.switchboard.reconcile;

import io.switchboard.reconcile.Policies.GroupRange;
import io.switchboard.reconcile.Policies.GroupType;
import io.switchboard.reconcile.Policies.WhenOutOfScope;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The group-sync settings (G1–G3) as the planner takes them: complete, immutable and valid. The
 * REST body and the stored document become this through {@link #of}, where absent values take
 * their defaults; a setting that breaks a rule is an {@link InvalidSetting} naming it.
 */
public record GroupSyncSettings(
        boolean enabled,
        GroupRange range,
        Set<GroupType> groupTypes,
        List<String> groupIds,
        WhenOutOfScope whenOutOfScope) {

    /** Group sync switched off, every other setting at its default. */
    public static final GroupSyncSettings DEFAULT = of(false, null, null, null, null);

    public GroupSyncSettings {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(whenOutOfScope, "whenOutOfScope");
        groupTypes = groupTypes == null || groupTypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(groupTypes));
        groupIds = groupIds == null ? List.of() : List.copyOf(new LinkedHashSet<>(groupIds));
        if (range == GroupRange.GROUP_TYPES && groupTypes.isEmpty()) {
            throw new InvalidSetting("groupTypes", "needs SECURITY, MICROSOFT_365 or both when range is GROUP_TYPES");
        }
        if (range == GroupRange.GROUPS && groupIds.isEmpty()) {
            throw new InvalidSetting("groupIds", "needs at least one group when range is GROUPS");
        }
    }

    /** The settings from values as the API and the stored document hold them; absent values take their defaults. */
    public static GroupSyncSettings of(
            Boolean enabled,
            GroupRange range,
            Set<GroupType> groupTypes,
            List<String> groupIds,
            WhenOutOfScope whenOutOfScope) {
        return new GroupSyncSettings(
                Boolean.TRUE.equals(enabled),
                range == null ? GroupRange.ALL : range,
                groupTypes,
                groupIds,
                whenOutOfScope == null ? WhenOutOfScope.RELEASE : whenOutOfScope);
    }
}
