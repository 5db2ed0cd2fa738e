package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.Api;
import io.switchboard.testing.IntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the security suite (issue 13): one application context, trusting forwarded headers from
 * loopback as it would behind a TLS proxy (so tests can speak for other client addresses with
 * {@code X-Forwarded-For}), with one password-check slot.
 */
@TestPropertySource(properties = {"server.forward-headers-strategy=native", "switchboard.sign-in.concurrent-checks=1"})
abstract class SecuritySuite extends IntegrationTest {

    static final String TOKEN = "/api/v1/auth/token";

    Api.Answer token(String username, String password) {
        return api.anonymous("POST", TOKEN, Api.json(Map.of("username", username, "password", password)));
    }

    long sessionRows() {
        return jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION").query(Long.class).single();
    }

    /** A browser without JavaScript: keeps cookies, does not follow redirects, may speak for another address. */
    final class Browser {
        final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        private final Map<String, String> extraHeaders = new LinkedHashMap<>();

        Browser from(String address) {
            extraHeaders.put("X-Forwarded-For", address);
            return this;
        }

        Browser header(String name, String value) {
            extraHeaders.put(name, value);
            return this;
        }

        HttpResponse<String> get(String path) {
            return send(request(path).GET().build());
        }

        HttpResponse<String> form(String path, Map<String, String> fields) {
            String body = fields.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return send(request(path)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build());
        }

        /** Posts the sign-in form with the CSRF token of a freshly loaded sign-in page; returns the redirect target. */
        String signIn(String username, String password) {
            String csrf = csrf(get("/login").body());
            HttpResponse<String> answer =
                    form("/login", Map.of("username", username, "password", password, "_csrf", csrf));
            assertThat(answer.statusCode()).isEqualTo(302);
            return answer.headers().firstValue("Location").orElseThrow();
        }

        private HttpRequest.Builder request(String path) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(api.base() + path));
            extraHeaders.forEach(builder::header);
            return builder;
        }

        private HttpResponse<String> send(HttpRequest request) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("the page carries a CSRF token").isTrue();
        return m.group(1);
    }
}
