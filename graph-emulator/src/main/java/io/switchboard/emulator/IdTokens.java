package io.switchboard.emulator;

import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The tenant's v2.0 ID tokens (reference §2.5): the ones the token endpoint issues, and tokens minted for tests,
 * correct or deliberately wrong in one way ({@link Fault}), to prove that a relying party refuses each. Thread-safe.
 *
 * <pre>{@code
 * emulator.idTokens().tamperNext(IdTokens.Fault.OTHER_AUDIENCE);   // the next code redemption returns a bad id_token
 * String expired = emulator.idTokens().issue(userId, "n-1", IdTokens.Fault.EXPIRED);
 * }</pre>
 */
public final class IdTokens {

    /** One way an ID token is wrong; everything else about the token is correct. */
    public enum Fault {
        /** Signed by the tenant's current key (its {@code kid}), then the signature is altered. */
        BAD_SIGNATURE,
        /** Correctly signed by a key that the JWKS never publishes (an unknown {@code kid}). */
        UNKNOWN_KEY,
        /** {@code iss} is the tenant's v1.0 issuer {@code https://sts.windows.net/{tid}/}. */
        OTHER_ISSUER,
        /** {@code aud} is another application's client id. */
        OTHER_AUDIENCE,
        /**
         * {@code tid} and {@code iss} name another tenant; {@code oid} stays the user's, so only the tenant check
         * refuses it.
         */
        OTHER_TENANT,
        /** {@code iat} and {@code nbf} two hours ago, {@code exp} one hour ago. */
        EXPIRED,
        /** {@code iat} and {@code nbf} in one hour, {@code exp} in two. */
        NOT_YET_VALID,
        /** {@code nonce} differs from the one sent in the authorize request. */
        WRONG_NONCE
    }

    /** The default lifetime of an ID token (Microsoft: one hour). */
    public static final Duration LIFETIME = Duration.ofHours(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final GraphEmulator emulator;
    private final String otherTenantId = UUID.randomUUID().toString();
    private final String otherClientId = UUID.randomUUID().toString();
    private Set<Fault> next = EnumSet.noneOf(Fault.class);

    IdTokens(GraphEmulator emulator) {
        this.emulator = emulator;
    }

    /**
     * The next ID token the token endpoint issues (at a code redemption or refresh) carries {@code faults}; later ones
     * are correct again.
     */
    public synchronized void tamperNext(Fault... faults) {
        next = faults.length == 0 ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(List.of(faults));
    }

    /**
     * An ID token for an active user with the scopes {@code openid profile email}, as the token endpoint would issue
     * it now with {@code nonce} (null for none), with {@code faults} applied.
     */
    public String issue(String userId, String nonce, Fault... faults) {
        EntraUser user =
                emulator.tenant().user(userId).orElseThrow(() -> new IllegalArgumentException("no user " + userId));
        Set<Fault> set = faults.length == 0 ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(List.of(faults));
        return build(
                user,
                Set.of("openid", "profile", "email"),
                nonce,
                emulator.clock().instant(),
                set);
    }

    /** The tenant id that {@link Fault#OTHER_TENANT} tokens carry. */
    public String otherTenantId() {
        return otherTenantId;
    }

    /** The client id that {@link Fault#OTHER_AUDIENCE} tokens carry. */
    public String otherClientId() {
        return otherClientId;
    }

    /** The ID token of a token-endpoint response; takes the faults set by {@link #tamperNext(Fault...)}. */
    String forTokenResponse(EntraUser user, Set<String> scopes, String nonce, Instant now) {
        Set<Fault> faults;
        synchronized (this) {
            faults = next;
            next = EnumSet.noneOf(Fault.class);
        }
        return build(user, scopes, nonce, now, faults);
    }

    private String build(EntraUser user, Set<String> scopes, String nonce, Instant now, Set<Fault> faults) {
        String tid = faults.contains(Fault.OTHER_TENANT)
                ? otherTenantId
                : emulator.tenant().id();
        String issuer = faults.contains(Fault.OTHER_ISSUER)
                ? "https://sts.windows.net/" + tid + "/"
                : emulator.baseUrl() + "/" + tid + "/v2.0";
        Instant issued = now;
        if (faults.contains(Fault.EXPIRED)) {
            issued = now.minus(LIFETIME.multipliedBy(2));
        } else if (faults.contains(Fault.NOT_YET_VALID)) {
            issued = now.plus(LIFETIME);
        }
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(
                        faults.contains(Fault.OTHER_AUDIENCE)
                                ? otherClientId
                                : emulator.app().clientId())
                .issueTime(Date.from(issued))
                .notBeforeTime(Date.from(issued))
                .expirationTime(Date.from(issued.plus(LIFETIME)))
                .subject(emulator.identity().pairwiseSubject(user.id()))
                .claim("tid", tid)
                .claim("ver", "2.0")
                .claim(
                        "sid",
                        UUID.nameUUIDFromBytes((user.id() + "session").getBytes(StandardCharsets.UTF_8))
                                .toString())
                .claim("uti", randomToken(16))
                .claim("aio", randomToken(24));
        if (scopes.contains("profile")) {
            claims.claim("oid", user.id())
                    .claim("preferred_username", user.userPrincipalName())
                    .claim("name", user.displayName());
        }
        if (scopes.contains("email") && user.mail() != null) {
            claims.claim("email", user.mail());
        }
        if (faults.contains(Fault.WRONG_NONCE)) {
            claims.claim("nonce", "not-" + (nonce == null ? randomToken(8) : nonce));
        } else if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        if (faults.contains(Fault.UNKNOWN_KEY)) {
            return SigningKeys.sign(claims.build(), SigningKeys.newKey());
        }
        String token = emulator.signingKeys().sign(claims.build());
        return faults.contains(Fault.BAD_SIGNATURE) ? alterSignature(token) : token;
    }

    private static String alterSignature(String token) {
        int dot = token.lastIndexOf('.');
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        signature[signature.length / 2] ^= 0x5A;
        return token.substring(0, dot + 1)
                + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    private static String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
