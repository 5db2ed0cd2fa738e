package io.switchboard.presence.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.presence.PresenceSync;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/extensions/{id}/teams-presence")
@Tag(name = "Teams presence")
class TeamsPresenceController {

    private final PresenceSync presence;

    TeamsPresenceController(PresenceSync presence) {
        this.presence = presence;
    }

    @GetMapping
    @Operation(
            summary = "Whether the extension follows Teams, and its mapping (T1)",
            description = "Defaults: enabled false; AVAILABLE→AVAILABLE, BUSY→AWAY, DO_NOT_DISTURB→DO_NOT_DISTURB,"
                    + " BE_RIGHT_BACK→AWAY, APPEAR_AWAY→OFF_WORK, APPEAR_OFFLINE→OFF_WORK. 409 NOT_SYNCED for a local"
                    + " extension.")
    TeamsPresenceBody get(@PathVariable UUID id) {
        return TeamsPresenceBody.of(presence.get(id));
    }

    @PutMapping
    @Operation(
            summary = "Choose whether the extension follows Teams and its mapping (T1)",
            description = "Enabling it, or changing the mapping while enabled, applies the current Teams presence at"
                    + " once. 409 NOT_SYNCED for a local extension, 409 SETTINGS_FROZEN while the integration is"
                    + " disabled.")
    TeamsPresenceBody put(@PathVariable UUID id, @RequestBody TeamsPresenceBody body) {
        return TeamsPresenceBody.of(presence.set(id, body.setting()));
    }
}
