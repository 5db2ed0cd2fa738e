package io.switchboard.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The standalone demo entry point, run as the README runs it: its own JVM on a free port. What it
 * prints is what {@code GET /_control/info} answers, the login host serves the OpenID discovery
 * document, and the ids follow the seed while the secret is new on every start.
 */
class GraphEmulatorMainTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CONTROL_LINE = "control token:";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void printsTheTenantItServesAndAnswersControlInfoAndDiscovery() throws Exception {
        int port = freePort();

        Map<String, String> printed =
                run(String.valueOf(port), "20", "7", "http://localhost:9000/a", "http://localhost:9000/b");

        String base = "http://127.0.0.1:" + port;
        assertThat(printed.get("base URL (login and Graph)")).isEqualTo(base);
        assertThat(printed.get("users")).isEqualTo("20, groups: " + printed.get("groups"));
        assertThat(printed.get("control API")).isEqualTo(base + "/_control/info");
        assertThat(printed.get("client secret")).isNotBlank();

        JsonNode info = getJson(base + "/_control/info", printed.get("control token"));
        assertThat(info.path("baseUrl").asString()).isEqualTo(base);
        assertThat(info.path("tenantId").asString()).isEqualTo(printed.get("tenant id"));
        assertThat(info.path("clientId").asString()).isEqualTo(printed.get("client id"));
        assertThat(info.path("clientSecret").asString()).isEqualTo(printed.get("client secret"));
        assertThat(info.path("authorizationAccount").asString()).isEqualTo(printed.get("sign-in account"));
        assertThat(info.path("users").asInt()).isEqualTo(20);
        assertThat(info.path("groups").asString()).isEqualTo(printed.get("groups"));
        assertThat(info.path("redirectUris").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("http://localhost:9000/a", "http://localhost:9000/b");

        String tenant = printed.get("tenant id");
        JsonNode discovery = getJson(base + "/" + tenant + "/v2.0/.well-known/openid-configuration");
        assertThat(discovery.path("issuer").asString()).isEqualTo(base + "/" + tenant + "/v2.0");
        assertThat(discovery.path("token_endpoint").asString()).isEqualTo(base + "/" + tenant + "/oauth2/v2.0/token");
        assertThat(discovery.path("authorization_endpoint").asString())
                .isEqualTo(base + "/" + tenant + "/oauth2/v2.0/authorize");

        Map<String, String> again = run(String.valueOf(freePort()), "20", "7");
        assertThat(again.get("tenant id")).as("the tenant id follows the seed").isEqualTo(tenant);
        assertThat(again.get("client id")).as("the client id follows the seed").isEqualTo(printed.get("client id"));
        assertThat(again.get("sign-in account")).isEqualTo(printed.get("sign-in account"));
        assertThat(again.get("client secret")).as("the secret is new").isNotEqualTo(printed.get("client secret"));
    }

    @Test
    void withOnlyAPortItRegistersSwitchboardsCallbackAtItsDefaultAddress() throws Exception {
        int port = freePort();

        Map<String, String> printed = run(String.valueOf(port));

        assertThat(printed.get("redirect URIs")).isEqualTo("[http://localhost:8080/integration/callback]");
        assertThat(printed.get("tenant id"))
                .isNotEqualTo(run(String.valueOf(freePort()), "1", "43").get("tenant id"));
        assertThat(getJson("http://127.0.0.1:" + port + "/_control/info", printed.get("control token"))
                        .path("users")
                        .asInt())
                .isEqualTo(500);
    }

    /** Starts the main class in its own JVM and returns the labelled values it printed once ready. */
    private Map<String, String> run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                GraphEmulatorMain.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        started.add(process);
        List<String> lines = new ArrayList<>();
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader out =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    if (line.contains(CONTROL_LINE)) {
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        boolean printedAll = ready.get(60, TimeUnit.SECONDS);
        synchronized (lines) {
            assertThat(printedAll)
                    .as("the emulator printed its values: " + lines)
                    .isTrue();
            Map<String, String> values = new LinkedHashMap<>();
            for (String line : lines) {
                int colon = line.indexOf(": ");
                if (line.startsWith("  ") && colon > 0) {
                    values.put(
                            line.substring(0, colon).strip(),
                            line.substring(colon + 2).strip());
                }
            }
            String users = values.getOrDefault("users", "");
            values.put("groups", users.substring(users.indexOf("groups: ") + "groups: ".length()));
            return values;
        }
    }

    private JsonNode getJson(String url) throws Exception {
        return getJson(url, null);
    }

    private JsonNode getJson(String url, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(url + ": " + answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
