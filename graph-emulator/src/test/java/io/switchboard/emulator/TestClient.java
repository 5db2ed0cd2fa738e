package io.switchboard.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A plain {@code java.net.http} client for the emulator, as an application under test would use it. */
final class TestClient {

    static final String REDIRECT = "http://localhost:8080/entra/callback";
    static final String DELEGATED_SCOPES =
            "openid profile email offline_access https://graph.microsoft.com/User.Read.All https://graph.microsoft.com/Group.Read.All https://graph.microsoft.com/Directory.Read.All";

    final GraphEmulator emulator;
    final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    TestClient(GraphEmulator emulator) {
        this.emulator = emulator;
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String pathOrUrl, String token, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathOrUrl)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    HttpResponse<String> sendJson(String method, String pathOrUrl, String token, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathOrUrl))
                .method(method, HttpRequest.BodyPublishers.ofString(body == null ? "" : Json.writeString(body)))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    HttpResponse<String> postForm(String pathOrUrl, Map<String, String> form) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(HttpMessages.query(form)))
                .build());
    }

    HttpResponse<String> token(Map<String, String> form) {
        return postForm(emulator.tokenEndpoint(), form);
    }

    /** An app-only token via client credentials. */
    String appToken() {
        HttpResponse<String> response = token(form(
                "grant_type",
                "client_credentials",
                "client_id",
                emulator.clientId(),
                "client_secret",
                emulator.app().currentSecretValue().orElseThrow(),
                "scope",
                "https://graph.microsoft.com/.default"));
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.body());
        }
        return (String) json(response).get("access_token");
    }

    /** Runs the authorization-code flow with PKCE and returns the token response body. */
    Map<String, Object> signIn(String scopes) {
        String verifier = "verifier-" + UUID.randomUUID() + UUID.randomUUID();
        String state = UUID.randomUUID().toString();
        HttpResponse<String> authorize = authorize(scopes, state, "nonce-1", challenge(verifier), "S256", null);
        if (authorize.statusCode() != 302) {
            throw new IllegalStateException("authorize failed: " + authorize.statusCode() + " " + authorize.body());
        }
        Map<String, String> params = redirectParams(authorize);
        if (!state.equals(params.get("state"))) {
            throw new IllegalStateException("state not echoed");
        }
        HttpResponse<String> response = redeem(params.get("code"), verifier, scopes);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.body());
        }
        return json(response);
    }

    /** A delegated access token with {@link #DELEGATED_SCOPES}. */
    String delegatedToken() {
        return (String) signIn(DELEGATED_SCOPES).get("access_token");
    }

    HttpResponse<String> authorize(
            String scopes, String state, String nonce, String challenge, String method, Map<String, String> extra) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("client_id", emulator.clientId());
        q.put("response_type", "code");
        q.put("redirect_uri", REDIRECT);
        q.put("response_mode", "query");
        q.put("scope", scopes);
        q.put("state", state);
        q.put("nonce", nonce);
        if (challenge != null) {
            q.put("code_challenge", challenge);
            q.put("code_challenge_method", method);
        }
        if (extra != null) {
            q.putAll(extra);
        }
        return get(emulator.authorizeEndpoint() + "?" + HttpMessages.query(q), null);
    }

    HttpResponse<String> redeem(String code, String verifier, String scopes) {
        Map<String, String> form = form(
                "grant_type",
                "authorization_code",
                "client_id",
                emulator.clientId(),
                "client_secret",
                emulator.app().currentSecretValue().orElseThrow(),
                "code",
                code,
                "redirect_uri",
                REDIRECT,
                "scope",
                scopes);
        if (verifier != null) {
            form.put("code_verifier", verifier);
        }
        return token(form);
    }

    static Map<String, String> redirectParams(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElseThrow();
        int q = location.indexOf('?');
        return HttpMessages.parseForm(location.substring(q + 1));
    }

    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> form(String... pairs) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    static Map<String, Object> json(HttpResponse<String> response) {
        return Json.readObject(response.body().getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> value(Map<String, Object> body) {
        return (List<Map<String, Object>>) body.get("value");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> error(HttpResponse<String> response) {
        return (Map<String, Object>) json(response).get("error");
    }

    /** {@code path?k1=v1&k2=v2} with every value percent-encoded. */
    static String path(String path, String... pairs) {
        return path + "?" + HttpMessages.query(form(pairs));
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : emulator.baseUrl() + pathOrUrl);
    }
}
