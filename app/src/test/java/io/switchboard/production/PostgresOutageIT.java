package io.switchboard.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.emulator.GraphEmulator;
import io.switchboard.testing.Api;
import io.switchboard.testing.EmulatedTenant;
import io.switchboard.testing.JarProcess;
import io.switchboard.testing.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 20 point 3: the jar on a PostgreSQL server of this test's own, stopped in the middle of a
 * sync and of a stream of API requests, then started again on the same port and data directory.
 * Readiness turns DOWN within 5 s and UP again by itself, liveness stays UP, requests answer 503
 * {@code DATABASE_UNAVAILABLE} (the sign-in too, never a 401; the portal form says so), the cut-off sync ends FAILED with
 * that reason, and the next syncs converge.
 */
class PostgresOutageIT {

    /** Enough users that the first sync is still writing its batches when the database stops. */
    private static final int USERS = 20_000;

    private final CookieManager cookies = new CookieManager();
    private final HttpClient browser = HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private String xsrf;

    private static Path pgData;
    private static int pgPort;
    private static EmbeddedPostgres server;
    private static GraphEmulator emulator;

    @BeforeAll
    static void ownServer() throws Exception {
        assumeTrue(TestDatabase.postgres(), "a PostgreSQL outage: the PostgreSQL run checks it");
        pgData = Files.createTempDirectory("switchboard-outage-pg");
        pgPort = JarProcess.freePort();
        server = startServer();
        try (Connection c = DriverManager.getConnection(server.getJdbcUrl("postgres", "postgres"))) {
            c.createStatement().execute("CREATE DATABASE switchboard");
        }
        emulator = GraphEmulator.builder().generatedTenant(20_020, USERS).start();
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (emulator != null) {
            emulator.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void losingTheDatabaseIsReportedAsSuchAndEverythingComesBackWhenItReturns_issue20() throws Exception {
        Path workDir = Files.createTempDirectory("switchboard-outage");
        JarProcess jar = JarProcess.start(
                        workDir,
                        "outage",
                        JarProcess.freePort(),
                        Map.of(
                                "SPRING_DATASOURCE_URL",
                                "jdbc:postgresql://localhost:" + pgPort + "/switchboard",
                                "SPRING_DATASOURCE_USERNAME",
                                "postgres",
                                "SPRING_DATASOURCE_PASSWORD",
                                "",
                                "SWITCHBOARD_ADMIN_PASSWORD",
                                Api.ADMIN_PASSWORD,
                                // Waves of 8,000 new extensions (batches of 1,000 on 2 workers, 4 each), so the first
                                // sync has three.
                                "SWITCHBOARD_SYNC_APPLY_BATCH",
                                "1000"))
                .awaitHealthy();
        Connection lockHolder = null;
        try {
            Api api = new Api(jar.base()).signIn();
            assertThat(api.patch("/api/v1/settings", "{\"extensionCapacity\":50000}")
                            .status())
                    .isEqualTo(200);
            assertThat(api.put("/api/v1/integration/change-trigger", "{\"enabled\":false}")
                            .status())
                    .isEqualTo(200);
            EmulatedTenant.connect(api, emulator);
            assertThat(api.put("/api/v1/integration/user-sync", "{\"enabled\":true,\"range\":\"ALL\"}")
                            .status())
                    .isEqualTo(200);
            String cutOff = api.get("/api/v1/sync-runs")
                    .body()
                    .path("items")
                    .get(0)
                    .path("id")
                    .asString();
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> extensions() > 0);
            // The sync lock's row, held from here until the database stops: the run's next wave waits for it
            // (each wave fences the run first), so however slow this machine, the database stops while the
            // run is in the middle of writing, never after it ended.
            lockHolder = connect();
            lockHolder.setAutoCommit(false);
            lockHolder.createStatement().executeQuery("SELECT run_id FROM sync_lock WHERE id = 1 FOR UPDATE");

            browser.send(
                    HttpRequest.newBuilder(URI.create(jar.base() + "/login")).build(),
                    HttpResponse.BodyHandlers.discarding());
            xsrf = cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .findFirst()
                    .orElseThrow()
                    .getValue();

            List<String> answers = new CopyOnWriteArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            Thread requests = new Thread(() -> {
                while (!stop.get()) {
                    Api.Answer a = api.get("/api/v1/extensions?size=200");
                    answers.add(a.status() + " " + (a.status() == 200 ? "" : a.code()));
                }
            });
            requests.start();
            assertThat(api.get("/api/v1/sync-runs/" + cutOff).text("state")).isEqualTo("RUNNING");
            long stoppedAt = System.nanoTime();
            server.close();

            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> jar.status("/actuator/health/readiness") == 503);
            double downAfter = (System.nanoTime() - stoppedAt) / 1e9;
            System.out.printf("PostgresOutageIT: readiness DOWN %.1f s after the database stopped%n", downAfter);
            assertThat(jar.status("/actuator/health/liveness")).isEqualTo(200);
            Api.Answer read = api.get("/api/v1/extensions");
            assertThat(read.status()).as(read.raw().body()).isEqualTo(503);
            assertThat(read.code()).isEqualTo("DATABASE_UNAVAILABLE");
            assertThat(read.raw().headers().firstValue("Content-Type").orElse(""))
                    .startsWith("application/problem+json");
            Api.Answer signIn = api.anonymous(
                    "POST",
                    "/api/v1/auth/token",
                    "{\"username\":\"admin\",\"password\":\"" + Api.ADMIN_PASSWORD + "\"}");
            assertThat(signIn.status())
                    .as("not a wrong password: " + signIn.raw().body())
                    .isEqualTo(503);
            assertThat(signIn.code()).isEqualTo("DATABASE_UNAVAILABLE");

            HttpResponse<String> form = portalSignIn(jar.base());
            assertThat(form.statusCode()).as(form.body()).isEqualTo(302);
            assertThat(form.headers().firstValue("Location").orElseThrow())
                    .as("the portal's sign-in form does not blame the password either")
                    .endsWith("/login?unavailable");

            server = startServer();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> jar.status("/actuator/health/readiness") == 200);
            stop.set(true);
            requests.join(30_000);
            assertThat(answers)
                    .as("every answer during the outage is served or a 503 DATABASE_UNAVAILABLE")
                    .isNotEmpty()
                    .allSatisfy(a -> assertThat(a).isIn("200 ", "503 DATABASE_UNAVAILABLE"));
            assertThat(answers).contains("503 DATABASE_UNAVAILABLE");

            Api again = new Api(jar.base()).signIn();
            JsonNode failed = finished(again, cutOff);
            assertThat(failed.path("state").asString()).isEqualTo("FAILED");
            assertThat(failed.path("error").asString())
                    .isEqualTo("The sync stopped because the database could not be reached. What it had written is"
                            + " kept; the next sync completes the work.");

            JsonNode next =
                    finished(again, again.post("/api/v1/integration/sync", null).text("id"));
            assertThat(next.path("state").asString()).as(next.toString()).isIn("SUCCEEDED", "PARTIAL");
            JsonNode converged =
                    finished(again, again.post("/api/v1/integration/sync", null).text("id"));
            JsonNode counts = converged.path("counts");
            assertThat(counts.path("created").asInt()
                            + counts.path("updated").asInt()
                            + counts.path("deleted").asInt())
                    .as("the run after the recovery left nothing to do: " + converged)
                    .isZero();
            JsonNode preview =
                    again.post("/api/v1/integration/sync?dryRun=true", null).body();
            assertThat(preview.path("changes").size())
                    .as("a full plan of the tenant finds nothing left to do: " + preview)
                    .isZero();
            assertThat(extensions())
                    .as("every extension is in sync by a full plan of the tenant")
                    .isEqualTo(preview.path("unchanged").asLong());
        } finally {
            closeQuietly(lockHolder);
            jar.stop();
        }
    }

    /** The portal's sign-in form with the right password; its CSRF cookie was set by a GET before. */
    private HttpResponse<String> portalSignIn(String base) throws Exception {
        return browser.send(
                HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-XSRF-TOKEN", xsrf)
                        .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + Api.ADMIN_PASSWORD))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode finished(Api api, String runId) {
        return await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> api.get("/api/v1/sync-runs/" + runId).body(),
                        run -> !run.path("state").asString().equals("RUNNING"));
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // Its server has stopped: nothing to release.
        }
    }

    /** A connection of its own to the service's database. */
    private static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + pgPort + "/switchboard", "postgres", "");
    }

    private static long extensions() throws Exception {
        try (Connection c = connect();
                ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM extension")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static EmbeddedPostgres startServer() throws Exception {
        return EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setPort(pgPort)
                .start();
    }
}
