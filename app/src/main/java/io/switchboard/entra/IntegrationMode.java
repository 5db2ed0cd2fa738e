package io.switchboard.entra;

/** How Switchboard calls Microsoft Graph (C2). */
public enum IntegrationMode {
    /** As the signed-in authorization account (authorization-code flow with PKCE). */
    DELEGATED,
    /** As the application itself (client credentials), with admin-consented application permissions. */
    APPLICATION
}
