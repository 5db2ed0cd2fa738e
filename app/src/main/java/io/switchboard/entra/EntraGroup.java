package io.switchboard.entra;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An Entra ID group as the sync sees it.
 *
 * @param groupTypes Graph's {@code groupTypes}; contains {@code "Unified"} for a Microsoft 365 group
 * @param memberUserIds ids of the users that are direct members
 * @param memberGroupIds ids of the groups that are direct members (nesting)
 */
public record EntraGroup(
        String id,
        String displayName,
        List<String> groupTypes,
        boolean securityEnabled,
        boolean mailEnabled,
        Instant createdDateTime,
        Set<String> memberUserIds,
        Set<String> memberGroupIds) {

    public EntraGroup {
        Objects.requireNonNull(id, "id");
        groupTypes = groupTypes == null ? List.of() : List.copyOf(groupTypes);
        memberUserIds = memberUserIds == null ? Set.of() : Set.copyOf(memberUserIds);
        memberGroupIds = memberGroupIds == null ? Set.of() : Set.copyOf(memberGroupIds);
    }

    /** The same group with these members. */
    public EntraGroup withMembers(Set<String> users, Set<String> groups) {
        return new EntraGroup(
                id, displayName, groupTypes, securityEnabled, mailEnabled, createdDateTime, users, groups);
    }

    /** A Microsoft 365 (unified) group. */
    public boolean microsoft365() {
        return groupTypes.contains("Unified");
    }

    /** A security group: security-enabled and not a Microsoft 365 group (mail-enabled security groups included). */
    public boolean security() {
        return securityEnabled && !microsoft365();
    }
}
