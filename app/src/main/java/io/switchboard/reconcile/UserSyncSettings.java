package io.switchboard.reconcile;

import io.switchboard.entra.EntraUser.UserType;
import io.switchboard.reconcile.Policies.AccountState;
import io.switchboard.reconcile.Policies.NumberSource;
import io.switchboard.reconcile.Policies.UserRange;
import io.switchboard.reconcile.Policies.WhenOutOfScope;
import io.switchboard.shared.ExtensionNumber;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The user-sync settings (U1–U6, X8) as the planner takes them: complete, immutable and valid.
 * The REST body and the stored document are shapes of their own that become this through
 * {@link #of}, where absent values take their defaults; a setting that breaks a rule is an
 * {@link InvalidSetting} naming it.
 *
 * @param startNumber where automatic numbers start, leading zeros kept (U2)
 * @param numberProperty the user property numbers are read from: {@code businessPhones} (its first
 *     value), {@code mobilePhone}, {@code employeeId}, or
 *     {@code onPremisesExtensionAttributes.extensionAttribute1} … {@code 15}
 * @param nestedGroups count members of nested groups as members of a range group (X8)
 */
public record UserSyncSettings(
        boolean enabled,
        UserRange range,
        Set<UserType> userTypes,
        List<String> groupIds,
        NumberSource numberSource,
        ExtensionNumber startNumber,
        String numberProperty,
        Set<AccountState> deleteWhenAccount,
        boolean associateByEmail,
        boolean sendWelcomeEmail,
        WhenOutOfScope whenOutOfScope,
        boolean nestedGroups) {

    /** The start number when none is given. */
    public static final ExtensionNumber DEFAULT_START = ExtensionNumber.of("1000");

    private static final Pattern ATTRIBUTE =
            Pattern.compile("onPremisesExtensionAttributes\\.extensionAttribute([1-9]|1[0-5])");

    /** User sync switched off, every other setting at its default. */
    public static final UserSyncSettings DEFAULT =
            of(false, null, null, null, null, null, null, null, null, null, null, null);

    public UserSyncSettings {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(numberSource, "numberSource");
        Objects.requireNonNull(startNumber, "startNumber");
        Objects.requireNonNull(whenOutOfScope, "whenOutOfScope");
        userTypes = userTypes == null || userTypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(userTypes));
        groupIds = groupIds == null ? List.of() : List.copyOf(new LinkedHashSet<>(groupIds));
        deleteWhenAccount = deleteWhenAccount == null || deleteWhenAccount.isEmpty()
                ? Set.of()
                : Set.copyOf(EnumSet.copyOf(deleteWhenAccount));
        if (range == UserRange.USER_TYPES && userTypes.isEmpty()) {
            throw new InvalidSetting("userTypes", "needs MEMBER, GUEST or both when range is USER_TYPES");
        }
        if (range == UserRange.GROUPS && groupIds.isEmpty()) {
            throw new InvalidSetting("groupIds", "needs at least one group when range is GROUPS");
        }
        if (numberSource == NumberSource.PROPERTY && !knownProperty(numberProperty)) {
            throw new InvalidSetting(
                    "numberProperty",
                    "must be businessPhones, mobilePhone, employeeId or"
                            + " onPremisesExtensionAttributes.extensionAttribute1 … 15 when numbers come from a property");
        }
    }

    /**
     * The settings from values as the API and the stored document hold them: absent (null) values
     * take their defaults (off, range ALL, numbers AUTO from {@code 1000}, RELEASE when out of
     * scope); the start number is trimmed and must be 1 to 15 digits.
     */
    public static UserSyncSettings of(
            Boolean enabled,
            UserRange range,
            Set<UserType> userTypes,
            List<String> groupIds,
            NumberSource numberSource,
            String startNumber,
            String numberProperty,
            Set<AccountState> deleteWhenAccount,
            Boolean associateByEmail,
            Boolean sendWelcomeEmail,
            WhenOutOfScope whenOutOfScope,
            Boolean nestedGroups) {
        ExtensionNumber start = startNumber == null
                ? DEFAULT_START
                : ExtensionNumber.parse(startNumber.strip())
                        .orElseThrow(
                                () -> new InvalidSetting("startNumber", ExtensionNumber.RULE + ", such as \"1000\""));
        return new UserSyncSettings(
                Boolean.TRUE.equals(enabled),
                range == null ? UserRange.ALL : range,
                userTypes,
                groupIds,
                numberSource == null ? NumberSource.AUTO : numberSource,
                start,
                numberProperty,
                deleteWhenAccount,
                Boolean.TRUE.equals(associateByEmail),
                Boolean.TRUE.equals(sendWelcomeEmail),
                whenOutOfScope == null ? WhenOutOfScope.RELEASE : whenOutOfScope,
                Boolean.TRUE.equals(nestedGroups));
    }

    static boolean knownProperty(String property) {
        return property != null
                && (property.equals("businessPhones")
                        || property.equals("mobilePhone")
                        || property.equals("employeeId")
                        || ATTRIBUTE.matcher(property).matches());
    }
}
