package io.switchboard.softphone;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;

/**
 * Verifies the ID tokens of softphone sign-ins (reference §2.5): RS256 signature by a key of the
 * tenant's JWKS (Nimbus fetches the set again for an unknown {@code kid}, so a rotated key is picked
 * up), {@code iss}, {@code aud}, {@code exp}, {@code nbf} and {@code iat} with {@link #SKEW} on the
 * injected clock, and {@code tid} equal to the connected tenant. One decoder per tenant and app, so a
 * reconnect to another tenant gets its own. The nonce is checked by Spring's OIDC login.
 */
@Component
class IdTokenDecoders implements JwtDecoderFactory<ClientRegistration> {

    static final Duration SKEW = Duration.ofMinutes(2);

    private final Clock clock;
    private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

    IdTokenDecoders(Clock clock) {
        this.clock = clock;
    }

    @Override
    public JwtDecoder createDecoder(ClientRegistration registration) {
        var provider = registration.getProviderDetails();
        String key = provider.getJwkSetUri() + " " + provider.getIssuerUri() + " " + registration.getClientId();
        return decoders.computeIfAbsent(key, k -> build(registration));
    }

    private JwtDecoder build(ClientRegistration registration) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(
                        registration.getProviderDetails().getJwkSetUri())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        OidcIdTokenValidator oidc = new OidcIdTokenValidator(registration);
        oidc.setClock(clock);
        oidc.setClockSkew(SKEW);
        JwtTimestampValidator timestamps = new JwtTimestampValidator(SKEW);
        timestamps.setClock(clock);
        String tenant = String.valueOf(
                registration.getProviderDetails().getConfigurationMetadata().get(SoftphoneRegistrations.TENANT));
        OAuth2TokenValidator<Jwt> sameTenant = jwt -> tenant.equalsIgnoreCase(jwt.getClaimAsString("tid"))
                        || !looksLikeGuid(tenant)
                                && registration
                                        .getProviderDetails()
                                        .getIssuerUri()
                                        .contains("/" + jwt.getClaimAsString("tid") + "/")
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(
                        new OAuth2Error("invalid_id_token", "The ID token names another tenant.", null));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps, oidc, sameTenant));
        return decoder;
    }

    private static boolean looksLikeGuid(String s) {
        return s.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    }
}
