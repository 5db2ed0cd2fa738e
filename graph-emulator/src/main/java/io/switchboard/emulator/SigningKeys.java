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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The tenant's RS256 signing keys. The newest key signs; every key stays in the JWKS so tokens signed before a
 * rollover still verify.
 */
final class SigningKeys {

    private final List<RSAKey> keys = new ArrayList<>();

    SigningKeys() {
        rotate();
    }

    synchronized void rotate() {
        try {
            keys.add(new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString().replace("-", "").substring(0, 27))
                    .keyUse(KeyUse.SIGNATURE)
                    .generate());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    synchronized String sign(JWTClaimsSet claims) {
        RSAKey key = keys.get(keys.size() - 1);
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

    /** The claims of a token signed by one of these keys, or null if it does not parse or verify. */
    synchronized JWTClaimsSet verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
                return null;
            }
            for (RSAKey key : keys) {
                if (key.getKeyID().equals(jwt.getHeader().getKeyID())) {
                    return jwt.verify(new RSASSAVerifier(key.toRSAPublicKey())) ? jwt.getJWTClaimsSet() : null;
                }
            }
            return null;
        } catch (ParseException | JOSEException | RuntimeException e) {
            return null;
        }
    }

    synchronized Map<String, Object> jwks() {
        List<com.nimbusds.jose.jwk.JWK> publicKeys = new ArrayList<>();
        for (RSAKey key : keys) {
            publicKeys.add(key.toPublicJWK());
        }
        return new JWKSet(publicKeys).toJSONObject(true);
    }
}
