package io.switchboard.security;

import io.switchboard.secrets.MasterKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.SecretKey;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Bearer tokens for scripts: HS256 JWTs signed with a key derived from the {@link MasterKey}, so
 * every instance sharing that key accepts them. A token lives {@link #LIFETIME} and carries the
 * account's credentials version, so a password change refuses every token issued before it.
 */
@Component
class ApiTokens {

    static final Duration LIFETIME = Duration.ofHours(1);
    static final String ISSUER = "switchboard";

    private final NimbusJwtEncoder encoder;
    private final NimbusJwtDecoder decoder;
    private final Clock clock;

    static final String CREDENTIALS_VERSION = "cv";

    private final AdminAccounts accounts;

    ApiTokens(MasterKey masterKey, Clock clock, AdminAccounts accounts) {
        this.accounts = accounts;
        SecretKey key = masterKey.derive("api-token-signing-v1", "HmacSHA256");
        this.encoder = NimbusJwtEncoder.withSecretKey(key).build();
        this.decoder = NimbusJwtDecoder.withSecretKey(key)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
        timestamps.setClock(clock);
        this.decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                timestamps, new JwtIssuerValidator(ISSUER), this::issuedUnderCurrentCredentials));
        this.clock = clock;
    }

    record Issued(String token, long expiresIn) {}

    Issued issue(String username) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(username)
                .issuedAt(now)
                .expiresAt(now.plus(LIFETIME))
                .claim("scope", "admin")
                .claim(CREDENTIALS_VERSION, accounts.credentialsVersion(username))
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return new Issued(token, LIFETIME.toSeconds());
    }

    /** A token issued before the last password change is refused (issue 13.6). */
    private OAuth2TokenValidatorResult issuedUnderCurrentCredentials(Jwt jwt) {
        Object claimed = jwt.getClaims().get(CREDENTIALS_VERSION);
        int current = accounts.credentialsVersion(jwt.getSubject());
        if (claimed instanceof Number version && version.intValue() == current) {
            return OAuth2TokenValidatorResult.success();
        }
        return OAuth2TokenValidatorResult.failure(
                new OAuth2Error("invalid_token", "The token was issued before the password changed.", null));
    }

    JwtDecoder decoder() {
        return decoder;
    }
}
