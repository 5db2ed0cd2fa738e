package io.switchboard.reconcile;

import io.switchboard.entra.EntraUser.UserType;
import io.switchboard.reconcile.Policies.AccountState;
import io.switchboard.reconcile.Policies.NumberSource;
import io.switchboard.reconcile.Policies.UserRange;
import io.switchboard.reconcile.Policies.WhenOutOfScope;
import io.switchboard.shared.ProblemException;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The user-sync settings (U1–U6, X8), with the API's names. Absent values take their defaults.
 *
 * @param numberProperty the user property numbers are read from: {@code businessPhones} (its first
 *     value), {@code mobilePhone}, {@code employeeId}, or
 *     {@code onPremisesExtensionAttributes.extensionAttribute1} … {@code 15}
 * @param nestedGroups count members of nested groups as members of a range group (X8)
 */
public record UserSyncSettings(
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

    private static final Pattern START = Pattern.compile("\\d{1,15}");
    private static final Pattern ATTRIBUTE =
            Pattern.compile("onPremisesExtensionAttributes\\.extensionAttribute([1-9]|1[0-5])");

    /** User sync switched off, every other setting at its default. */
    public static final UserSyncSettings DEFAULT =
            new UserSyncSettings(false, null, null, null, null, null, null, null, null, null, null, null);

    public UserSyncSettings {
        enabled = enabled != null && enabled;
        range = range == null ? UserRange.ALL : range;
        userTypes = userTypes == null || userTypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(userTypes));
        groupIds = groupIds == null ? List.of() : List.copyOf(new LinkedHashSet<>(groupIds));
        numberSource = numberSource == null ? NumberSource.AUTO : numberSource;
        startNumber = startNumber == null ? "1000" : startNumber.strip();
        deleteWhenAccount = deleteWhenAccount == null || deleteWhenAccount.isEmpty()
                ? Set.of()
                : Set.copyOf(EnumSet.copyOf(deleteWhenAccount));
        associateByEmail = associateByEmail != null && associateByEmail;
        sendWelcomeEmail = sendWelcomeEmail != null && sendWelcomeEmail;
        whenOutOfScope = whenOutOfScope == null ? WhenOutOfScope.RELEASE : whenOutOfScope;
        nestedGroups = nestedGroups != null && nestedGroups;
        if (!START.matcher(startNumber).matches()) {
            throw ProblemException.invalid("startNumber", "must be 1 to 15 digits, such as \"1000\"");
        }
        if (range == UserRange.USER_TYPES && userTypes.isEmpty()) {
            throw ProblemException.invalid("userTypes", "needs MEMBER, GUEST or both when range is USER_TYPES");
        }
        if (range == UserRange.GROUPS && groupIds.isEmpty()) {
            throw ProblemException.invalid("groupIds", "needs at least one group when range is GROUPS");
        }
        if (numberSource == NumberSource.PROPERTY && !knownProperty(numberProperty)) {
            throw ProblemException.invalid(
                    "numberProperty",
                    "must be businessPhones, mobilePhone, employeeId or"
                            + " onPremisesExtensionAttributes.extensionAttribute1 … 15 when numbers come from a property");
        }
    }

    static boolean knownProperty(String property) {
        return property != null
                && (property.equals("businessPhones")
                        || property.equals("mobilePhone")
                        || property.equals("employeeId")
                        || ATTRIBUTE.matcher(property).matches());
    }
}
