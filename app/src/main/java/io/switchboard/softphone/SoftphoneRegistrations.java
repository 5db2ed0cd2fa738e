package io.switchboard.softphone;

import io.switchboard.entra.SignInClient;
import java.util.Map;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.stereotype.Component;

/**
 * The two OpenID Connect registrations of the softphone sign-in, built on every look-up from the
 * stored integration and SSO settings, so a reconnected tenant or a new secret is used at once:
 * {@value #WEB} comes back to the chosen web redirect URI, {@value #MOBILE} to the integration's own.
 */
@Component
class SoftphoneRegistrations implements ClientRegistrationRepository {

    static final String WEB = "microsoft-web";
    static final String MOBILE = "microsoft-mobile";
    static final String TENANT = "tenant";

    private final SignInClient client;
    private final SoftphoneSso sso;

    SoftphoneRegistrations(SignInClient client, SoftphoneSso sso) {
        this.client = client;
        this.sso = sso;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!WEB.equals(registrationId) && !MOBILE.equals(registrationId)) {
            return null;
        }
        return client.current()
                .map(r -> ClientRegistration.withRegistrationId(registrationId)
                        .clientId(r.clientId())
                        .clientSecret(r.clientSecret())
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                        .redirectUri(
                                WEB.equals(registrationId) ? sso.get().webRedirectUri() : r.integrationRedirectUri())
                        .scope("openid", "profile", "email")
                        .authorizationUri(r.authorizationUri())
                        .tokenUri(r.tokenUri())
                        .jwkSetUri(r.jwkSetUri())
                        .issuerUri(r.issuer())
                        .userNameAttributeName(IdTokenClaimNames.SUB)
                        .providerConfigurationMetadata(Map.of(TENANT, r.tenantId()))
                        .clientName("Microsoft")
                        .clientSettings(ClientRegistration.ClientSettings.builder()
                                .requireProofKey(true)
                                .build())
                        .build())
                .orElse(null);
    }
}
