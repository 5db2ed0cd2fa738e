package io.switchboard.emulator;

import static io.switchboard.emulator.TestClient.form;
import static io.switchboard.emulator.TestClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Softphone sign-in with Microsoft (SPEC S2, issue 19 point 7) against the emulator's login host: ordinary users sign
 * in at the HTML login form with their own password, in the authorization code flow with PKCE, {@code state}, {@code
 * nonce}, {@code prompt} and {@code login_hint}; ID tokens carry the §2.5 claims and verify with Nimbus against the
 * tenant's JWKS; several redirect URIs are registered and matched exactly.
 */
class LoginFormSignInTest {

    static final String WEB = "http://localhost:8080/client/sso/microsoft/callback";
    static final String MOBILE = "http://localhost:8080/integration/callback";

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withGeneratedTenant(19, 40)
            .configure(b -> b.redirectUri(WEB)
                    .redirectUri(MOBILE)
                    .clientSecret("s3c~ret-value-for-tests-0123456789abcdef")
                    .interactiveSignIn());

    private final GraphEmulator emulator = graph.emulator();
    private final TestClient client = new TestClient(emulator);
    private final RelyingParty relyingParty = new RelyingParty(emulator);
    private final Browser browser = new Browser();

    /** One authorize request of the code flow, with its PKCE verifier, state and nonce. */
    private record Attempt(String url, String verifier, String state, String nonce, String redirectUri) {}

    private Attempt attempt(String redirectUri, Map<String, String> extra) {
        String verifier = "v-" + UUID.randomUUID() + UUID.randomUUID();
        String state = "st-" + UUID.randomUUID();
        String nonce = "n-" + UUID.randomUUID();
        Map<String, String> q = new LinkedHashMap<>();
        q.put("client_id", emulator.clientId());
        q.put("response_type", "code");
        q.put("redirect_uri", redirectUri);
        q.put("response_mode", "query");
        q.put("scope", "openid profile email");
        q.put("state", state);
        q.put("nonce", nonce);
        q.put("code_challenge", TestClient.challenge(verifier));
        q.put("code_challenge_method", "S256");
        q.putAll(extra);
        return new Attempt(
                emulator.authorizeEndpoint() + "?" + HttpMessages.query(q), verifier, state, nonce, redirectUri);
    }

    private Attempt attempt() {
        return attempt(WEB, Map.of());
    }

    private EntraUser newUser(String password) {
        String alias = "user" + UUID.randomUUID().toString().substring(0, 8);
        EntraUser user = emulator.tenant()
                .createUser(u -> u.displayName("Wang Fang " + alias)
                        .givenName("Fang")
                        .surname("Wang")
                        .userPrincipalName(alias + "@" + emulator.tenant().domain())
                        .mail(alias + "@" + emulator.tenant().domain()));
        if (password != null) {
            emulator.tenant().setPassword(user.id(), password);
        }
        return user;
    }

    private HttpResponse<String> signIn(Attempt attempt, String userName, String password) {
        HttpResponse<String> page = browser.get(attempt.url());
        assertThat(page.statusCode()).isEqualTo(200);
        return browser.submit(attempt.url(), page, Map.of("loginfmt", userName, "passwd", password));
    }

