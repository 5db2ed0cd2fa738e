package io.switchboard.entra;

import java.time.LocalDate;

/** The settings a {@code PUT /api/v1/integration} sets; an omitted (null) field keeps its value. */
public record IntegrationInput(
        String clientId,
        String tenantId,
        String clientSecret,
        Cloud cloud,
        String loginEndpoint,
        String graphEndpoint,
        IntegrationMode mode,
        LocalDate clientSecretExpiresAt) {

    @Override
    public String toString() {
        return "IntegrationInput[clientId=" + clientId + ", tenantId=" + tenantId + ", clientSecret="
                + (clientSecret == null ? "null" : "(hidden)") + ", cloud=" + cloud + ", mode=" + mode + "]";
    }
}
