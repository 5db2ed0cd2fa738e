package io.switchboard.emulator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * The tenant's RS256 signing keys, as Microsoft rolls them over: one key signs; the JWKS publishes it together with
 * keys published ahead of use and keys that signed before a rotation, until those retire. A retired key leaves the
 * JWKS and tokens it signed no longer verify.
 */
final class SigningKeys {

    private static final class Entry {
        final RSAKey key;
        Instant retireAt;

        Entry(RSAKey key) {
            this.key = key;
        }
    }

    private final Clock clock;
    private final List<Entry> published = new ArrayList<>();
    private Entry signing;
    private Entry next;

    SigningKeys(Clock clock) {
        this.clock = clock;
        rotate();
    }

    /** A new key signs from now on; every key published before stays published until retired. */
    synchronized String rotate() {
        Entry entry = next != null ? next : publish();
        next = null;
        entry.retireAt = null;
        signing = entry;
        return entry.key.getKeyID();
    }

    /**
     * A new key signs from now on; every other published key stays in the JWKS for {@code overlap} (on the emulator's
     * clock) and then retires.
     */
    synchronized String rotate(Duration overlap) {
        String kid = rotate();
        Instant retireAt = clock.instant().plus(overlap);
        for (Entry e : published) {
            if (e != signing && e != next && (e.retireAt == null || e.retireAt.isAfter(retireAt))) {
                e.retireAt = retireAt;
            }
        }
        return kid;
    }

    /** Publishes a key in the JWKS ahead of use; the next rotation makes it the signing key. */
    synchronized String publishNext() {
        if (next == null) {
            next = publish();
        }
        return next.key.getKeyID();
    }

    /** Removes a published key from the JWKS now; the signing key cannot be retired. */
    synchronized void retire(String kid) {
        purgeRetired();
        Entry entry = published.stream()
                .filter(e -> e.key.getKeyID().equals(kid))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no published signing key " + kid));
        if (entry == signing) {
            throw new IllegalStateException("the current signing key cannot be retired; rotate first");
        }
        published.remove(entry);
        if (entry == next) {
            next = null;
        }
    }

    synchronized String currentKeyId() {
        return signing.key.getKeyID();
    }

    synchronized List<String> publishedKeyIds() {
        purgeRetired();
        return published.stream().map(e -> e.key.getKeyID()).toList();
    }

    synchronized String sign(JWTClaimsSet claims) {
        return sign(claims, signing.key);
    }

    static String sign(JWTClaimsSet claims, RSAKey key) {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(JOSEObjectType.JWT)
                        .keyID(key.getKeyID())
                        .build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** A fresh 2048-bit RSA key with a Microsoft-like {@code kid}, never published. */
    static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString().replace("-", "").substring(0, 27))
                    .keyUse(KeyUse.SIGNATURE)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a token signed by a published key, or null if it does not parse or verify. */
    synchronized JWTClaimsSet verify(String token) {
        purgeRetired();
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
                return null;
            }
            for (Entry e : published) {
                if (e.key.getKeyID().equals(jwt.getHeader().getKeyID())) {
                    return jwt.verify(new RSASSAVerifier(e.key.toRSAPublicKey())) ? jwt.getJWTClaimsSet() : null;
                }
            }
            return null;
        } catch (ParseException | JOSEException | RuntimeException e) {
            return null;
        }
    }

    synchronized Map<String, Object> jwks() {
        purgeRetired();
        List<com.nimbusds.jose.jwk.JWK> publicKeys = new ArrayList<>();
        for (Entry e : published) {
            publicKeys.add(e.key.toPublicJWK());
        }
        return new JWKSet(publicKeys).toJSONObject(true);
    }

    private Entry publish() {
        Entry entry = new Entry(newKey());
        published.add(entry);
        return entry;
    }

    private void purgeRetired() {
        Instant now = clock.instant();
        published.removeIf(e -> e != signing && e.retireAt != null && !now.isBefore(e.retireAt));
    }
}
