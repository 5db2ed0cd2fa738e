package io.switchboard.emulator;

import static io.switchboard.emulator.TestClient.form;
import static io.switchboard.emulator.TestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** §12 "Identity (login host)": discovery, JWKS, authorize, token, admin consent, ID token claims. */
class IdentityPlatformTest {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withGeneratedTenant(7, 50)
            .configure(
                    b -> b.redirectUri(TestClient.REDIRECT).clientSecret("s3c~ret-value-for-tests-0123456789abcdef"));

    private final TestClient client = new TestClient(graph.emulator());
    private final GraphEmulator emulator = graph.emulator();

    // ---- discovery and keys

    @Test
    @SuppressWarnings("unchecked")
    void discoveryDocumentNamesTenantIssuerAndEndpoints() {
        Map<String, Object> doc =
                json(client.get("/" + emulator.tenantId() + "/v2.0/.well-known/openid-configuration", null));
        assertThat(doc.get("issuer")).isEqualTo(emulator.baseUrl() + "/" + emulator.tenantId() + "/v2.0");
        assertThat(doc.get("token_endpoint")).isEqualTo(emulator.tokenEndpoint());
        assertThat(doc.get("authorization_endpoint")).isEqualTo(emulator.authorizeEndpoint());
        assertThat(doc.get("jwks_uri"))
                .isEqualTo(emulator.baseUrl() + "/" + emulator.tenantId() + "/discovery/v2.0/keys");
        assertThat((List<Object>) doc.get("token_endpoint_auth_methods_supported"))
                .contains("client_secret_post", "client_secret_basic");
    }

    @Test
    void discoveryForCommonCarriesTheTenantIdPlaceholder() {
        Map<String, Object> doc = json(client.get("/common/v2.0/.well-known/openid-configuration", null));
        assertThat(doc.get("issuer")).isEqualTo(emulator.baseUrl() + "/{tenantid}/v2.0");
    }

