package io.switchboard.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An Entra ID group as Microsoft Graph v1.0 exposes it. The four kinds differ by {@code groupTypes}, {@code
 * mailEnabled} and {@code securityEnabled}; see {@link #security}, {@link #microsoft365}, {@link #mailEnabledSecurity}
 * and {@link #distribution}.
 */
public record EntraGroup(
        String id,
        String displayName,
        String description,
        List<String> groupTypes,
        boolean securityEnabled,
        boolean mailEnabled,
        String mail,
        String mailNickname,
        String membershipRule,
        Instant createdDateTime) {

    /** Every property the emulator knows for groups; these are also the default properties. */
    public static final List<String> PROPERTIES = List.of(
            "id",
            "displayName",
            "description",
            "groupTypes",
            "securityEnabled",
            "mailEnabled",
            "mail",
            "mailNickname",
            "membershipRule",
            "createdDateTime");

    public EntraGroup {
        Objects.requireNonNull(id, "id");
        groupTypes = groupTypes == null ? List.of() : List.copyOf(groupTypes);
    }

    /** A security group: no group types, not mail-enabled, security-enabled. */
    public static EntraGroup security(String id, String displayName) {
        return new EntraGroup(id, displayName, null, List.of(), true, false, null, nickname(displayName), null, null);
    }

    /** A Microsoft 365 group: {@code groupTypes=["Unified"]}, mail-enabled. */
    public static EntraGroup microsoft365(String id, String displayName, String mail) {
        return new EntraGroup(
                id, displayName, null, List.of("Unified"), false, true, mail, nickname(displayName), null, null);
    }

    /** A mail-enabled security group (read-only in Graph). */
    public static EntraGroup mailEnabledSecurity(String id, String displayName, String mail) {
        return new EntraGroup(id, displayName, null, List.of(), true, true, mail, nickname(displayName), null, null);
    }

    /** A distribution group: mail-enabled, not security-enabled. */
    public static EntraGroup distribution(String id, String displayName, String mail) {
        return new EntraGroup(id, displayName, null, List.of(), false, true, mail, nickname(displayName), null, null);
    }

    private static String nickname(String displayName) {
        return displayName == null
                ? null
                : displayName.replaceAll("[^A-Za-z0-9]", "").toLowerCase();
    }

    public EntraGroup withDisplayName(String value) {
        return new EntraGroup(
                id,
                value,
                description,
                groupTypes,
                securityEnabled,
                mailEnabled,
                mail,
                mailNickname,
                membershipRule,
                createdDateTime);
    }

    public EntraGroup withDescription(String value) {
        return new EntraGroup(
                id,
                displayName,
                value,
                groupTypes,
                securityEnabled,
                mailEnabled,
                mail,
                mailNickname,
                membershipRule,
                createdDateTime);
    }

    /** Makes this a dynamic group: adds {@code DynamicMembership} to {@code groupTypes} and sets the rule. */
    public EntraGroup withMembershipRule(String rule) {
        List<String> types = new ArrayList<>(groupTypes);
        if (!types.contains("DynamicMembership")) {
            types.add("DynamicMembership");
        }
        return new EntraGroup(
                id,
                displayName,
                description,
                types,
                securityEnabled,
                mailEnabled,
                mail,
                mailNickname,
                rule,
                createdDateTime);
    }

    public EntraGroup withCreatedDateTime(Instant value) {
        return new EntraGroup(
                id,
                displayName,
                description,
                groupTypes,
                securityEnabled,
                mailEnabled,
                mail,
                mailNickname,
                membershipRule,
                value);
    }

    /** The JSON value of a Graph property, or null when unset; unknown names give null. */
    public Object property(String name) {
        return switch (name) {
            case "id" -> id;
            case "displayName" -> displayName;
            case "description" -> description;
            case "groupTypes" -> groupTypes;
            case "securityEnabled" -> securityEnabled;
            case "mailEnabled" -> mailEnabled;
            case "mail" -> mail;
            case "mailNickname" -> mailNickname;
            case "membershipRule" -> membershipRule;
            case "createdDateTime" -> createdDateTime == null ? null : createdDateTime.toString();
            default -> null;
        };
    }

    Set<String> changedProperties(EntraGroup other) {
        Set<String> changed = new HashSet<>();
        for (String p : PROPERTIES) {
            if (!Objects.equals(property(p), other.property(p))) {
                changed.add(p);
            }
        }
        return changed;
    }
}
