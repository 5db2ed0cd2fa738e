package io.switchboard.entra;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The token endpoint of the Microsoft identity platform v2: redeems authorization codes, refreshes
 * tokens and gets client-credentials tokens, turning Microsoft's errors (AADSTS codes) into
 * reasons an admin can act on. Secrets and tokens never reach a log or an exception message.
 */
@Component
class IdentityPlatform {

    /** What a successful token request returned. */
    record Tokens(String accessToken, Instant expiresAt, String refreshToken, String idToken) {}

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final JsonMapper mapper;
    private final Clock clock;

    IdentityPlatform(JsonMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    static String tokenEndpoint(Integration i) {
        return i.loginEndpoint() + "/" + i.tenantId() + "/oauth2/v2.0/token";
    }

    static String authorizeEndpoint(Integration i) {
        return i.loginEndpoint() + "/" + i.tenantId() + "/oauth2/v2.0/authorize";
    }

    static String jwksEndpoint(Integration i) {
        return i.loginEndpoint() + "/" + i.tenantId() + "/discovery/v2.0/keys";
    }

    Tokens redeemCode(Integration i, String secret, String code, String verifier, String redirectUri, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("code_verifier", verifier);
        form.put("redirect_uri", redirectUri);
        form.put("scope", scope);
        return request(i, secret, form);
    }

    Tokens refresh(Integration i, String secret, String refreshToken, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("scope", scope);
        return request(i, secret, form);
    }

    Tokens clientCredentials(Integration i, String secret) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("scope", i.graphEndpoint() + "/.default");
        return request(i, secret, form);
    }

    private Tokens request(Integration i, String secret, Map<String, String> form) {
        form.put("client_id", i.clientId());
        form.put("client_secret", secret);
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response;
        try {
            response = http.send(
                    HttpRequest.newBuilder(URI.create(tokenEndpoint(i)))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unreachable(i, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(i, e);
        }
        JsonNode json;
        try {
            json = mapper.readTree(response.body());
        } catch (RuntimeException notJson) {
            throw new TokenRefused(
                    "unreachable",
                    "Microsoft Entra ID answered HTTP " + response.statusCode() + " with no readable body at "
                            + i.loginEndpoint() + "; check the cloud and login endpoint settings.");
        }
        if (response.statusCode() != 200) {
            throw refused(json, response.statusCode());
        }
        long expiresIn = json.path("expires_in").asLong(3600);
        return new Tokens(
                json.path("access_token").asString(),
                clock.instant().plusSeconds(expiresIn),
                json.path("refresh_token").isMissingNode()
                        ? null
                        : json.path("refresh_token").asString(),
                json.path("id_token").isMissingNode()
                        ? null
                        : json.path("id_token").asString());
    }

    private static TokenRefused unreachable(Integration i, Exception e) {
        return new TokenRefused(
                "unreachable",
                "Microsoft Entra ID cannot be reached at " + i.loginEndpoint() + " ("
                        + e.getClass().getSimpleName()
                        + "). Check the network, the proxy and the cloud setting; Switchboard retries on the next sync.");
    }

    /** Microsoft's error body turned into a plain-words reason (reference §2 error codes). */
    static TokenRefused refused(JsonNode json, int status) {
        String error = json.path("error").asString("unknown_error");
        String description = json.path("error_description").asString("");
        String code = "";
        if (json.path("error_codes").isArray() && !json.path("error_codes").isEmpty()) {
            code = json.path("error_codes").get(0).asString();
        } else if (description.startsWith("AADSTS")) {
            code = description.substring(6, Math.max(6, description.indexOf(':')));
        }
        String reason = switch (code) {
            case "7000215" ->
                "The client secret is invalid. Paste the secret's Value (not its Secret ID) from the"
                        + " app registration's Certificates & secrets page.";
            case "7000222" ->
                "The client secret has expired. Create a new client secret in the app registration and"
                        + " enter it with Update Client Secret.";
            case "65001" ->
                "Consent was revoked or never given: the authorization account must sign in again and"
                        + " consent to the permissions.";
            case "70000", "70008", "700082", "50173", "54005" ->
                "The sign-in of the authorization account is no"
                        + " longer valid (revoked, expired or password changed). Sign in again.";
            case "700016" ->
                "The application (client) ID was not found in this tenant. Check the client ID and the"
                        + " directory (tenant) ID.";
            case "90002" -> "The tenant was not found. Check the directory (tenant) ID and the cloud.";
            case "50011" ->
                "The redirect URI is not registered on the app registration. Add the Redirect URI shown"
                        + " here to the app registration.";
            case "501481" -> "The sign-in could not be verified (PKCE mismatch). Start the sign-in again.";
            default ->
                "Microsoft Entra ID refused the request (" + error + (code.isEmpty() ? "" : ", AADSTS" + code)
                        + ", HTTP " + status + ").";
        };
        return new TokenRefused(error, reason);
    }
}
