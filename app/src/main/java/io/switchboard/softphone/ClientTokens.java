package io.switchboard.softphone;

import io.switchboard.secrets.MasterKey;
import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import io.switchboard.shared.SoftphoneUser;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The mobile client's sign-in: a one-use ticket (lives {@link #TICKET_LIFETIME}, only its hash is
 * stored) handed over in {@code switchboard://signed-in?ticket=…}, traded for a client token: an
 * HS256 JWT with its own key derived from the master key, so every instance accepts it and no admin
 * token decoder does.
 */
@Component
public class ClientTokens {

    public static final Duration TICKET_LIFETIME = Duration.ofSeconds(60);
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(12);
    static final String ISSUER = "switchboard-softphone";

    /** A client token as the API returns it. */
    public record Issued(String accessToken, String tokenType, long expiresIn) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final NimbusJwtEncoder encoder;
    private final NimbusJwtDecoder decoder;
    private final SecureRandom random = new SecureRandom();

    ClientTokens(JdbcClient jdbc, Clock clock, MasterKey masterKey) {
        this.jdbc = jdbc;
        this.clock = clock;
        SecretKey key = masterKey.derive("softphone-client-token-v1", "HmacSHA256");
        this.encoder = NimbusJwtEncoder.withSecretKey(key).build();
        this.decoder = NimbusJwtDecoder.withSecretKey(key)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
        timestamps.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(ISSUER)));
    }

    @Transactional
    String issueTicket(SoftphoneUser user) {
        jdbc.sql("DELETE FROM softphone_ticket WHERE created_at < ?")
                .param(clock.instant().minus(TICKET_LIFETIME).atOffset(ZoneOffset.UTC))
                .update();
        byte[] b = new byte[32];
        random.nextBytes(b);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        jdbc.sql("INSERT INTO softphone_ticket (ticket_hash, extension_id, entra_object_id, created_at)"
                        + " VALUES (?, ?, ?, ?)")
                .params(
                        SignInRequests.hash(ticket),
                        user.extensionId(),
                        user.entraObjectId(),
                        clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        return ticket;
    }

    /** Trades a ticket for a client token, once, within its lifetime. */
    @Transactional
    public Issued redeem(String ticket) {
        if (ticket == null || ticket.isBlank()) {
            throw ProblemException.invalid("ticket", "is required: the ticket of switchboard://signed-in?ticket=…");
        }
        String hash = SignInRequests.hash(ticket.strip());
        var found = jdbc.sql("SELECT extension_id, entra_object_id, created_at FROM softphone_ticket"
                        + " WHERE ticket_hash = ?")
                .param(hash)
                .query((rs, n) -> new Object[] {
                    rs.getObject(1, UUID.class),
                    rs.getString(2),
                    rs.getObject(3, java.time.OffsetDateTime.class).toInstant()
                })
                .optional();
        int taken = jdbc.sql("DELETE FROM softphone_ticket WHERE ticket_hash = ?")
                .param(hash)
                .update();
        if (found.isEmpty()
                || taken != 1
                || ((Instant) found.get()[2]).plus(TICKET_LIFETIME).isBefore(clock.instant())) {
            throw new ProblemException(
                    ProblemCode.SSO_TOKEN_INVALID,
                    "The ticket is unknown, already used or older than 60 seconds. Sign in with Microsoft again.");
        }
        return issue(new SoftphoneUser((UUID) found.get()[0], (String) found.get()[1]));
    }

    Issued issue(SoftphoneUser user) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(user.extensionId().toString())
                .issuedAt(now)
                .expiresAt(now.plus(TOKEN_LIFETIME))
                .claim("oid", user.entraObjectId())
                .claim("scope", "softphone")
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return new Issued(token, "Bearer", TOKEN_LIFETIME.toSeconds());
    }

    /** Authenticates a client token as a {@link SoftphoneAuthentication}. */
    public AuthenticationProvider provider() {
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter((Jwt jwt) -> new SoftphoneAuthentication(
                new SoftphoneUser(UUID.fromString(jwt.getSubject()), jwt.getClaimAsString("oid"))));
        return provider;
    }
}
