package io.switchboard.emulator;

import static io.switchboard.emulator.TestClient.form;
import static io.switchboard.emulator.TestClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tampered ID tokens for relying-party tests (issue 19 points 4 and 7): each {@link IdTokens.Fault} is wrong in
 * exactly one way that a relying party checking §2.5 (here Nimbus) refuses, both when the token endpoint hands it out
 * after a real sign-in at the login form and when a test mints it directly.
 */
class TamperedIdTokenTest {

    static final String WEB = "http://localhost:8080/client/sso/microsoft/callback";

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withEmptyTenant()
            .configure(b -> b.redirectUri(WEB).interactiveSignIn().defaultPassword(null));

    private final GraphEmulator emulator = graph.emulator();
    private final TestClient client = new TestClient(emulator);
    private final RelyingParty relyingParty = new RelyingParty(emulator);

    /** The user's id token from a full sign-in at the login form in a new browser, with this nonce. */
    private String signInAndRedeem(Browser browser, EntraUser user, String password, String nonce) {
        String verifier = "v-" + UUID.randomUUID() + UUID.randomUUID();
        Map<String, String> q = new LinkedHashMap<>();
        q.put("client_id", emulator.clientId());
        q.put("response_type", "code");
        q.put("redirect_uri", WEB);
        q.put("scope", "openid profile");
        q.put("state", "st");
        q.put("nonce", nonce);
        q.put("code_challenge", TestClient.challenge(verifier));
        q.put("code_challenge_method", "S256");
        String url = emulator.authorizeEndpoint() + "?" + HttpMessages.query(q);
        HttpResponse<String> response = browser.get(url);
        if (response.statusCode() == 200) {
            response = browser.submit(url, response, Map.of("loginfmt", user.userPrincipalName(), "passwd", password));
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        String code = HttpMessages.parseForm(
                        URI.create(response.headers().firstValue("Location").orElseThrow())
                                .getRawQuery())
                .get("code");
        HttpResponse<String> tokens = client.token(form(
                "grant_type",
                "authorization_code",
                "client_id",
                emulator.clientId(),
                "client_secret",
                emulator.clientSecret(),
                "code",
                code,
                "redirect_uri",
                WEB,
                "code_verifier",
                verifier));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return (String) json(tokens).get("id_token");
    }

    private EntraUser user(String password) {
        String alias = "li" + UUID.randomUUID().toString().substring(0, 8);
        EntraUser user = emulator.tenant()
                .createUser(u -> u.displayName("Li Na")
                        .userPrincipalName(alias + "@" + emulator.tenant().domain()));
        emulator.tenant().setPassword(user.id(), password);
        return user;
    }

    private static String refusal(IdTokens.Fault fault) {
        return switch (fault) {
            case BAD_SIGNATURE -> "Invalid signature";
            case UNKNOWN_KEY -> "no matching key";
            case OTHER_ISSUER, OTHER_TENANT -> "iss claim";
            case OTHER_AUDIENCE -> "audience rejected";
            case EXPIRED -> "Expired JWT";
            case NOT_YET_VALID -> "before use time";
            case WRONG_NONCE -> "nonce claim";
        };
    }

    @ParameterizedTest
    @EnumSource(IdTokens.Fault.class)
    void theNextIdTokenOfTheTokenEndpointCanBeTamperedAndARelyingPartyRefusesIt(IdTokens.Fault fault) throws Exception {
        EntraUser user = user("Tamper-Pass-1");
        Browser browser = new Browser();
        emulator.idTokens().tamperNext(fault);
        String tampered = signInAndRedeem(browser, user, "Tamper-Pass-1", "nonce-a");

        assertThatThrownBy(() -> relyingParty.validate(tampered, "nonce-a"))
                .isInstanceOf(BadJOSEException.class)
                .hasMessageContaining(refusal(fault));

        String next = signInAndRedeem(browser, user, "Tamper-Pass-1", "nonce-b");
        assertThat(relyingParty.validate(next, "nonce-b").getStringClaim("oid")).isEqualTo(user.id());
    }

    @Test
    void anotherTenantsTokenKeepsTheUsersOidSoOnlyTheTenantChecksRefuseIt() throws Exception {
        EntraUser user = user("Tenant-Pass-1");
        JWTClaimsSet claims = SignedJWT.parse(emulator.idTokens().issue(user.id(), "n", IdTokens.Fault.OTHER_TENANT))
                .getJWTClaimsSet();
        String other = emulator.idTokens().otherTenantId();
        assertThat(other).isNotEqualTo(emulator.tenantId());
        assertThat(claims.getStringClaim("tid")).isEqualTo(other);
        assertThat(claims.getIssuer()).isEqualTo(emulator.baseUrl() + "/" + other + "/v2.0");
        assertThat(claims.getStringClaim("oid")).isEqualTo(user.id());
    }

    @Test
    void badSignatureTokensNameTheCurrentKeyAndUnknownKeyTokensAKeyTheJwksNeverPublished() throws Exception {
        EntraUser user = user("Key-Pass-1");
        SignedJWT bad = SignedJWT.parse(emulator.idTokens().issue(user.id(), "n", IdTokens.Fault.BAD_SIGNATURE));
        SignedJWT unknown = SignedJWT.parse(emulator.idTokens().issue(user.id(), "n", IdTokens.Fault.UNKNOWN_KEY));
        assertThat(bad.getHeader().getKeyID()).isEqualTo(emulator.signingKeyId());
        assertThat(emulator.publishedSigningKeyIds())
                .doesNotContain(unknown.getHeader().getKeyID());
    }

    @Test
    void mintedTokensAreCorrectUnlessAFaultIsAsked() throws Exception {
        EntraUser user = user("Mint-Pass-1");
        JWTClaimsSet claims = relyingParty.validate(emulator.idTokens().issue(user.id(), "n-1"), "n-1");
        assertThat(claims.getStringClaim("oid")).isEqualTo(user.id());
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo(user.userPrincipalName());
        assertThat(claims.getAudience()).containsExactly(emulator.clientId());
        assertThatThrownBy(() -> relyingParty.validate(
                        emulator.idTokens().issue(user.id(), "n-1", IdTokens.Fault.OTHER_AUDIENCE), "n-1"))
                .hasMessageContaining("audience rejected");
    }

    @Test
    void withNoDefaultPasswordOnlyUsersGivenAPasswordCanSignIn() {
        Browser browser = new Browser();
        String url = emulator.authorizeEndpoint() + "?"
                + HttpMessages.query(Map.of(
                        "client_id", emulator.clientId(),
                        "response_type", "code",
                        "redirect_uri", WEB,
                        "scope", "openid",
                        "state", "s"));
        HttpResponse<String> page = browser.get(url);
        HttpResponse<String> refused = browser.submit(
                url,
                page,
                Map.of(
                        "loginfmt",
                        emulator.authorizationAccount().userPrincipalName(),
                        "passwd",
                        Tenant.DEFAULT_PASSWORD));
        assertThat(refused.body()).contains("AADSTS50126");
    }
}
