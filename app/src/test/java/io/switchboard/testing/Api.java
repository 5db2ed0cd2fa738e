package io.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the REST API of a running Switchboard, as a script would use it. */
public final class Api {

    public static final String ADMIN_PASSWORD = "test-admin-password";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String token;

    public Api(int port) {
        this("http://127.0.0.1:" + port);
    }

    /** A client of the Switchboard at {@code base}, such as {@code http://127.0.0.1:8080}. */
    public Api(String base) {
        this.base = base;
    }

    /** An answer: status, headers and the body parsed as JSON (or a text node when it is not JSON). */
    public record Answer(int status, HttpResponse<String> raw, JsonNode body) {
        public String code() {
            return body.path("code").asString();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String text(String field) {
            return body.path(field).asString();
        }

        /** The body of a 2xx answer; any other status fails the test, showing the request and the body. */
        public JsonNode ok() {
            assertThat(status)
                    .as(raw.request().method() + " " + raw.request().uri().getPath() + ": " + raw.body())
                    .isBetween(200, 299);
            return body;
        }
    }

    public String base() {
        return base;
    }

    public Api signIn() {
        return signIn(ADMIN_PASSWORD);
    }

    /** Signs in as {@code admin} with this password, such as the one a first start printed. */
    public Api signIn(String password) {
        Answer answer =
                send("POST", "/api/v1/auth/token", json(Map.of("username", "admin", "password", password)), null);
        if (answer.status() != 200) {
            throw new IllegalStateException("Cannot sign in: " + answer.raw().body());
        }
        token = answer.text("accessToken");
        return this;
    }

    /** The access token of the last {@link #signIn()}. */
    public String token() {
        return token;
    }

    public Answer get(String path) {
        return send("GET", path, null, token);
    }

    public Answer post(String path, String json) {
        return send("POST", path, json, token);
    }

    public Answer put(String path, String json) {
        return send("PUT", path, json, token);
    }

    public Answer patch(String path, String json) {
        return send("PATCH", path, json, token);
    }

    public Answer delete(String path) {
        return send("DELETE", path, null, token);
    }

    public Answer anonymous(String method, String path, String json) {
        return send(method, path, json, null);
    }

    public Answer withToken(String method, String path, String json, String bearer) {
        return send(method, path, json, bearer);
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    private Answer send(String method, String path, String json, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
            } catch (RuntimeException notJson) {
                body = JSON.getNodeFactory().textNode(response.body());
            }
            return new Answer(response.statusCode(), response, body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
