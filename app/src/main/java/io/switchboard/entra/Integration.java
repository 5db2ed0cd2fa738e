package io.switchboard.entra;

import java.time.LocalDate;

/**
 * The stored connection, secrets still sealed.
 *
 * @param sealedSecret the client secret as {@code SecretBox} sealed it
 * @param sealedRefreshToken the delegated refresh token as {@code SecretBox} sealed it
 */
record Integration(
        String clientId,
        String tenantId,
        String sealedSecret,
        LocalDate clientSecretExpiresAt,
        Cloud cloud,
        String customLogin,
        String customGraph,
        IntegrationMode mode,
        boolean enabled,
        IntegrationStatus status,
        String statusReason,
        String sealedRefreshToken,
        String authorizationAccount) {

    String loginEndpoint() {
        return cloud == Cloud.CUSTOM ? customLogin : cloud.loginEndpoint();
    }

    String graphEndpoint() {
        return cloud == Cloud.CUSTOM ? customGraph : cloud.graphEndpoint();
    }

    boolean configured() {
        return clientId != null
                && tenantId != null
                && sealedSecret != null
                && loginEndpoint() != null
                && graphEndpoint() != null;
    }

    Integration withStatus(IntegrationStatus newStatus, String reason) {
        return new Integration(
                clientId,
                tenantId,
                sealedSecret,
                clientSecretExpiresAt,
                cloud,
                customLogin,
                customGraph,
                mode,
                enabled,
                newStatus,
                reason,
                sealedRefreshToken,
                authorizationAccount);
    }

    Integration withRefreshToken(String sealed, String account) {
        return new Integration(
                clientId,
                tenantId,
                sealedSecret,
                clientSecretExpiresAt,
                cloud,
                customLogin,
                customGraph,
                mode,
                enabled,
                status,
                statusReason,
                sealed,
                account);
    }

    Integration withSecret(String sealed, LocalDate expiresAt) {
        return new Integration(
                clientId,
                tenantId,
                sealed,
                expiresAt,
                cloud,
                customLogin,
                customGraph,
                mode,
                enabled,
                status,
                statusReason,
                sealedRefreshToken,
                authorizationAccount);
    }
}
