package io.switchboard.presence.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.presence.PresenceSync;
import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import io.switchboard.shared.SoftphoneUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/me/teams-presence")
@Tag(name = "Teams presence")
class MyTeamsPresenceController {

    private final PresenceSync presence;

    MyTeamsPresenceController(PresenceSync presence) {
        this.presence = presence;
    }

    @GetMapping
    @Operation(summary = "The signed-in softphone user's Teams presence choice (T1)")
    TeamsPresenceBody get(@AuthenticationPrincipal SoftphoneUser user) {
        return TeamsPresenceBody.of(presence.get(required(user).extensionId()));
    }

    @PutMapping
    @Operation(summary = "The signed-in softphone user chooses to follow Teams and the mapping (T1)")
    TeamsPresenceBody put(@AuthenticationPrincipal SoftphoneUser user, @RequestBody TeamsPresenceBody body) {
        return TeamsPresenceBody.of(presence.set(required(user).extensionId(), body.setting()));
    }

    private static SoftphoneUser required(SoftphoneUser user) {
        if (user == null) {
            throw new ProblemException(
                    ProblemCode.FORBIDDEN, "Sign in to the softphone with Microsoft to choose your Teams presence.");
        }
        return user;
    }
}
