package io.switchboard.sync;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.switchboard.reconcile.GroupSyncSettings;
import io.switchboard.reconcile.Policies.GroupRange;
import io.switchboard.reconcile.Policies.GroupType;
import io.switchboard.reconcile.Policies.WhenOutOfScope;
import java.util.List;
import java.util.Set;

/**
 * The group-sync settings as stored in {@code sync_setting} (name {@code group-sync}): the JSON
 * document every version has written, read back as it is; absent values take their defaults.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record StoredGroupSync(
        Boolean enabled,
        GroupRange range,
        Set<GroupType> groupTypes,
        List<String> groupIds,
        WhenOutOfScope whenOutOfScope) {

    static StoredGroupSync of(GroupSyncSettings s) {
        return new StoredGroupSync(s.enabled(), s.range(), s.groupTypes(), s.groupIds(), s.whenOutOfScope());
    }

    GroupSyncSettings settings() {
        return GroupSyncSettings.of(enabled, range, groupTypes, groupIds, whenOutOfScope);
    }
}
