package io.switchboard.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.switchboard.SwitchboardProperties;
import io.switchboard.emulator.GraphEmulator;
import io.switchboard.testing.Api;
import io.switchboard.testing.Api.Answer;
import io.switchboard.testing.JarProcess;
import io.switchboard.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged jar as an operator runs it, with {@code SWITCHBOARD_MASTER_KEY} set (C7) and a fresh
 * working directory: a first process connects to an emulated tenant in delegated mode (client
 * secret, authorization code, access and refresh tokens), replaces the client secret and syncs;
 * it stops, and a second process with the same key on the same database syncs again with what the
 * first one sealed. Afterwards the key file is absent, this test opens the stored secrets with the
 * key, the log file {@code data/logs/switchboard.log} is Elastic Common Schema JSON (issue 2
 * "Operations: structured logs") and neither it nor the console holds a secret or a token (C7).
 */
class MasterKeyAndLogsIT {

    private static final String REDIRECT_URI = "http://localhost:8080/integration/callback";
    /** Any JSON Web Token: access and ID tokens from Microsoft, API tokens from Switchboard. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]+");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private static GraphEmulator emulator;
    private static Path workDir;
    private static String masterKey;
    private static String firstSecret;
    private static String secondSecret;
    private static String authorizationCode;
    private static JsonNode connectedAfterRestart;
    private static Answer syncAfterRestart;
    private static JsonNode runAfterRestart;
    private static int apiTokenOfTheFirstProcessOnTheSecond;
    private static String storedSecret;
    private static String storedRefreshToken;
    private static String sealedSecret;
    private static final List<JarProcess> consoles = new ArrayList<>();

    @BeforeAll
    static void connectSyncRestartAndSyncAgain() throws Exception {
        emulator = GraphEmulator.builder()
                .generatedTenant(7_007, 40)
                .redirectUri(REDIRECT_URI)
                .start();
        workDir = Files.createTempDirectory("switchboard-master-key");
        masterKey = randomKey();
        TestDatabase.Connection database = TestDatabase.postgres() ? TestDatabase.newDatabase() : null;
        Map<String, String> env = new HashMap<>();
        env.put("SWITCHBOARD_MASTER_KEY", masterKey);
        env.put("SWITCHBOARD_ADMIN_PASSWORD", Api.ADMIN_PASSWORD);
        env.putAll(JarProcess.database(database));

        int port = JarProcess.freePort();
        Api api;
        JarProcess first = JarProcess.start(workDir, "first", port, env);
        consoles.add(first);
        try {
            first.awaitHealthy();
            api = new Api(first.base()).signIn();
            firstSecret = emulator.app().addSecret(Duration.ofDays(365)).value();
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("clientId", emulator.clientId());
            settings.put("tenantId", emulator.tenantId());
            settings.put("clientSecret", firstSecret);
            settings.put("cloud", "CUSTOM");
            settings.put("loginEndpoint", emulator.loginBaseUrl());
            settings.put("graphEndpoint", emulator.graphBaseUrl());
            settings.put("mode", "DELEGATED");
            expectOk(api.put("/api/v1/integration", Api.json(settings)));
            signInAtMicrosoft(api, first.base());
            assertThat(api.get("/api/v1/integration").text("status")).isEqualTo("CONNECTED");

            secondSecret = emulator.app().addSecret(Duration.ofDays(365)).value();
            expectOk(api.put("/api/v1/integration/client-secret", Api.json(Map.of("clientSecret", secondSecret))));
            expectOk(api.put("/api/v1/integration/user-sync", "{\"enabled\":true,\"range\":\"ALL\"}"));
            assertThat(awaitFinishedRun(api, null).path("state").asString()).isIn("SUCCEEDED", "PARTIAL");
        } finally {
            first.stop();
        }

        JarProcess second = JarProcess.start(workDir, "second", port, env);
        consoles.add(second);
        try {
            second.awaitHealthy();
            apiTokenOfTheFirstProcessOnTheSecond =
                    api.get("/api/v1/integration").status();
            connectedAfterRestart = api.get("/api/v1/integration").body();
            syncAfterRestart = api.post("/api/v1/integration/sync", null);
            runAfterRestart =
                    syncAfterRestart.status() == 202 ? awaitFinishedRun(api, syncAfterRestart.text("id")) : null;
        } finally {
            second.stop();
        }

        JdbcClient jdbc = JdbcClient.create(
                database != null
                        ? new DriverManagerDataSource(database.url(), database.user(), database.password())
                        : new DriverManagerDataSource(
                                "jdbc:h2:file:" + workDir.resolve("data/switchboard") + ";IFEXISTS=TRUE", "sa", ""));
        Map<String, Object> row = jdbc.sql("SELECT client_secret, refresh_token FROM integration WHERE id = 1")
                .query()
                .singleRow();
        sealedSecret = (String) row.get("client_secret");
        SecretBox box =
                new SecretBox(new MasterKey(new SwitchboardProperties(workDir.resolve("data"), null, masterKey)));
        storedSecret = box.open("entra.client-secret", sealedSecret);
        storedRefreshToken = box.open("entra.refresh-token", (String) row.get("refresh_token"));
    }

    @AfterAll
    static void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void theKeyFromTheEnvironmentSealsTheSecretsAndNoKeyFileIsWritten_C7() {
        assertThat(workDir.resolve("data/master.key")).doesNotExist();
        assertThat(sealedSecret).startsWith("v1:").doesNotContain(secondSecret);
        assertThat(storedSecret)
                .as("what the jar sealed opens here with SWITCHBOARD_MASTER_KEY")
                .isEqualTo(secondSecret);
        assertThat(storedRefreshToken).isNotBlank();
    }

    @Test
    void aProcessStartedWithTheSameKeyOpensWhatTheLastOneSealed_C7() {
        assertThat(apiTokenOfTheFirstProcessOnTheSecond)
                .as("an API token signed by the first process is accepted by the second")
                .isEqualTo(200);
        assertThat(connectedAfterRestart.path("status").asString()).isEqualTo("CONNECTED");
        assertThat(syncAfterRestart.status()).as(syncAfterRestart.raw().body()).isEqualTo(202);
        assertThat(runAfterRestart.path("state").asString())
                .as("the new process refreshed its tokens with the sealed refresh token and client secret: "
                        + runAfterRestart)
                .isIn("SUCCEEDED", "PARTIAL");
    }

    @Test
    void theLogFileHoldsOneElasticCommonSchemaObjectPerLine_issue2() throws IOException {
        List<String> lines = Files.readAllLines(workDir.resolve("data/logs/switchboard.log"));

        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            JsonNode event = JSON.readTree(line);
            assertThat(event.isObject()).as(line).isTrue();
            assertThat(Instant.parse(event.path("@timestamp").asString())).isNotNull();
            assertThat(event.path("log").path("level").asString()).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
            assertThat(event.path("log").path("logger").asString()).as(line).isNotBlank();
            assertThat(event.path("message").isString()).as(line).isTrue();
            assertThat(event.path("service").path("name").asString()).isEqualTo("switchboard");
            assertThat(event.path("ecs").path("version").asString()).isNotBlank();
            assertThat(event.path("process").path("pid").isNumber()).as(line).isTrue();
        });
        List<JsonNode> events = lines.stream().map(JSON::readTree).toList();
        assertThat(events.stream()
                        .map(e -> e.path("process").path("pid").asLong())
                        .collect(Collectors.toSet()))
                .as("both processes append to the same file")
                .hasSize(2);
        assertThat(events)
                .as("Switchboard's own events are there too")
                .anySatisfy(
                        e -> assertThat(e.path("log").path("logger").asString()).startsWith("io.switchboard."));
    }

    @Test
    void noSecretOrTokenIsWrittenToTheLogFileOrTheConsole_C7() throws IOException {
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("data/logs/switchboard.log", Files.readString(workDir.resolve("data/logs/switchboard.log")));
        for (int i = 0; i < consoles.size(); i++) {
            outputs.put("console of start " + (i + 1), consoles.get(i).console());
        }
        Map<String, String> secrets = Map.of(
                "the first client secret", firstSecret,
                "the second client secret", secondSecret,
                "the refresh token", storedRefreshToken,
                "the authorization code", authorizationCode,
                "the master key", masterKey,
                "the administrator password", Api.ADMIN_PASSWORD);

        outputs.forEach((where, text) -> {
            assertThat(text).as(where).isNotBlank();
            secrets.forEach(
                    (what, value) -> assertThat(text).as(what + " in " + where).doesNotContain(value));
            Matcher jwt = JWT.matcher(text);
            assertThat(jwt.find() ? jwt.group() : null).as("a JWT in " + where).isNull();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-base64-at-all!", "c2hvcnQ="})
    void aMalformedKeyStopsStartUpWithOneMessageNamingTheVariable_C7(String malformed, @TempDir Path dir)
            throws Exception {
        assumeFalse(TestDatabase.postgres(), "the key does not depend on the database: the H2 run checks it");
        JarProcess jar =
                JarProcess.start(dir, "malformed", JarProcess.freePort(), Map.of("SWITCHBOARD_MASTER_KEY", malformed));

        assertThat(jar.process().waitFor(90, TimeUnit.SECONDS))
                .as("start-up stops")
                .isTrue();
        String console = jar.console();
        assertThat(jar.process().exitValue()).as(console).isNotZero();
        assertThat(console)
                .contains("APPLICATION FAILED TO START")
                .contains("The master key in SWITCHBOARD_MASTER_KEY")
                .contains("openssl rand -base64 32")
                .doesNotContain(malformed);
        assertThat(console.lines().filter(line -> line.startsWith("\tat ")))
                .as("one message, no stack trace")
                .isEmpty();
        assertThat(dir.resolve("data/master.key")).doesNotExist();
    }

    /** The delegated sign-in as the admin's browser does it, keeping the authorization code. */
    private static void signInAtMicrosoft(Api api, String base) throws Exception {
        Answer started = api.post("/api/v1/integration/sign-in", null);
        expectOk(started);
        HttpResponse<String> atMicrosoft = HTTP.send(
                HttpRequest.newBuilder(URI.create(started.text("authorizationUrl")))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(atMicrosoft.statusCode()).as(atMicrosoft.body()).isEqualTo(302);
        String back = atMicrosoft.headers().firstValue("Location").orElseThrow();
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(back);
        assertThat(code.find()).as(back).isTrue();
        authorizationCode = code.group(1);
        // Switchboard's public base URL is the default http://localhost:8080; this process listens elsewhere.
        HttpResponse<String> callback = HTTP.send(
                HttpRequest.newBuilder(URI.create(back.replace("http://localhost:8080", base)))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(callback.headers().firstValue("Location").orElseThrow()).endsWith("integration=connected");
    }

    /** The run with that id (or the only one) once it has finished. */
    private static JsonNode awaitFinishedRun(Api api, String id) {
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> api.get("/api/v1/sync-runs")
                                .body()
                                .path("items")
                                .valueStream()
                                .filter(run ->
                                        id == null || id.equals(run.path("id").asString()))
                                .findFirst()
                                .orElse(null),
                        run -> run != null && !run.path("state").asString().equals("RUNNING"));
    }

    private static void expectOk(Answer answer) {
        assertThat(answer.status()).as(answer.raw().body()).isBetween(200, 299);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
