package io.switchboard.emulator;

import static io.switchboard.emulator.TestClient.json;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.util.Map;
import java.util.Set;

/**
 * How a relying party checks an ID token (reference §2.2, §2.5), with Nimbus only: the issuer and keys come from the
 * tenant's discovery document and JWKS over HTTP; signature (RS256, {@code typ=JWT}), {@code iss}, {@code aud},
 * {@code tid}, {@code nonce} and {@code exp}/{@code nbf} (60 s skew) are checked.
 */
final class RelyingParty {

    private final TestClient client;
    private final GraphEmulator emulator;

    RelyingParty(GraphEmulator emulator) {
        this.emulator = emulator;
        this.client = new TestClient(emulator);
    }

    Map<String, Object> discovery() {
        return json(client.get("/" + emulator.tenantId() + "/v2.0/.well-known/openid-configuration", null));
    }

    JWKSet jwks() throws java.text.ParseException {
        return JWKSet.parse(
                client.get((String) discovery().get("jwks_uri"), null).body());
    }

    /** The verified claims; throws Nimbus's {@code BadJOSEException} for a token it refuses. */
    JWTClaimsSet validate(String idToken, String expectedNonce) throws Exception {
        String issuer = (String) discovery().get("issuer");
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
        processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(jwks())));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                emulator.clientId(),
                new JWTClaimsSet.Builder()
                        .issuer(issuer)
                        .claim("tid", emulator.tenantId())
                        .claim("nonce", expectedNonce)
                        .build(),
                Set.of("sub", "oid", "iat", "nbf", "exp", "ver")));
        return processor.process(idToken, null);
    }
}
