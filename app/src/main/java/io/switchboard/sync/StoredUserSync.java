package io.switchboard.sync;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.switchboard.entra.EntraUser.UserType;
import io.switchboard.reconcile.Policies.AccountState;
import io.switchboard.reconcile.Policies.NumberSource;
import io.switchboard.reconcile.Policies.UserRange;
import io.switchboard.reconcile.Policies.WhenOutOfScope;
import io.switchboard.reconcile.UserSyncSettings;
import java.util.List;
import java.util.Set;

/**
 * The user-sync settings as stored in {@code sync_setting} (name {@code user-sync}): the JSON
 * document every version has written, read back as it is; absent values take their defaults.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record StoredUserSync(
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

    static StoredUserSync of(UserSyncSettings s) {
        return new StoredUserSync(
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

    UserSyncSettings settings() {
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
    }
}