    private static Map<String, String> callback(HttpResponse<String> response, String redirectUri) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(redirectUri + "?");
        return HttpMessages.parseForm(URI.create(location).getRawQuery());
    }

    private HttpResponse<String> redeem(String code, Attempt attempt, String redirectUri) {
        return client.token(form(
                "grant_type",
                "authorization_code",
                "client_id",
                emulator.clientId(),
                "client_secret",
                "s3c~ret-value-for-tests-0123456789abcdef",
                "code",
                code,
                "redirect_uri",
                redirectUri,
                "code_verifier",
                attempt.verifier(),
                "scope",
                "openid profile email"));
    }

    private IssuedCode lastCode() {
        List<IssuedCode> codes = emulator.issuedCodes();
        return codes.get(codes.size() - 1);
    }

    private String idToken(HttpResponse<String> tokenResponse) {
        assertThat(tokenResponse.statusCode()).as(tokenResponse.body()).isEqualTo(200);
        return (String) json(tokenResponse).get("id_token");
    }

    // ---- the login form

    @Test
    void anOrdinaryUserSignsInAtTheLoginFormWithTheirOwnPasswordAndGetsAVerifiableIdToken_S2() throws Exception {
        EntraUser user = newUser("Fang-Secret-1");
        Attempt attempt = attempt();

        HttpResponse<String> page = browser.get(attempt.url());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        Browser.Form form = Browser.form(attempt.url(), page.body());
        assertThat(form.method()).isEqualTo("post");
        assertThat(form.action()).isEqualTo(emulator.baseUrl() + "/" + emulator.tenantId() + "/login");
        assertThat(form.fields()).containsKeys("loginfmt", "passwd", "ctx");
        assertThat(page.body()).contains("<label for=\"i0116\"", "<label for=\"i0118\"", "type=\"password\"");

        Map<String, String> params = callback(
                browser.submit(
                        attempt.url(), page, Map.of("loginfmt", user.userPrincipalName(), "passwd", "Fang-Secret-1")),
                WEB);
        assertThat(params).containsEntry("state", attempt.state()).containsKey("code");

        String idToken = idToken(redeem(params.get("code"), attempt, WEB));
        JWTClaimsSet claims = relyingParty.validate(idToken, attempt.nonce());
        SignedJWT jwt = SignedJWT.parse(idToken);
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(emulator.signingKeyId());
        assertThat(claims.getIssuer()).isEqualTo(emulator.baseUrl() + "/" + emulator.tenantId() + "/v2.0");
        assertThat(claims.getAudience()).containsExactly(emulator.clientId());
        assertThat(claims.getStringClaim("tid")).isEqualTo(emulator.tenantId());
        assertThat(claims.getStringClaim("oid")).isEqualTo(user.id());
        assertThat(claims.getSubject()).isNotBlank().isNotEqualTo(user.id());
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo(user.userPrincipalName());
        assertThat(claims.getStringClaim("name")).isEqualTo(user.displayName());
        assertThat(claims.getStringClaim("email")).isEqualTo(user.mail());
        assertThat(claims.getStringClaim("nonce")).isEqualTo(attempt.nonce());
        assertThat(claims.getStringClaim("ver")).isEqualTo("2.0");
        assertThat(claims.getNotBeforeTime()).isEqualTo(claims.getIssueTime());
        assertThat(Duration.between(
                        claims.getIssueTime().toInstant(),
                        claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theSignInNameIsTheUserPrincipalNameInAnyLetterCase_S2() {
        EntraUser user = newUser("Case-Pass-1");
        Attempt attempt = attempt();
        Map<String, String> params =
                callback(signIn(attempt, user.userPrincipalName().toUpperCase(), "Case-Pass-1"), WEB);
        assertThat(lastCode().userId()).isEqualTo(user.id());
        assertThat(params).containsKey("code");
    }

    @Test
    void aWrongPasswordShowsTheFormAgainWithAADSTS50126AndNoCode_thenTheRightOneSignsIn() {
        EntraUser user = newUser("Right-Pass-1");
        Attempt attempt = attempt();
        HttpResponse<String> page = browser.get(attempt.url());
        int codesBefore = emulator.issuedCodes().size();

        HttpResponse<String> refused =
                browser.submit(attempt.url(), page, Map.of("loginfmt", user.userPrincipalName(), "passwd", "wrong"));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.headers().firstValue("Location")).isEmpty();
        assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(refused.body()).contains("AADSTS50126").contains("value=\"" + user.userPrincipalName() + "\"");
        assertThat(emulator.issuedCodes()).hasSize(codesBefore);

        Map<String, String> params =
                callback(browser.submit(attempt.url(), refused, Map.of("passwd", "Right-Pass-1")), WEB);
        assertThat(params).containsEntry("state", attempt.state()).containsKey("code");
    }

    @Test
    void anUnknownUserNameIsRefusedWithAADSTS50034() {
        HttpResponse<String> refused =
                signIn(attempt(), "nobody@" + emulator.tenant().domain(), Tenant.DEFAULT_PASSWORD);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("AADSTS50034");
        assertThat(refused.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void aDisabledAccountIsRefusedWithAADSTS50057EvenWithTheRightPassword() {
        EntraUser user = newUser("Disabled-Pass-1");
        emulator.tenant().disableUser(user.id());
        int codesBefore = emulator.issuedCodes().size();
        HttpResponse<String> refused = signIn(attempt(), user.userPrincipalName(), "Disabled-Pass-1");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("AADSTS50057");
        assertThat(refused.headers().firstValue("Location")).isEmpty();
        assertThat(emulator.issuedCodes()).hasSize(codesBefore);
    }

    @Test
    void aSoftDeletedUserCannotSignIn_AADSTS50034() {
        EntraUser user = newUser("Deleted-Pass-1");
        emulator.tenant().deleteUser(user.id());
        assertThat(signIn(attempt(), user.userPrincipalName(), "Deleted-Pass-1").body())
                .contains("AADSTS50034");
    }

    @Test
    void generatedUsersSignInWithTheDefaultPasswordUntilTheyAreGivenTheirOwn() {
        EntraUser generated = emulator.tenant().users().stream()
                .filter(u -> u.accountEnabled()
                        && "Member".equals(u.userType())
                        && !u.id().equals(emulator.authorizationAccount().id())
                        && u.userPrincipalName() != null
                        && !u.displayName().startsWith("Wang Fang "))
                .findFirst()
                .orElseThrow();
        callback(signIn(attempt(), generated.userPrincipalName(), Tenant.DEFAULT_PASSWORD), WEB);

        emulator.tenant().setPassword(generated.id(), "Own-Pass-2");
        Browser other = new Browser();
        Attempt attempt = attempt();
        HttpResponse<String> page = other.get(attempt.url());
        assertThat(other.submit(
                                attempt.url(),
                                page,
                                Map.of("loginfmt", generated.userPrincipalName(), "passwd", Tenant.DEFAULT_PASSWORD))
                        .body())
                .contains("AADSTS50126");
        assertThat(other.submit(
                                attempt.url(),
                                page,
                                Map.of("loginfmt", generated.userPrincipalName(), "passwd", "Own-Pass-2"))
                        .statusCode())
                .isEqualTo(302);
    }

    @Test
    void theTenantGeneratorSetsThePasswordOfEveryGeneratedUser() {
        Tenant tenant = new Tenant(UUID.randomUUID().toString(), "fabrikam.onmicrosoft.com", EmulatorClock.system());
        String adminId = new TenantGenerator(3, 5).password("Generated-9").populate(tenant);
        assertThat(tenant.users())
                .allSatisfy(u -> assertThat(tenant.passwordMatches(u.id(), "Generated-9"))
                        .isTrue());
        assertThat(tenant.passwordMatches(adminId, Tenant.DEFAULT_PASSWORD)).isFalse();
        tenant.setPassword(adminId, "Admin-Own-1");
        assertThat(tenant.passwordMatches(adminId, "Admin-Own-1")).isTrue();
        assertThat(tenant.passwordMatches(adminId, "Generated-9")).isFalse();
    }

    @Test
    void thePasswordCanBeSetThroughTheControlApi() {
        EntraUser user = newUser(null);
        HttpResponse<String> patched = client.send(java.net.http.HttpRequest.newBuilder(
                        URI.create(emulator.baseUrl() + "/_control/users/" + user.id()))
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"password\":\"Control-Pass-3\"}"))
                .header("Authorization", "Bearer " + emulator.controlToken())
                .header("Content-Type", "application/json")
                .build());
        assertThat(patched.statusCode()).isEqualTo(200);
        callback(signIn(attempt(), user.userPrincipalName(), "Control-Pass-3"), WEB);
    }

    // ---- login_hint, prompt and the browser session

    @Test
    void loginHintFillsInTheUserName() {
        EntraUser user = newUser("Hint-Pass-1");
        HttpResponse<String> page = browser.get(
                attempt(WEB, Map.of("login_hint", user.userPrincipalName())).url());
        assertThat(Browser.form(emulator.baseUrl(), page.body()).fields())
                .containsEntry("loginfmt", user.userPrincipalName());
    }

    @Test
    void aLoginHintIsShownAsTextNeverAsMarkup() {
        String hint = "\"><script>alert(1)</script>@contoso.onmicrosoft.com";
        HttpResponse<String> page =
                browser.get(attempt(WEB, Map.of("login_hint", hint)).url());
        assertThat(page.body()).doesNotContain("<script>").contains("&lt;script&gt;");
        assertThat(Browser.form(emulator.baseUrl(), page.body()).fields()).containsEntry("loginfmt", hint);
    }

    @Test
    void afterSigningInTheBrowserSessionSignsInAgainWithoutTheForm_promptLoginAsksAgain() {
        EntraUser user = newUser("Session-Pass-1");
        HttpResponse<String> first = signIn(attempt(), user.userPrincipalName(), "Session-Pass-1");
        callback(first, WEB);
        assertThat(first.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly");

        Attempt again = attempt();
        Map<String, String> silent = callback(browser.get(again.url()), WEB);
        assertThat(silent).containsEntry("state", again.state());
        assertThat(lastCode().userId()).isEqualTo(user.id());

        HttpResponse<String> forced =
                browser.get(attempt(WEB, Map.of("prompt", "login")).url());
        assertThat(forced.statusCode()).isEqualTo(200);
        assertThat(Browser.form(emulator.baseUrl(), forced.body()).fields()).containsKey("passwd");

        HttpResponse<String> picker =
                browser.get(attempt(WEB, Map.of("prompt", "select_account")).url());
        assertThat(picker.statusCode()).isEqualTo(302);
    }

    @Test
    void promptNoneWithoutASessionRedirectsWithLoginRequired_AADSTS50058_andWithOneIssuesACode() {
        Attempt silent = attempt(WEB, Map.of("prompt", "none"));
        Map<String, String> refused = callback(browser.get(silent.url()), WEB);
        assertThat(refused).containsEntry("error", "login_required").containsEntry("state", silent.state());
        assertThat(refused.get("error_description")).startsWith("AADSTS50058");

        EntraUser user = newUser("None-Pass-1");
        callback(signIn(attempt(), user.userPrincipalName(), "None-Pass-1"), WEB);
        assertThat(callback(browser.get(attempt(WEB, Map.of("prompt", "none")).url()), WEB))
                .containsKey("code");
    }

    @Test
    void aLoginHintNamingAnotherUserThanTheSessionsShowsTheForm() {
        EntraUser first = newUser("First-Pass-1");
        EntraUser second = newUser("Second-Pass-1");
        callback(signIn(attempt(), first.userPrincipalName(), "First-Pass-1"), WEB);
        HttpResponse<String> page = browser.get(
                attempt(WEB, Map.of("login_hint", second.userPrincipalName())).url());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(Browser.form(emulator.baseUrl(), page.body()).fields())
                .containsEntry("loginfmt", second.userPrincipalName());
        assertThat(browser.get(attempt(WEB, Map.of("login_hint", first.userPrincipalName()))
                                .url())
                        .statusCode())
                .isEqualTo(302);
    }

    @Test
    void revokedSessionsOrADisabledAccountEndTheBrowserSession() {
        EntraUser user = newUser("Revoke-Pass-1");
        callback(signIn(attempt(), user.userPrincipalName(), "Revoke-Pass-1"), WEB);
        emulator.clock().advance(Duration.ofSeconds(1));
        emulator.app().revokeSessions(user.id());
        assertThat(browser.get(attempt().url()).statusCode()).isEqualTo(200);

        emulator.clock().advance(Duration.ofSeconds(1));
        callback(signIn(attempt(), user.userPrincipalName(), "Revoke-Pass-1"), WEB);
        emulator.tenant().disableUser(user.id());
        assertThat(browser.get(attempt().url()).statusCode()).isEqualTo(200);
    }

    @Test
    void signingOutAtTheLogoutEndpointEndsTheSessionAndReturnsToARegisteredUri() {
        EntraUser user = newUser("Logout-Pass-1");
        callback(signIn(attempt(), user.userPrincipalName(), "Logout-Pass-1"), WEB);
        HttpResponse<String> logout = browser.get(emulator.baseUrl() + "/" + emulator.tenantId()
                + "/oauth2/v2.0/logout?post_logout_redirect_uri=" + HttpMessages.encode(WEB));
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location")).hasValue(WEB);
        assertThat(browser.get(attempt().url()).statusCode()).isEqualTo(200);
    }

    @Test
    void theAuthorizationAccountIsStillSignedInAutomaticallyWhenInteractiveSignInIsOff() {
        emulator.app().requireInteractiveSignIn(false);
        try {
            Map<String, String> params = callback(
                    browser.get(attempt(WEB, Map.of("prompt", "select_account")).url()), WEB);
            assertThat(params).containsKey("code");
            assertThat(lastCode().userId())
                    .isEqualTo(emulator.authorizationAccount().id());

            EntraUser user = newUser("Hinted-Pass-1");
            assertThat(browser.get(attempt(WEB, Map.of("login_hint", user.userPrincipalName()))
                                    .url())
                            .statusCode())
                    .isEqualTo(200);
            assertThat(browser.get(attempt(WEB, Map.of("prompt", "login")).url())
                            .statusCode())
                    .isEqualTo(200);
        } finally {
            emulator.app().requireInteractiveSignIn(true);
        }
    }

    @Test
    void formPostResponseModeAfterTheLoginFormPostsTheCodeToTheClient() {
        EntraUser user = newUser("Post-Pass-1");
        Attempt attempt = attempt(WEB, Map.of("response_mode", "form_post"));
        HttpResponse<String> response = signIn(attempt, user.userPrincipalName(), "Post-Pass-1");
        assertThat(response.statusCode()).isEqualTo(200);
        Browser.Form autoPost = Browser.form(attempt.url(), response.body());
        assertThat(autoPost.action()).isEqualTo(WEB);
        assertThat(autoPost.fields()).containsEntry("state", attempt.state()).containsKey("code");
    }

    @Test
    void aStaleOrForgedLoginFormIsRefused() {
        HttpResponse<String> forged = client.postForm(
                emulator.baseUrl() + "/" + emulator.tenantId() + "/login",
                form(
                        "loginfmt",
                        emulator.authorizationAccount().userPrincipalName(),
                        "passwd",
                        Tenant.DEFAULT_PASSWORD,
                        "ctx",
                        "made-up"));
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.headers().firstValue("Location")).isEmpty();
    }

    // ---- codes

    @Test
    void aReplayedCodeIsRefusedAtTheSecondRedemption_AADSTS54005() {
        EntraUser user = newUser("Replay-Pass-1");
        Attempt attempt = attempt();
        callback(signIn(attempt, user.userPrincipalName(), "Replay-Pass-1"), WEB);
        IssuedCode issued = lastCode();
        assertThat(issued.userId()).isEqualTo(user.id());
        assertThat(issued.nonce()).isEqualTo(attempt.nonce());
        Map<String, String> replayed =
                HttpMessages.parseForm(URI.create(issued.callbackUrl()).getRawQuery());
        assertThat(replayed).containsEntry("code", issued.code()).containsEntry("state", attempt.state());

        assertThat(redeem(issued.code(), attempt, WEB).statusCode()).isEqualTo(200);
        HttpResponse<String> again = redeem(replayed.get("code"), attempt, WEB);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json(again)).containsEntry("error", "invalid_grant").containsEntry("error_codes", List.of(54005));
    }

    @Test
    void theNonceOfTheAuthorizeRequestIsEchoedOnlyInThatSignInsIdToken() throws Exception {
        EntraUser user = newUser("Nonce-Pass-1");
        Attempt first = attempt();
        String code = callback(signIn(first, user.userPrincipalName(), "Nonce-Pass-1"), WEB)
                .get("code");
        Attempt second = attempt();
        String secondCode = callback(browser.get(second.url()), WEB).get("code");
        assertThat(SignedJWT.parse(idToken(redeem(secondCode, second, WEB)))
                        .getJWTClaimsSet()
                        .getStringClaim("nonce"))
                .isEqualTo(second.nonce());
        String firstToken = idToken(redeem(code, first, WEB));
        assertThat(relyingParty.validate(firstToken, first.nonce()).getStringClaim("oid"))
                .isEqualTo(user.id());
        assertThatThrownBy(() -> relyingParty.validate(firstToken, second.nonce()))
                .hasMessageContaining("nonce");
    }

    // ---- redirect URIs

    @Test
    void eachRegisteredRedirectUriWorksAndTheCodeIsBoundToTheOneItWasIssuedFor() {
        EntraUser user = newUser("Uris-Pass-1");
        Attempt web = attempt(WEB, Map.of());
        String webCode = callback(signIn(web, user.userPrincipalName(), "Uris-Pass-1"), WEB)
                .get("code");
        Attempt mobile = attempt(MOBILE, Map.of());
        String mobileCode = callback(browser.get(mobile.url()), MOBILE).get("code");

        HttpResponse<String> crossed = redeem(webCode, web, MOBILE);
        assertThat(crossed.statusCode()).isEqualTo(400);
        assertThat(json(crossed)).containsEntry("error_codes", List.of(50011));
        assertThat(redeem(mobileCode, mobile, MOBILE).statusCode()).isEqualTo(200);
    }

    @Test
    void aRedirectUriThatOnlyResemblesARegisteredOneIsRefused_AADSTS50011() {
        for (String nearMiss : List.of(
                WEB + "/",
                WEB.toUpperCase(),
                WEB + "?next=/admin",
                WEB.replace("http://", "https://"),
                WEB.replace("localhost:8080", "localhost:8081"),
                WEB.replace("localhost", "127.0.0.1"))) {
            HttpResponse<String> response =
                    browser.get(attempt(nearMiss, Map.of()).url());
            assertThat(response.statusCode()).as(nearMiss).isEqualTo(400);
            assertThat(response.body()).as(nearMiss).contains("AADSTS50011");
            assertThat(response.headers().firstValue("Location")).as(nearMiss).isEmpty();
        }
    }

    @Test
    void aRemovedRedirectUriIsRefused() {
        String extra = "http://localhost:8080/client/other/callback";
        emulator.app().addRedirectUri(extra);
        assertThat(emulator.app().redirectUris()).contains(WEB, MOBILE, extra);
        emulator.app().removeRedirectUri(extra);
        assertThat(browser.get(attempt(extra, Map.of()).url()).body()).contains("AADSTS50011");
    }
}
