package io.switchboard.sync.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.shared.EntraIds;
import io.switchboard.sync.SyncSettingsChanges;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/integration")
@Tag(name = "Sync settings", description = "User sync (U1-U6, X8) and group sync (G1-G3); pausing (M4, M5)")
class RuleSettingsController {

    private final SyncSettingsChanges changes;
    private final JsonMapper mapper;

    RuleSettingsController(SyncSettingsChanges changes, JsonMapper mapper) {
        this.changes = changes;
        this.mapper = mapper;
    }

    @GetMapping("/user-sync")
    UserSyncSettingsBody users() {
        return UserSyncSettingsBody.of(changes.users());
    }

    @PutMapping("/user-sync")
    @Operation(
            summary = "Change the user-sync settings (omitted fields keep their value). The first save runs the"
                    + " initial sync; switching off may delete the synced extensions (deleteSyncedExtensions)")
    UserSyncSettingsBody putUsers(@RequestBody JsonNode document) {
        EntraIds.requireObjectIds(document, "groupIds");
        return UserSyncSettingsBody.of(
                changes.updateUsers(document, (current, patch) -> UserSyncSettingsBody.merge(mapper, current, patch)));
    }

    @GetMapping("/group-sync")
    GroupSyncSettingsBody groups() {
        return GroupSyncSettingsBody.of(changes.groups());
    }

    @PutMapping("/group-sync")
    @Operation(
            summary = "Change the group-sync settings (omitted fields keep their value); switching off may delete"
                    + " the synced groups (deleteSyncedGroups)")
    GroupSyncSettingsBody putGroups(@RequestBody JsonNode document) {
        EntraIds.requireObjectIds(document, "groupIds");
        return GroupSyncSettingsBody.of(changes.updateGroups(
                document, (current, patch) -> GroupSyncSettingsBody.merge(mapper, current, patch)));
    }
}
