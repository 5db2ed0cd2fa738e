package io.switchboard.sync.web;

import io.swagger.v3.oas.annotations.media.Schema;
import io.switchboard.reconcile.GroupSyncSettings;
import io.switchboard.reconcile.InvalidSetting;
import io.switchboard.reconcile.Policies.GroupRange;
import io.switchboard.reconcile.Policies.GroupType;
import io.switchboard.reconcile.Policies.WhenOutOfScope;
import io.switchboard.shared.MergePatch;
import io.switchboard.shared.ProblemException;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The group-sync settings (G1–G3) as the API reads and answers them; absent values take their defaults. */
@Schema(name = "GroupSyncSettings")
record GroupSyncSettingsBody(
        Boolean enabled,
        GroupRange range,
        Set<GroupType> groupTypes,
        List<String> groupIds,
        WhenOutOfScope whenOutOfScope) {

    static GroupSyncSettingsBody of(GroupSyncSettings s) {
        return new GroupSyncSettingsBody(s.enabled(), s.range(), s.groupTypes(), s.groupIds(), s.whenOutOfScope());
    }

    /** The settings a merge patch (RFC 7396) makes of the current ones; a field breaking a rule is refused by name. */
    static GroupSyncSettings merge(JsonMapper mapper, GroupSyncSettings current, JsonNode patch) {
        return MergePatch.apply(mapper, of(current), patch, GroupSyncSettingsBody.class)
                .settings();
    }

    GroupSyncSettings settings() {
        try {
            return GroupSyncSettings.of(enabled, range, groupTypes, groupIds, whenOutOfScope);
        } catch (InvalidSetting e) {
            throw ProblemException.invalid(e.field(), e.rule());
        }
    }
}
