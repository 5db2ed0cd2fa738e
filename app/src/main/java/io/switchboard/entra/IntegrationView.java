package io.switchboard.entra;

import java.time.LocalDate;
import java.util.List;

/**
 * The integration as the API shows it (API.md, "Integration"); never the secret or a token.
 *
 * @param clientSecretWarning a sentence when the secret expires within 30 days or has expired, else null (C5)
 * @param permissions the Graph permissions to grant in the app registration for the chosen mode (C2)
 */
public record IntegrationView(
        IntegrationStatus status,
        String statusReason,
        boolean enabled,
        String clientId,
        String tenantId,
        Cloud cloud,
        String loginEndpoint,
        String graphEndpoint,
        IntegrationMode mode,
        String redirectUri,
        List<String> ssoRedirectUris,
        LocalDate clientSecretExpiresAt,
        String clientSecretWarning,
        boolean clientSecretSet,
        String authorizationAccount,
        List<String> permissions) {}
