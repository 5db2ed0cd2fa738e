package io.switchboard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.Api;
import io.switchboard.testing.JarProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The README's run command, as a newcomer types it: {@code java -jar demo/target/switchboard-demo.jar}, with no
 * argument to add, in a fresh working directory. It serves {@code /actuator/health} UP (the time is printed
 * against the 20-second target), prints the generated administrator password once, and its emulated tenant
 * connects through the whole Microsoft sign-in (issue 2 "the run command", issue 3 "the demo starts with one
 * command", issue 14 "the demo in its own module"). On the PostgreSQL run of the suite the jar is pointed at
 * PostgreSQL by the standard {@code SPRING_DATASOURCE_*} settings. The production jar's start is
 * {@code RunCommandIT} in {@code app}.
 */
class DemoRunCommandIT {

    private static final Duration HEALTH_WITHIN = Duration.ofSeconds(20);
    private static final Pattern PASSWORD = Pattern.compile("(?m)^\\s+password: (\\S+)\\s*$");

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final List<JarProcess> started = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (JarProcess jar : started) {
            jar.stop();
        }
    }

    @Test
    void theDemoServesHealthWithinTwentySecondsAndItsTenantConnects() throws Exception {
        Path workDir = Files.createTempDirectory("switchboard-run");
        Map<String, String> database = JarProcess.database();
        int port = JarProcess.freePort();

        JarProcess first = start(workDir, "first", port, database);

        first.printHealthyAfter("DemoRunCommandIT", "first start", HEALTH_WITHIN);
        Matcher printed = PASSWORD.matcher(first.console());
        assertThat(printed.find()).as("the generated password is printed").isTrue();
        String password = printed.group(1);
        assertThat(printed.find()).as("printed once").isFalse();
        assertThat(Files.exists(workDir.resolve("data/master.key"))).isTrue();

        String base = first.base();
        Api api = new Api(base).signIn(password);
        JsonNode integration = api.get("/api/v1/integration").ok();
        assertThat(integration.path("status").asString()).isEqualTo("NOT_CONNECTED");
        assertThat(integration.path("cloud").asString()).isEqualTo("CUSTOM");

        String authorize = api.post("/api/v1/integration/sign-in", null)
                .ok()
                .path("authorizationUrl")
                .asString();
        HttpResponse<String> atMicrosoft = http.send(
                HttpRequest.newBuilder(URI.create(authorize)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(atMicrosoft.statusCode()).as(atMicrosoft.body()).isEqualTo(302);
        String back = atMicrosoft.headers().firstValue("Location").orElseThrow();
        assertThat(back).startsWith("http://localhost:8080/integration/callback?");
        // The demo's public base URL is the README's http://localhost:8080; this run listens elsewhere.
        HttpResponse<String> callback = http.send(
                HttpRequest.newBuilder(URI.create(back.replace("http://localhost:8080", base)))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(callback.headers().firstValue("Location").orElseThrow()).endsWith("integration=connected");
        assertThat(api.get("/api/v1/integration").ok().path("status").asString())
                .isEqualTo("CONNECTED");

        first.process().destroy();
        assertThat(first.process().waitFor(20, TimeUnit.SECONDS)).isTrue();

        JarProcess second = start(workDir, "second", port, database);
        second.printHealthyAfter("DemoRunCommandIT", "second start", HEALTH_WITHIN);
        assertThat(second.console()).doesNotContain(password);
        assertThat(new Api(second.base()).signIn(password).token())
                .as("the first password still signs in")
                .isNotBlank();
    }

    /**
     * {@code java -jar target/switchboard-demo.jar}, as the README types it (its emulator on a free port rather than
     * 8900), until health UP.
     */
    private JarProcess start(Path workDir, String name, int port, Map<String, String> database) throws IOException {
        JarProcess jar = JarProcess.jar("switchboard-demo.jar")
                .asTyped()
                .arguments("--switchboard.demo.emulator-port=" + JarProcess.freePort())
                .start(workDir, name, port, database);
        started.add(jar);
        return jar.awaitHealthy();
    }
}
