package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.Api;
import io.switchboard.testing.Api.Answer;
import io.switchboard.testing.IntegrationTest;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ApiSecurityIT extends IntegrationTest {

    private static final String SOME_ID = "6d1c8a55-0c3a-4c55-a1c9-6c1f1f9ad001";

    /** Every operation the OpenAPI document lists, with its path parameters filled in. */
    private List<String[]> everyApiOperation() {
        JsonNode paths = api.anonymous("GET", "/v3/api-docs", null).body().path("paths");
        List<String[]> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                String concrete = path.getKey().replaceAll("\\{[^}]+}", SOME_ID);
                operations.add(new String[] {op.getKey().toUpperCase(), concrete});
            }
        }
        return operations;
    }

    @Test
    void everyApiOperationButTheTokenEndpointAnswers401WithoutCredentials() {
        List<String[]> operations = everyApiOperation();
        assertThat(operations).hasSizeGreaterThan(20);

        for (String[] op : operations) {
            if (op[1].equals("/api/v1/auth/token") || op[1].equals("/api/v1/client/tokens")) {
                continue;
            }
            Answer answer = api.anonymous(op[0], op[1], op[0].equals("GET") || op[0].equals("DELETE") ? null : "{}");
            assertThat(answer.status()).as(op[0] + " " + op[1]).isEqualTo(401);
            assertThat(answer.code()).as(op[0] + " " + op[1]).isEqualTo("UNAUTHORIZED");
        }
    }

    @Test
    void theAdminPasswordIsStoredAsAnArgon2idHash() {
        String hash = jdbc.sql("SELECT password_hash FROM admin_account WHERE username = 'admin'")
                .query(String.class)
                .single();

        assertThat(hash).startsWith("{argon2}$argon2id$").doesNotContain(Api.ADMIN_PASSWORD);
    }

    @Test
    void aForgedOrExpiredTokenIs401() {
        String token = Api.json(Map.of("username", "admin", "password", Api.ADMIN_PASSWORD));
        String valid = api.anonymous("POST", "/api/v1/auth/token", token).text("accessToken");
        assertThat(api.withToken("GET", "/api/v1/extensions", null, valid).status())
                .isEqualTo(200);

        String forged = valid.substring(0, valid.length() - 4) + "AAAA";
        assertThat(api.withToken("GET", "/api/v1/extensions", null, forged).status())
                .isEqualTo(401);

        clock.advance(Duration.ofMinutes(61));
        assertThat(api.withToken("GET", "/api/v1/extensions", null, valid).status())
                .isEqualTo(401);
    }

    @Test
    void tokenLivesAnHourAndIsNotCached() {
        Answer answer = api.anonymous(
                "POST", "/api/v1/auth/token", Api.json(Map.of("username", "admin", "password", Api.ADMIN_PASSWORD)));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text("tokenType")).isEqualTo("Bearer");
        assertThat(answer.body().path("expiresIn").asLong()).isGreaterThanOrEqualTo(3600);
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void wrongPasswordIs401AndRepeatedFailuresAreSlowedDown() {
        String wrong = Api.json(Map.of("username", "admin", "password", "guess"));
        for (int i = 0; i < SignInThrottle.FREE_FAILURES; i++) {
            Answer answer = api.anonymous("POST", "/api/v1/auth/token", wrong);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.text("detail")).doesNotContain("guess");
        }
        assertThat(api.anonymous("POST", "/api/v1/auth/token", wrong).status()).isEqualTo(401);

        Answer throttled = api.anonymous(
                "POST", "/api/v1/auth/token", Api.json(Map.of("username", "admin", "password", Api.ADMIN_PASSWORD)));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.code()).isEqualTo("TOO_MANY_ATTEMPTS");
        assertThat(throttled.header("Retry-After")).isEqualTo("1");

        clock.advance(Duration.ofSeconds(1));
        Answer afterWaiting = api.anonymous(
                "POST", "/api/v1/auth/token", Api.json(Map.of("username", "admin", "password", Api.ADMIN_PASSWORD)));
        assertThat(afterWaiting.status()).isEqualTo(200);
    }

    @Test
    void portalSignsInWithAFormAndASessionProtectedByCsrf() throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String base = api.base();

        HttpResponse<String> home = browser.send(get(base + "/"), HttpResponse.BodyHandlers.ofString());
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));

        HttpResponse<String> loginPage = browser.send(get(base + "/login"), HttpResponse.BodyHandlers.ofString());
        assertThat(loginPage.statusCode()).isEqualTo(200);
        String csrf = csrfToken(loginPage.body());

        HttpResponse<String> noCsrf = browser.send(
                form(base + "/login", "username=admin&password=" + Api.ADMIN_PASSWORD),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noCsrf.statusCode()).isEqualTo(403);

        HttpResponse<String> signedIn = browser.send(
                form(
                        base + "/login",
                        "username=admin&password=" + URLEncoder.encode(Api.ADMIN_PASSWORD, StandardCharsets.UTF_8)
                                + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));

        HttpResponse<String> portal = browser.send(get(base + "/"), HttpResponse.BodyHandlers.ofString());
        assertThat(portal.statusCode()).isEqualTo(200);
        assertThat(portal.body()).contains("Signed in as admin");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = 'admin'")
                        .query(Long.class)
                        .single())
                .as("the session lives in the shared database (X6)")
                .isPositive();

        HttpResponse<String> apiWithSession =
                browser.send(get(base + "/api/v1/extensions"), HttpResponse.BodyHandlers.ofString());
        assertThat(apiWithSession.statusCode()).isEqualTo(200);

        HttpResponse<String> writeWithoutCsrf = browser.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/extensions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"number\":\"1001\",\"firstName\":\"A\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(writeWithoutCsrf.statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/extensions").body().path("total").asInt()).isZero();
    }

    @Test
    void wrongPortalPasswordShowsAnErrorInTheChosenLanguage() throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        String base = api.base();
        String csrf = csrfToken(browser.send(get(base + "/login?lang=zh-CN"), HttpResponse.BodyHandlers.ofString())
                .body());

        HttpResponse<String> failed = browser.send(
                form(
                        base + "/login",
                        "username=admin&password=nope&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)),
                HttpResponse.BodyHandlers.ofString());

        assertThat(failed.uri().toString()).contains("/login?error");
        assertThat(failed.body()).contains("用户名或密码错误");
        api.signIn();
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).GET().build();
    }

    private static HttpRequest form(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static String csrfToken(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("the login form carries a CSRF token").isTrue();
        return m.group(1);
    }
}
