package io.switchboard.emulator;

import static io.switchboard.emulator.TestClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Signing-key rollover (reference §2.1, §12 "support key rollover", issue 19 point 7): a new key signs, the JWKS
 * publishes old and new for an overlap, then the old key retires and what it signed no longer verifies.
 */
class SigningKeyRotationTest {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withEmptyTenant()
            .configure(b -> b.redirectUri(TestClient.REDIRECT).accessTokenLifetime(Duration.ofHours(2)));

    private final GraphEmulator emulator = graph.emulator();
    private final TestClient client = new TestClient(emulator);
    private final RelyingParty relyingParty = new RelyingParty(emulator);

    private List<String> jwksKids() throws Exception {
        return relyingParty.jwks().getKeys().stream().map(JWK::getKeyID).toList();
    }

    private boolean verifiesAgainstTheJwks(String token) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        JWKSet keys = relyingParty.jwks();
        JWK key = keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        return key != null && jwt.verify(new RSASSAVerifier((RSAKey) key));
    }

    @Test
    void rotationPublishesBothKeysSignsWithTheNewOneAndRetiresTheOldAfterTheOverlap() throws Exception {
        String userId = emulator.authorizationAccount().id();
        String oldKid = emulator.signingKeyId();
        String oldIdToken = emulator.idTokens().issue(userId, "n-old");
        String oldAccessToken = client.delegatedToken();
        assertThat(SignedJWT.parse(oldAccessToken).getHeader().getKeyID()).isEqualTo(oldKid);

        String newKid = emulator.rotateSigningKey(Duration.ofMinutes(10));
        try {
            assertThat(newKid).isNotEqualTo(oldKid);
            assertThat(emulator.signingKeyId()).isEqualTo(newKid);
            assertThat(jwksKids()).contains(oldKid, newKid);
            String newIdToken = emulator.idTokens().issue(userId, "n-new");
            assertThat(SignedJWT.parse(newIdToken).getHeader().getKeyID()).isEqualTo(newKid);
            assertThat(SignedJWT.parse(client.delegatedToken()).getHeader().getKeyID())
                    .isEqualTo(newKid);
            assertThat(verifiesAgainstTheJwks(oldIdToken)).isTrue();
            assertThat(verifiesAgainstTheJwks(newIdToken)).isTrue();
            assertThat(client.get("/v1.0/me", oldAccessToken).statusCode()).isEqualTo(200);

            emulator.clock().advance(Duration.ofMinutes(11));

            assertThat(jwksKids()).contains(newKid).doesNotContain(oldKid);
            assertThat(emulator.publishedSigningKeyIds()).doesNotContain(oldKid);
            assertThat(verifiesAgainstTheJwks(oldIdToken)).isFalse();
            assertThat(verifiesAgainstTheJwks(newIdToken)).isTrue();
            HttpResponse<String> graphCall = client.get("/v1.0/me", oldAccessToken);
            assertThat(graphCall.statusCode()).isEqualTo(401);
            assertThat(TestClient.error(graphCall)).containsEntry("code", "InvalidAuthenticationToken");
        } finally {
            emulator.clock().advance(Duration.ofMinutes(-11));
        }
    }

    @Test
    void aKeyPublishedAheadOfUseIsInTheJwksBeforeItSigns() throws Exception {
        String current = emulator.signingKeyId();
        String next = emulator.publishNextSigningKey();
        assertThat(jwksKids()).contains(current, next);
        assertThat(SignedJWT.parse(emulator.idTokens()
                                .issue(emulator.authorizationAccount().id(), "n"))
                        .getHeader()
                        .getKeyID())
                .isEqualTo(current);

        assertThat(emulator.rotateSigningKey()).isEqualTo(next);
        assertThat(SignedJWT.parse(emulator.idTokens()
                                .issue(emulator.authorizationAccount().id(), "n"))
                        .getHeader()
                        .getKeyID())
                .isEqualTo(next);
        assertThat(jwksKids()).contains(current, next);
    }

    @Test
    void aRetiredKeyLeavesTheJwksAtOnceAndTheSigningKeyCannotBeRetired() throws Exception {
        String old = emulator.signingKeyId();
        String token = emulator.idTokens().issue(emulator.authorizationAccount().id(), "n");
        emulator.rotateSigningKey();
        assertThatThrownBy(() -> emulator.retireSigningKey(emulator.signingKeyId()))
                .isInstanceOf(IllegalStateException.class);
        emulator.retireSigningKey(old);
        assertThat(jwksKids()).doesNotContain(old).contains(emulator.signingKeyId());
        assertThat(verifiesAgainstTheJwks(token)).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theControlApiRotatesAndRetiresSigningKeys() throws Exception {
        String old = emulator.signingKeyId();
        HttpResponse<String> rotated = control("POST", "/_control/signing-keys", "{\"overlapSeconds\":3600}");
        assertThat(rotated.statusCode()).isEqualTo(201);
        Map<String, Object> keys = json(rotated);
        assertThat(keys.get("signing")).isEqualTo(emulator.signingKeyId()).isNotEqualTo(old);
        assertThat((List<Object>) keys.get("published")).contains(old, emulator.signingKeyId());

        HttpResponse<String> retired = control("DELETE", "/_control/signing-keys/" + old, "");
        assertThat(retired.statusCode()).isEqualTo(200);
        assertThat((List<Object>) json(retired).get("published")).doesNotContain(old);
        assertThat(jwksKids()).doesNotContain(old);
    }

    private HttpResponse<String> control(String method, String path, String body) {
        return client.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + emulator.controlToken())
                .header("Content-Type", "application/json")
                .build());
    }
}
