package io.switchboard.sync.web;

import io.swagger.v3.oas.annotations.media.Schema;
import io.switchboard.entra.EntraUser.UserType;
import io.switchboard.reconcile.InvalidSetting;
import io.switchboard.reconcile.Policies.AccountState;
import io.switchboard.reconcile.Policies.NumberSource;
import io.switchboard.reconcile.Policies.UserRange;
import io.switchboard.reconcile.Policies.WhenOutOfScope;
import io.switchboard.reconcile.UserSyncSettings;
import io.switchboard.shared.MergePatch;
import io.switchboard.shared.ProblemException;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The user-sync settings (U1–U6, X8) as the API reads and answers them; absent values take their
 * defaults.
 *
 * @param startNumber where automatic numbers start: 1 to 15 digits, leading zeros kept
 * @param numberProperty the user property numbers are read from: {@code businessPhones} (its first
 *     value), {@code mobilePhone}, {@code employeeId}, or
 *     {@code onPremisesExtensionAttributes.extensionAttribute1} … {@code 15}
 * @param nestedGroups count members of nested groups as members of a range group (X8)
 */
@Schema(name = "UserSyncSettings")
record UserSyncSettingsBody(
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

    static UserSyncSettingsBody of(UserSyncSettings s) {
        return new UserSyncSettingsBody(
                s.enabled(),
                s.range(),
                s.userTypes(),
                s.groupIds(),
                s.numberSource(),
                s.startNumber().value(),
                s.numberProperty(),
                s.deleteWhenAccount(),
                s.associateByEmail(),
                s.sendWelcomeEmail(),
                s.whenOutOfScope(),
                s.nestedGroups());
    }

    /** The settings a merge patch (RFC 7396) makes of the current ones; a field breaking a rule is refused by name. */
    static UserSyncSettings merge(JsonMapper mapper, UserSyncSettings current, JsonNode patch) {
        return MergePatch.apply(mapper, of(current), patch, UserSyncSettingsBody.class)
                .settings();
    }

    UserSyncSettings settings() {
        try {
            return UserSyncSettings.of(
                    enabled,
                    range,
                    userTypes,
                    groupIds,
                    numberSource,
                    startNumber,
                    numberProperty,
                    deleteWhenAccount,
                    associateByEmail,
                    sendWelcomeEmail,
                    whenOutOfScope,
                    nestedGroups);
        } catch (InvalidSetting e) {
            throw ProblemException.invalid(e.field(), e.rule());
        }
    }
}