    @Test
    void jwksServesRsaKeysWithKidAndKeepsOldKeysAfterRollover() throws Exception {
        String before = client.delegatedToken();
        emulator.rotateSigningKey();
        JWKSet keys = JWKSet.parse(client.get("/" + emulator.tenantId() + "/discovery/v2.0/keys", null)
                .body());
        assertThat(keys.getKeys())
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(k -> assertThat(k.getKeyID()).isNotBlank());
        SignedJWT old = SignedJWT.parse(before);
        RSAKey key = (RSAKey) keys.getKeyByKeyId(old.getHeader().getKeyID());
        assertThat(old.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(client.get("/v1.0/users?$top=1", before).statusCode()).isEqualTo(200);
    }

    // ---- authorize

    @Test
    void authorizeRejectsRedirectUriThatIsNotRegistered_AADSTS50011() {
        HttpResponse<String> response =
                client.authorize("openid", "s", "n", null, null, Map.of("redirect_uri", "http://evil.example/cb"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("AADSTS50011");
    }

    @Test
    void authorizeEchoesStateAndRedirectsWithCode() {
        HttpResponse<String> response = client.authorize("openid profile", "state-123", "n", null, null, null);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).startsWith(TestClient.REDIRECT + "?code=");
        assertThat(TestClient.redirectParams(response))
                .containsEntry("state", "state-123")
                .containsKey("code");
    }

    @Test
    void authorizeSupportsFormPostResponseMode() {
        HttpResponse<String> response =
                client.authorize("openid", "st", "n", null, null, Map.of("response_mode", "form_post"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("name=\"code\"")
                .contains("value=\"st\"")
                .contains("action=\"" + TestClient.REDIRECT);
    }

    @Test
    void declinedConsentRedirectsWithAccessDenied_AADSTS65004() {
        emulator.app().nextSignIn(AppRegistration.SignInOutcome.DECLINE_CONSENT);
        Map<String, String> params =
                TestClient.redirectParams(client.authorize("openid User.Read.All", "st", "n", null, null, null));
        assertThat(params).containsEntry("error", "access_denied").containsEntry("state", "st");
        assertThat(params.get("error_description")).startsWith("AADSTS65004");
    }

    @Test
    void promptNoneWithoutConsentRedirectsWithConsentRequired() {
        Map<String, String> params = TestClient.redirectParams(
                client.authorize("openid Contacts.Read.Shared", "st", "n", null, null, Map.of("prompt", "none")));
        assertThat(params).containsEntry("error", "consent_required");
    }

    @Test
    void interactionAndLoginRequiredErrorsCanBeScripted() {
        emulator.app().nextSignIn(AppRegistration.SignInOutcome.INTERACTION_REQUIRED);
        assertThat(TestClient.redirectParams(client.authorize("openid", "a", "n", null, null, null)))
                .containsEntry("error", "interaction_required");
        emulator.app().nextSignIn(AppRegistration.SignInOutcome.LOGIN_REQUIRED);
        assertThat(TestClient.redirectParams(client.authorize("openid", "a", "n", null, null, null)))
                .containsEntry("error", "login_required");
    }

    @Test
    void pkceVerifierMismatchIsRejected_AADSTS501481() {
        String code = TestClient.redirectParams(client.authorize(
                        "openid User.Read.All",
                        "s",
                        "n",
                        TestClient.challenge("right-verifier-right-verifier-right-verifier"),
                        "S256",
                        null))
                .get("code");
        HttpResponse<String> response =
                client.redeem(code, "wrong-verifier-wrong-verifier-wrong-verifier", "openid User.Read.All");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response))
                .containsEntry("error", "invalid_grant")
                .containsEntry("error_codes", List.of(501481));
    }

    @Test
    void pkcePlainMethodIsAccepted() {
        String code = TestClient.redirectParams(client.authorize(
                        "openid", "s", "n", "plain-verifier-plain-verifier-plain-verifier", "plain", null))
                .get("code");
        assertThat(client.redeem(code, "plain-verifier-plain-verifier-plain-verifier", "openid")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void authorizationCodeIsSingleUse_AADSTS54005() {
        String code = TestClient.redirectParams(client.authorize("openid", "s", "n", null, null, null))
                .get("code");
        assertThat(client.redeem(code, null, "openid").statusCode()).isEqualTo(200);
        HttpResponse<String> again = client.redeem(code, null, "openid");
        assertThat(json(again)).containsEntry("error", "invalid_grant").containsEntry("error_codes", List.of(54005));
    }

    @Test
    void authorizationCodeExpiresAfterTenMinutes_AADSTS70008() {
        String code = TestClient.redirectParams(client.authorize("openid", "s", "n", null, null, null))
                .get("code");
        emulator.clock().advance(Duration.ofMinutes(11));
        try {
            assertThat(json(client.redeem(code, null, "openid"))).containsEntry("error_codes", List.of(70008));
        } finally {
            emulator.clock().advance(Duration.ofMinutes(-11));
        }
    }

    // ---- token endpoint

    @Test
    void tokenResponseHasMicrosoftFieldsShortScopesAndRandomLifetime() {
        Map<String, Object> tokens = client.signIn(TestClient.DELEGATED_SCOPES);
        assertThat(tokens)
                .containsKeys("access_token", "refresh_token", "id_token", "ext_expires_in")
                .containsEntry("token_type", "Bearer");
        assertThat((Integer) tokens.get("expires_in")).isBetween(3600, 5400);
        assertThat(((String) tokens.get("scope")).split(" "))
                .contains("User.Read.All", "Group.Read.All", "Directory.Read.All", "openid", "profile", "email")
                .noneMatch(s -> s.startsWith("https://"));
    }

    @Test
    void idTokenOnlyWithOpenidAndRefreshTokenOnlyWithOfflineAccess() {
        Map<String, Object> tokens = client.signIn("https://graph.microsoft.com/User.Read.All");
        assertThat(tokens).doesNotContainKeys("id_token", "refresh_token").containsKey("access_token");
    }

    @Test
    void idTokenCarriesNonceOidTidAndPreferredUsername() throws Exception {
        Map<String, Object> tokens = client.signIn(TestClient.DELEGATED_SCOPES);
        SignedJWT idToken = SignedJWT.parse((String) tokens.get("id_token"));
        var claims = idToken.getJWTClaimsSet();
        EntraUser admin = emulator.authorizationAccount();
        assertThat(idToken.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(claims.getIssuer()).isEqualTo(emulator.issuer());
        assertThat(claims.getAudience()).containsExactly(emulator.clientId());
        assertThat(claims.getStringClaim("tid")).isEqualTo(emulator.tenantId());
        assertThat(claims.getStringClaim("oid")).isEqualTo(admin.id());
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo(admin.userPrincipalName());
        assertThat(claims.getStringClaim("nonce")).isEqualTo("nonce-1");
        assertThat(claims.getStringClaim("ver")).isEqualTo("2.0");
        assertThat(claims.getStringClaim("email")).isEqualTo(admin.mail());
        assertThat(claims.getSubject()).isNotEqualTo(admin.id());
    }

    @Test
    void userinfoReturnsTheSameSubjectAsTheIdToken() throws Exception {
        Map<String, Object> tokens = client.signIn(TestClient.DELEGATED_SCOPES);
        String sub = SignedJWT.parse((String) tokens.get("id_token"))
                .getJWTClaimsSet()
                .getSubject();
        Map<String, Object> userinfo = json(client.get("/oidc/userinfo", (String) tokens.get("access_token")));
        assertThat(userinfo)
                .containsEntry("sub", sub)
                .containsEntry("name", emulator.authorizationAccount().displayName());
    }

    @Test
    void signInAsChoosesTheAuthorizationAccount() throws Exception {
        EntraUser other = emulator.tenant()
                .createUser(u -> u.displayName("Other Admin").userPrincipalName("other@contoso.onmicrosoft.com"));
        String previous = emulator.app().authorizationAccountId();
        emulator.app().signInAs(other.id());
        try {
            var claims = SignedJWT.parse(
                            (String) client.signIn("openid profile").get("id_token"))
                    .getJWTClaimsSet();
            assertThat(claims.getStringClaim("oid")).isEqualTo(other.id());
        } finally {
            emulator.app().signInAs(previous);
        }
    }

    @Test
    void wrongClientSecretGives401InvalidClient_AADSTS7000215() {
        HttpResponse<String> response = client.token(form(
                "grant_type",
                "client_credentials",
                "client_id",
                emulator.clientId(),
                "client_secret",
                "wrong",
                "scope",
                "https://graph.microsoft.com/.default"));
        assertThat(response.statusCode()).isEqualTo(401);
        Map<String, Object> body = json(response);
        assertThat(body)
                .containsEntry("error", "invalid_client")
                .containsEntry("error_codes", List.of(7000215))
                .containsKeys("timestamp", "trace_id", "correlation_id", "error_uri");
        assertThat((String) body.get("error_description"))
                .startsWith("AADSTS7000215: Invalid client secret provided.")
                .contains("\r\nTrace ID: ")
                .contains("\r\nCorrelation ID: ")
                .contains("\r\nTimestamp: ");
    }

    @Test
    void secretIdInsteadOfValueIsAWrongSecret_AADSTS7000215() {
        String keyId = emulator.app().secrets().get(0).keyId();
        HttpResponse<String> response = client.token(form(
                "grant_type",
                "client_credentials",
                "client_id",
                emulator.clientId(),
                "client_secret",
                keyId,
                "scope",
                "https://graph.microsoft.com/.default"));
        assertThat(json(response)).containsEntry("error_codes", List.of(7000215));
    }

    @Test
    void expiredClientSecretGives401_AADSTS7000222() {
        GraphEmulator own = GraphEmulator.builder()
                .clientSecret("abc~expired-secret")
                .secretValidity(Duration.ofDays(1))
                .start();
        try (own) {
            own.clock().advance(Duration.ofDays(2));
            HttpResponse<String> response = new TestClient(own)
                    .token(form(
                            "grant_type",
                            "client_credentials",
                            "client_id",
                            own.clientId(),
                            "client_secret",
                            "abc~expired-secret",
                            "scope",
                            "https://graph.microsoft.com/.default"));
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(json(response))
                    .containsEntry("error", "invalid_client")
                    .containsEntry("error_codes", List.of(7000222));
        }
    }

    @Test
    void otherTokenErrorsCarryTheirCodes() {
        String secret = emulator.clientSecret();
        assertThat(json(client.token(form(
                        "grant_type",
                        "client_credentials",
                        "client_id",
                        UUID.randomUUID().toString(),
                        "client_secret",
                        secret,
                        "scope",
                        "https://graph.microsoft.com/.default"))))
                .containsEntry("error", "unauthorized_client")
                .containsEntry("error_codes", List.of(700016));
        assertThat(json(client.token(form(
                        "grant_type",
                        "client_credentials",
                        "client_id",
                        emulator.clientId(),
                        "scope",
                        "https://graph.microsoft.com/.default"))))
                .containsEntry("error_codes", List.of(7000218));
        HttpResponse<String> unknownTenant = client.postForm(
                "/" + UUID.randomUUID() + "/oauth2/v2.0/token",
                form("grant_type", "client_credentials", "client_id", emulator.clientId(), "client_secret", secret));
        assertThat(unknownTenant.statusCode()).isEqualTo(400);
        assertThat(json(unknownTenant)).containsEntry("error_codes", List.of(90002));
        assertThat(json(client.postForm(
                        "/common/oauth2/v2.0/token",
                        form(
                                "grant_type",
                                "client_credentials",
                                "client_id",
                                emulator.clientId(),
                                "client_secret",
                                secret))))
                .containsEntry("error_codes", List.of(50194));
        assertThat(json(client.token(form(
                        "grant_type",
                        "authorization_code",
                        "client_id",
                        emulator.clientId(),
                        "client_secret",
                        secret,
                        "code",
                        "x",
                        "redirect_uri",
                        TestClient.REDIRECT,
                        "scope",
                        "Bogus.Scope"))))
                .containsEntry("error", "invalid_grant");
    }

    @Test
    void clientCredentialsWithDefaultScopeGivesRolesAndNoRefreshToken() throws Exception {
        HttpResponse<String> response = client.token(form(
                "grant_type",
                "client_credentials",
                "client_id",
                emulator.clientId(),
                "client_secret",
                emulator.clientSecret(),
                "scope",
                emulator.baseUrl() + "/.default"));
        Map<String, Object> body = json(response);
        assertThat(body).containsEntry("expires_in", 3599).doesNotContainKeys("refresh_token", "id_token");
        var claims = SignedJWT.parse((String) body.get("access_token")).getJWTClaimsSet();
        assertThat(claims.getStringListClaim("roles"))
                .contains("User.Read.All", "Group.Read.All", "Directory.Read.All");
        assertThat(claims.getStringClaim("tid")).isEqualTo(emulator.tenantId());
        assertThat(json(client.token(form(
                        "grant_type",
                        "client_credentials",
                        "client_id",
                        emulator.clientId(),
                        "client_secret",
                        emulator.clientSecret(),
                        "scope",
                        "https://graph.microsoft.com/User.Read.All"))))
                .containsEntry("error", "invalid_scope");
    }

    @Test
    void formBodiesEncodedWithPlusForSpacesAreUnderstood() {
        String code = TestClient.redirectParams(
                        client.authorize("openid offline_access User.Read.All", "s", "n", null, null, null))
                .get("code");
        String body = "grant_type=authorization_code&client_id=" + emulator.clientId() + "&client_secret="
                + java.net.URLEncoder.encode(emulator.clientSecret(), java.nio.charset.StandardCharsets.UTF_8)
                + "&code=" + java.net.URLEncoder.encode(code, java.nio.charset.StandardCharsets.UTF_8)
                + "&redirect_uri="
                + java.net.URLEncoder.encode(TestClient.REDIRECT, java.nio.charset.StandardCharsets.UTF_8)
                + "&scope=openid+offline_access+User.Read.All";
        HttpResponse<String> response =
                client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(emulator.tokenEndpoint()))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                        .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response)).containsKey("refresh_token");
    }

    @Test
    void tenantDomainWorksInPlaceOfTheTenantId() {
        HttpResponse<String> response = client.postForm(
                "/" + emulator.tenant().domain() + "/oauth2/v2.0/token",
                form(
                        "grant_type",
                        "client_credentials",
                        "client_id",
                        emulator.clientId(),
                        "client_secret",
                        emulator.clientSecret(),
                        "scope",
                        "https://graph.microsoft.com/.default"));
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void clientSecretIsAcceptedThroughHttpBasic() {
        String basic = java.util.Base64.getEncoder()
                .encodeToString((emulator.clientId() + ":" + emulator.clientSecret()).getBytes());
        HttpResponse<String> response =
                client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(emulator.tokenEndpoint()))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "grant_type=client_credentials&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"))
                        .build());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void refreshTokenRotatesOnEveryUseAndTheOldOneStillWorks() {
        String first = (String) client.signIn(TestClient.DELEGATED_SCOPES).get("refresh_token");
        Map<String, Object> refreshed = json(refresh(first, null));
        String second = (String) refreshed.get("refresh_token");
        assertThat(second).isNotBlank().isNotEqualTo(first);
        assertThat(refreshed).containsKey("access_token");
        assertThat(refresh(first, null).statusCode()).isEqualTo(200);
        assertThat(refresh(second, "https://graph.microsoft.com/User.Read.All offline_access")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void refreshWithScopesBeyondTheGrantIsRefused() {
        String rt =
                (String) client.signIn("openid offline_access User.Read.All").get("refresh_token");
        assertThat(json(refresh(rt, "Contacts.ReadWrite")))
                .containsEntry("error", "invalid_grant")
                .containsEntry("error_codes", List.of(65001));
    }

    @Test
    void aScopeThatDoesNotExistIsInvalidScope_AADSTS70011() {
        Map<String, String> params = TestClient.redirectParams(
                client.authorize("openid https://graph.microsoft.com/Bogus.Scope", "st", "n", null, null, null));
        assertThat(params).containsEntry("error", "invalid_scope").containsEntry("state", "st");
        assertThat(params.get("error_description")).startsWith("AADSTS70011");

        String rt = (String) client.signIn(TestClient.DELEGATED_SCOPES).get("refresh_token");
        HttpResponse<String> refused = refresh(rt, "https://graph.microsoft.com/Bogus.Scope");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused)).containsEntry("error", "invalid_scope").containsEntry("error_codes", List.of(70011));
    }

