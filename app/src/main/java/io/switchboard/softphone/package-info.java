/**
 * Softphone sign-in with Microsoft and the softphone web client (S1, S2): the SSO settings, the
 * OpenID Connect sign-in of synced users against the connected tenant (the protocol is Spring
 * Security's OAuth2 client and Nimbus), the mobile client's one-use tickets and client tokens, and
 * the signed-in user's own API under {@code /api/v1/me}. The filter chain that uses these lives in
 * {@code security}.
 */
@ApplicationModule(
        displayName = "Softphone",
        allowedDependencies = {"entra", "directory", "secrets", "shared", "web"})
package io.switchboard.softphone;

import org.springframework.modulith.ApplicationModule;
