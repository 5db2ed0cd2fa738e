package io.switchboard.entra.graph;

import io.switchboard.emulator.GraphEmulator;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** App-only tokens from the emulator's client-credentials grant, renewed when the emulator's clock passes expiry. */
final class EmulatorTokens implements TokenSource {

    private final GraphEmulator emulator;
    private final HttpClient http = HttpClient.newHttpClient();
    private String token;
    private Instant renewAt = Instant.MIN;

    EmulatorTokens(GraphEmulator emulator) {
        this.emulator = emulator;
    }

    @Override
    public synchronized String accessToken() {
        Instant now = emulator.clock().instant();
        if (token == null || !now.isBefore(renewAt)) {
            String form = "grant_type=client_credentials&client_id=" + enc(emulator.clientId()) + "&client_secret="
                    + enc(emulator.clientSecret()) + "&scope=" + enc("https://graph.microsoft.com/.default");
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(emulator.tokenEndpoint()))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("token endpoint answered " + response.statusCode());
                }
                JsonNode body = JsonMapper.builder().build().readTree(response.body());
                token = body.get("access_token").asString();
                renewAt = now.plusSeconds(body.get("expires_in").asLong() - 300);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return token;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
