package io.switchboard.sync.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.reconcile.GroupSyncSettings;
import io.switchboard.reconcile.UserSyncSettings;
import io.switchboard.shared.EntraIds;
import io.switchboard.sync.SyncSettingsChanges;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/integration")
@Tag(name = "Sync settings", description = "User sync (U1-U6, X8) and group sync (G1-G3); pausing (M4, M5)")
class RuleSettingsController {

    private final SyncSettingsChanges changes;

    RuleSettingsController(SyncSettingsChanges changes) {
        this.changes = changes;
    }

    @GetMapping("/user-sync")
    UserSyncSettings users() {
        return changes.users();
    }

    @PutMapping("/user-sync")
    @Operation(
            summary = "Change the user-sync settings (omitted fields keep their value). The first save runs the"
                    + " initial sync; switching off may delete the synced extensions (deleteSyncedExtensions)")
    UserSyncSettings putUsers(@RequestBody JsonNode document) {
        EntraIds.requireObjectIds(document, "groupIds");
        return changes.updateUsers(document);
    }

    @GetMapping("/group-sync")
    GroupSyncSettings groups() {
        return changes.groups();
    }

    @PutMapping("/group-sync")
    @Operation(
            summary = "Change the group-sync settings (omitted fields keep their value); switching off may delete"
                    + " the synced groups (deleteSyncedGroups)")
    GroupSyncSettings putGroups(@RequestBody JsonNode document) {
        EntraIds.requireObjectIds(document, "groupIds");
        return changes.updateGroups(document);
    }
}
