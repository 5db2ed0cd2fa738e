package io.switchboard.softphone.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.softphone.ClientTokens;
import io.switchboard.softphone.SoftphoneSso;
import io.switchboard.softphone.SsoSettings;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The SSO settings (S1, admin API) and the mobile client's ticket exchange (S2). */
@RestController
@Tag(name = "Softphone sign-in", description = "Sign-in of synced users with Microsoft (S1, S2)")
class SoftphoneApiController {

    /** The mobile app's ticket from {@code switchboard://signed-in?ticket=…}. */
    record TicketRequest(String ticket) {}

    private final SoftphoneSso sso;
    private final ClientTokens tokens;

    SoftphoneApiController(SoftphoneSso sso, ClientTokens tokens) {
        this.sso = sso;
        this.tokens = tokens;
    }

    @GetMapping("/api/v1/integration/sso")
    @Operation(summary = "The softphone SSO switch and web redirect URI (S1)")
    SsoSettings get() {
        return sso.get();
    }

    @PutMapping("/api/v1/integration/sso")
    @Operation(
            summary = "Switch softphone SSO on or off and choose the web redirect URI (S1)",
            description = "webRedirectUri must be one of ssoRedirectUris of GET /api/v1/integration (else 400);"
                    + " 409 SETTINGS_FROZEN while the integration is disabled; forgotten on disconnect.")
    SsoSettings put(@RequestBody SsoSettings settings) {
        return sso.update(settings);
    }

    @PostMapping("/api/v1/client/tokens")
    @Operation(
            summary = "Trade the mobile sign-in ticket for a client token (S2)",
            description = "The ticket is used once and lives 60 seconds; else 401 SSO_TOKEN_INVALID.")
    ClientTokens.Issued token(@RequestBody TicketRequest request) {
        return tokens.redeem(request == null ? null : request.ticket());
    }
}
