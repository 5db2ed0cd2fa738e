package io.switchboard.entra;

import io.switchboard.secrets.SecretBox;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an OpenID Connect relying party needs of the connected tenant's app registration (S2): the
 * client id and secret, the tenant and the identity platform's endpoints of its cloud. Read anew on
 * every call, so a reconnected or changed integration is used at once.
 */
@Component
public class SignInClient {

    /**
     * The app registration as the softphone sign-in uses it.
     *
     * @param enabled false while the integration is disabled (nobody may sign in, S2)
     * @param issuer the v2.0 issuer of the tenant's ID tokens
     * @param integrationRedirectUri the integration's own Redirect URI, registered at C1
     */
    public record Registration(
            boolean enabled,
            String clientId,
            String clientSecret,
            String tenantId,
            String authorizationUri,
            String tokenUri,
            String jwkSetUri,
            String issuer,
            String integrationRedirectUri) {

        @Override
        public String toString() {
            return "Registration[clientId=" + clientId + ", tenantId=" + tenantId + ", issuer=" + issuer + "]";
        }
    }

    private final IntegrationStore store;
    private final SecretBox box;
    private final EntraConnection connection;

    SignInClient(IntegrationStore store, SecretBox box, EntraConnection connection) {
        this.store = store;
        this.box = box;
        this.connection = connection;
    }

    /** The registration, or empty while the integration lacks its client id, tenant, secret or endpoints. */
    @Transactional(readOnly = true)
    public Optional<Registration> current() {
        Integration i = store.read();
        if (!i.configured()) {
            return Optional.empty();
        }
        String tenantBase = i.loginEndpoint() + "/" + i.tenantId();
        return Optional.of(new Registration(
                i.enabled(),
                i.clientId(),
                box.open(EntraConnection.SECRET_PURPOSE, i.sealedSecret()),
                i.tenantId(),
                IdentityPlatform.authorizeEndpoint(i),
                IdentityPlatform.tokenEndpoint(i),
                IdentityPlatform.jwksEndpoint(i),
                tenantBase + "/v2.0",
                connection.redirectUri()));
    }
}