    @Test
    void refreshTokenExpiresAfter90DaysOfInactivity_AADSTS700082() {
        String rt = (String) client.signIn(TestClient.DELEGATED_SCOPES).get("refresh_token");
        emulator.clock().advance(Duration.ofDays(91));
        try {
            assertThat(json(refresh(rt, null)))
                    .containsEntry("error", "invalid_grant")
                    .containsEntry("error_codes", List.of(700082));
        } finally {
            emulator.clock().advance(Duration.ofDays(-91));
        }
    }

    @Test
    void revokedSessionsFailRefresh_AADSTS50173() {
        String rt = (String) client.signIn(TestClient.DELEGATED_SCOPES).get("refresh_token");
        emulator.clock().advance(Duration.ofSeconds(1));
        emulator.app().revokeSessions(emulator.authorizationAccount().id());
        assertThat(json(refresh(rt, null))).containsEntry("error_codes", List.of(50173));
        assertThat(client.signIn(TestClient.DELEGATED_SCOPES)).containsKey("refresh_token");
    }

    @Test
    void revokedConsentFailsRefreshWithInvalidGrant_AADSTS65001() {
        GraphEmulator own =
                GraphEmulator.builder().redirectUri(TestClient.REDIRECT).start();
        try (own) {
            TestClient c = new TestClient(own);
            Map<String, Object> tokens = c.signIn(TestClient.DELEGATED_SCOPES);
            own.app().revokeConsent();
            HttpResponse<String> response = c.token(form(
                    "grant_type",
                    "refresh_token",
                    "client_id",
                    own.clientId(),
                    "client_secret",
                    own.clientSecret(),
                    "refresh_token",
                    (String) tokens.get("refresh_token")));
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response))
                    .containsEntry("error", "invalid_grant")
                    .containsEntry("error_codes", List.of(65001));
            assertThat(c.get("/v1.0/users?$top=1", (String) tokens.get("access_token"))
                            .statusCode())
                    .as("issued access tokens stay valid until they expire")
                    .isEqualTo(200);
            assertThat(c.get("/v1.0/users", c.appToken()).statusCode())
                    .as("app token without roles")
                    .isEqualTo(403);
        }
    }

    @Test
    void adminConsentRedirectsWithTenantAndState() {
        HttpResponse<String> response = client.get(
                TestClient.path(
                        "/" + emulator.tenantId() + "/v2.0/adminconsent",
                        "client_id",
                        emulator.clientId(),
                        "redirect_uri",
                        TestClient.REDIRECT,
                        "state",
                        "xyz",
                        "scope",
                        "https://graph.microsoft.com/.default"),
                null);
        assertThat(TestClient.redirectParams(response))
                .containsEntry("admin_consent", "True")
                .containsEntry("tenant", emulator.tenantId())
                .containsEntry("state", "xyz");
    }

    private HttpResponse<String> refresh(String refreshToken, String scope) {
        Map<String, String> f = form(
                "grant_type",
                "refresh_token",
                "client_id",
                emulator.clientId(),
                "client_secret",
                emulator.clientSecret(),
                "refresh_token",
                refreshToken);
        if (scope != null) {
            f.put("scope", scope);
        }
        return client.token(f);
    }
}
