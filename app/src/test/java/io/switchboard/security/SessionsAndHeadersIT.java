package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.Api;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Sessions only for signed-in users (13.4); headers, proxies and redirects (13.8). */
class SessionsAndHeadersIT extends SecuritySuite {

    @Test
    void anonymousRequestsCreateNoSession_13_4() {
        long before = sessionRows();
        Browser anonymous = new Browser();
        List<HttpResponse<String>> answers = List.of(
                anonymous.get("/"),
                anonymous.get("/login"),
                anonymous.get("/?lang=zh-CN"),
                anonymous.get("/api/v1/extensions"),
                new Browser().header("Authorization", "Bearer forged").get("/api/v1/settings"),
                anonymous.get("/actuator/prometheus"),
                anonymous.get("/no/such/page"));
        anonymous.signIn("admin", "wrong-password");

        assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(302, 200, 302, 401, 401, 401, 302);
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.headers().allValues("Set-Cookie"))
                    .as(answer.uri().toString())
                    .noneMatch(c -> c.startsWith("SESSION="));
        }
        assertThat(sessionRows()).as("no session row for anyone not signed in").isEqualTo(before);

        new Browser().signIn("admin", Api.ADMIN_PASSWORD);
        assertThat(sessionRows()).as("a sign-in creates its session").isEqualTo(before + 1);
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders_13_8() {
        Browser browser = new Browser();
        browser.signIn("admin", Api.ADMIN_PASSWORD);
        for (HttpResponse<String> answer :
                List.of(browser.get("/"), browser.get("/login"), new Browser().get("/api/v1/extensions"))) {
            var headers = answer.headers();
            String csp = headers.firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp)
                    .contains("default-src 'self'")
                    .contains("script-src 'self'")
                    .contains("frame-ancestors 'none'")
                    .contains("object-src 'none'")
                    .doesNotContain("unsafe-inline")
                    .doesNotContain("unsafe-eval");
            assertThat(headers.firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(headers.firstValue("Permissions-Policy"))
                    .hasValueSatisfying(p -> assertThat(p).contains("camera=()").contains("geolocation=()"));
            assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
        String docsCsp = new Browser()
                .get("/swagger-ui/index.html")
                .headers()
                .firstValue("Content-Security-Policy")
                .orElseThrow();
        assertThat(docsCsp).contains("script-src 'self';").contains("frame-ancestors 'none'");
    }

    @Test
    void thePortalTemplatesHoldNoInlineScript_13_8() throws IOException {
        Pattern inlineScript = Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
        Pattern handler = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
        Resource[] templates = new PathMatchingResourcePatternResolver().getResources("classpath*:templates/**/*.html");
        assertThat(templates).isNotEmpty();
        for (Resource template : templates) {
            String html;
            try (InputStream in = template.getInputStream()) {
                html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(inlineScript.matcher(html).find())
                    .as(template.getFilename())
                    .isFalse();
            assertThat(handler.matcher(html).find()).as(template.getFilename()).isFalse();
            assertThat(html).as(template.getFilename()).doesNotContain("javascript:");
        }
    }

    @Test
    void redirectsAreNeverBuiltFromTheHostHeader_13_8() throws IOException {
        String home = raw("GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
        assertThat(home).startsWith("HTTP/1.1 302");
        assertThat(location(home)).isEqualTo("/login");

        String callback = raw("GET /integration/callback?state=forged HTTP/1.1\r\nHost: evil.example:8443\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(callback).startsWith("HTTP/1.1 302").doesNotContain("evil.example");
        assertThat(location(callback)).isEqualTo("/?integration=failed");
    }

    @Test
    void behindATlsProxyTheSessionCookieIsSecure_13_8() {
        Browser viaProxy = new Browser().header("X-Forwarded-Proto", "https");
        HttpResponse<String> signInPage = viaProxy.get("/login");
        String csrfCookie = signInPage.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("XSRF-TOKEN="))
                .findFirst()
                .orElseThrow();
        assertThat(csrfCookie).as("cookies are Secure behind a TLS proxy").contains("Secure");
        String csrf = csrf(signInPage.body());
        // The client speaks http to the test server, so it would not send a Secure cookie back; the proxy would.
        viaProxy.header("Cookie", csrfCookie.substring(0, csrfCookie.indexOf(';')));
        HttpResponse<String> signedIn = viaProxy.form(
                "/login", java.util.Map.of("username", "admin", "password", Api.ADMIN_PASSWORD, "_csrf", csrf));

        assertThat(signedIn.headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie)
                        .startsWith("SESSION=")
                        .contains("Secure")
                        .contains("HttpOnly"));
        assertThat(signedIn.headers().firstValue("Location")).hasValue("/");
        assertThat(signedIn.headers().firstValue("Strict-Transport-Security")).isPresent();
    }

    @Test
    void prometheusNeedsAuthenticationWhileTheProbesStayOpen_13_8() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> anonymous = http.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/actuator/prometheus"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String basic = "Basic "
                + Base64.getEncoder().encodeToString(("admin:" + Api.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> scraper = http.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/actuator/prometheus"))
                        .header("Authorization", basic)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrongPassword = http.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/actuator/prometheus"))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString("admin:nope".getBytes(StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("jvm_");
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(scraper.statusCode()).isEqualTo(200);
        assertThat(scraper.body()).contains("jvm_memory");
        assertThat(scraper.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("SESSION="));
        assertThat(api.get("/actuator/prometheus").status())
                .as("a bearer token works too")
                .isEqualTo(200);
        for (String probe : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            assertThat(api.anonymous("GET", probe, null).status()).as(probe).isEqualTo(200);
        }
    }

    private String raw(String request) throws IOException {
        URI base = URI.create(api.base());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String location(String response) {
        return response.lines()
                .filter(l -> l.regionMatches(true, 0, "Location:", 0, 9))
                .map(l -> l.substring(9).strip())
                .findFirst()
                .orElseThrow();
    }
}
