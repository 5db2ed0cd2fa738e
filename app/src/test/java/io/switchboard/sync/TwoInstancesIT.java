package io.switchboard.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.GraphEmulatorExtension;
import io.switchboard.testing.Api;
import io.switchboard.testing.Api.Answer;
import io.switchboard.testing.EmulatedTenant;
import io.switchboard.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two Switchboard processes, started from the built jar, on one real PostgreSQL database (X6):
 * a sync runs on exactly one of them, a sync whose instance is killed is run again by the other
 * and the directory converges, and a portal session works on either. Needs PostgreSQL: an
 * in-memory H2 cannot be shared between processes, so on H2 the class is skipped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesIT {

    private static final Duration HEARTBEAT = Duration.ofSeconds(1);
    private static final Duration ABANDONED_AFTER = Duration.ofSeconds(6);
    private static final int NEW_USERS = 25;
    private static final int CHANGED_USERS = 10;

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withGeneratedTenant(606, 300);

    private static JdbcClient jdbc;
    private static Instance a;
    private static Instance b;

    @BeforeAll
    static void startTwoInstancesOnOneDatabase() throws Exception {
        assumeTrue(TestDatabase.postgres(), "needs PostgreSQL (-Dswitchboard.test.database=postgres)");
        Path jar = Instance.jar();
        TestDatabase.Connection database = TestDatabase.newDatabase();
        jdbc = JdbcClient.create(new DriverManagerDataSource(database.url(), database.user(), database.password()));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> shared = Map.of(
                "SPRING_DATASOURCE_URL", database.url(),
                "SPRING_DATASOURCE_USERNAME", database.user(),
                "SPRING_DATASOURCE_PASSWORD", database.password(),
                "SWITCHBOARD_MASTER_KEY", Base64.getEncoder().encodeToString(key),
                "SWITCHBOARD_ADMIN_PASSWORD", Api.ADMIN_PASSWORD,
                "SWITCHBOARD_SYNC_HEARTBEAT", HEARTBEAT.toString(),
                "SWITCHBOARD_SYNC_ABANDONED_AFTER", ABANDONED_AFTER.toString(),
                "SWITCHBOARD_SYNC_JANITOR_INTERVAL", "PT1S");
        a = Instance.start("a", jar, shared);
        b = Instance.start("b", jar, shared);
        a.awaitHealthy();
        b.awaitHealthy();
    }

    @AfterAll
    static void stopInstances() {
        Stream.of(a, b).filter(Objects::nonNull).forEach(Instance::kill);
    }

    @Test
    @Order(1)
    void aPortalSessionSignedInOnOneInstanceIsValidOnTheOther_X6() throws Exception {
        String session = portalSession(a);

        assertThat(sessionGet(b, "/api/v1/extensions", session).statusCode()).isEqualTo(200);
        HttpResponse<String> portal = sessionGet(b, "/", session);
        assertThat(portal.statusCode()).isEqualTo(200);
        assertThat(portal.body()).contains("Signed in as admin");
        assertThat(sessionGet(b, "/api/v1/extensions", null).statusCode())
                .as("without the session cookie")
                .isEqualTo(401);
    }

    @Test
    @Order(1)
    void everyRecurringJobIsOneDbSchedulerTaskSharedByTheInstances_X6() {
        List<String> tasks = jdbc.sql("SELECT task_name FROM scheduled_tasks ORDER BY task_name")
                .query(String.class)
                .list();

        assertThat(tasks)
                .containsExactly(
                        "change-trigger-tick",
                        "change-trigger-upkeep",
                        "scheduled-sync",
                        "sync-janitor",
                        "welcome-mail-outbox");
    }

    @Test
    @Order(2)
    void aSyncWhoseInstanceIsKilledIsRunAgainByTheOtherAndTheDirectoryConverges_X6(GraphEmulator emulator)
            throws Exception {
        Api onA = new Api(a.base()).signIn();
        Api onB = new Api(b.base()).signIn();
        EmulatedTenant.connect(onA, emulator);
        Answer saved = onA.put("/api/v1/integration/user-sync", "{\"enabled\":true,\"range\":\"ALL\"}");
        assertThat(saved.status()).as(saved.raw().body()).isEqualTo(200);
        Run initial = awaitFinished(await().atMost(Duration.ofSeconds(60)), onlyRun());
        assertThat(initial.trigger()).isEqualTo("INITIAL");
        assertThat(initial.state()).isIn("SUCCEEDED", "PARTIAL");
        Set<String> failedInitially = failedSources(initial.id());
        List<String> syncedBefore = syncedSourceIds();
        assertThat(syncedBefore).hasSizeGreaterThan(100);
        String sessionOnA = portalSession(a);

        List<String> added = new ArrayList<>();
        for (int i = 0; i < NEW_USERS; i++) {
            String mail = "failover" + i + "@" + emulator.tenant().domain();
            added.add(emulator.tenant()
                    .createUser(u -> u.displayName("Fail Over " + mail)
                            .givenName("Fail")
                            .surname("Over " + mail)
                            .mail(mail))
                    .id());
        }
        List<String> changed = syncedBefore.stream()
                .filter(id -> !failedInitially.contains(id))
                .limit(CHANGED_USERS)
                .toList();
        changed.forEach(id -> emulator.tenant().updateUser(id, u -> u.jobTitle("Failover lead " + id)));
        emulator.faults().delay("^/v1\\.0/", 1_000, Duration.ofSeconds(25));

        Answer started = onA.post("/api/v1/integration/sync", null);
        assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
        UUID cutId = UUID.fromString(started.text("id"));
        assertThat(owner(cutId)).as("the sync runs on instance A").startsWith(a.ownerPrefix());
        a.kill();

        Answer whileCut = onB.post("/api/v1/integration/sync", null);
        assertThat(whileCut.status()).isEqualTo(409);
        assertThat(whileCut.code()).isEqualTo("SYNC_RUNNING");
        assertThat(whileCut.body().path("run").path("id").asString())
                .as("B does not start a second run while A's still holds the lock")
                .isEqualTo(cutId.toString());
        assertThat(sessionGet(b, "/api/v1/extensions", sessionOnA).statusCode())
                .as("the session signed in on A outlives A")
                .isEqualTo(200);

        emulator.faults().clear();
        emulator.faults().delay("^/v1\\.0/users/delta", 1, Duration.ofSeconds(3));
        Run again = await("a run started by the janitor of B")
                .atMost(ABANDONED_AFTER.plusSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> runs().stream()
                                .filter(r -> !r.id().equals(cutId) && !r.id().equals(initial.id()))
                                .findFirst()
                                .orElse(null),
                        r -> r != null);
        Answer whileAgain = onB.post("/api/v1/integration/sync", null);
        assertThat(whileAgain.status()).isEqualTo(409);
        assertThat(whileAgain.body().path("run").path("id").asString())
                .isEqualTo(again.id().toString());
        Run cut = run(cutId);
        assertThat(cut.state()).isEqualTo("FAILED");
        assertThat(cut.error()).contains("stopped before it finished");
        assertThat(again.owner()).as("the run is taken over by B").startsWith(b.ownerPrefix());
        assertThat(again.trigger()).as("with the trigger of the cut run").isEqualTo("MANUAL");

        Run done = awaitFinished(await().atMost(Duration.ofMinutes(2)), () -> run(again.id()));
        assertThat(done.state()).isIn("SUCCEEDED", "PARTIAL");
        assertThat(failedSources(done.id()))
                .as("nothing fails for the failover; a delta run records the failures of the users it touched only")
                .isSubsetOf(failedInitially);
        assertThat(done.created()).isEqualTo(NEW_USERS);
        assertThat(done.updated()).isEqualTo(CHANGED_USERS);
        List<String> syncedAfter = syncedSourceIds();
        assertThat(syncedAfter).hasSize(syncedBefore.size() + NEW_USERS).containsAll(added);
        assertThat(changed).allSatisfy(id -> assertThat(jobTitle(id)).isEqualTo("Failover lead " + id));
        assertNoDuplicates();
        Answer preview = onB.post("/api/v1/integration/sync?dryRun=true", null);
        assertThat(preview.status()).as(preview.raw().body()).isEqualTo(200);
        assertThat(preview.body().path("changes").size())
                .as("the directory is what the tenant gives: a new plan is empty\n%s", preview.text("diff"))
                .isZero();
        assertThat(preview.body()
                        .path("failures")
                        .valueStream()
                        .map(f -> f.path("sourceId").asString())
                        .collect(Collectors.toSet()))
                .as("what fails is what the tenant's data fails")
                .isEqualTo(failedInitially);
        assertOneRunAtATime();
    }

    // --- what the database shows

    record Run(
            UUID id,
            String trigger,
            String state,
            String owner,
            Instant startedAt,
            Instant finishedAt,
            int created,
            int updated,
            String error) {}

    private static List<Run> runs() {
        return jdbc.sql("SELECT id, trigger_kind, state, owner, started_at, finished_at, created, updated, error"
                        + " FROM sync_run ORDER BY started_at")
                .query((rs, n) -> new Run(
                        rs.getObject("id", UUID.class),
                        rs.getString("trigger_kind"),
                        rs.getString("state"),
                        rs.getString("owner"),
                        rs.getTimestamp("started_at").toInstant(),
                        instant(rs.getTimestamp("finished_at")),
                        rs.getInt("created"),
                        rs.getInt("updated"),
                        rs.getString("error")))
                .list();
    }

    private static Instant instant(Timestamp value) {
        return value == null ? null : value.toInstant();
    }

    private static Run run(UUID id) {
        return runs().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private static Callable<Run> onlyRun() {
        return () -> {
            List<Run> all = runs();
            assertThat(all).hasSizeLessThanOrEqualTo(1);
            return all.isEmpty() ? null : all.get(0);
        };
    }

    private static Run awaitFinished(ConditionFactory wait, Callable<Run> run) {
        return wait.pollInterval(Duration.ofMillis(250))
                .until(run, r -> r != null && !r.state().equals("RUNNING"));
    }

    private static String owner(UUID runId) {
        return jdbc.sql("SELECT owner FROM sync_run WHERE id = ?")
                .param(runId)
                .query(String.class)
                .single();
    }

    private static Set<String> failedSources(UUID runId) {
        return new HashSet<>(jdbc.sql("SELECT source_id FROM sync_result WHERE run_id = ? AND outcome = 'FAILED'")
                .param(runId)
                .query(String.class)
                .list());
    }

    private static List<String> syncedSourceIds() {
        return jdbc.sql("SELECT source_id FROM extension WHERE origin = 'MICROSOFT_365' ORDER BY source_id")
                .query(String.class)
                .list();
    }

    private static String jobTitle(String sourceId) {
        return jdbc.sql("SELECT job_title FROM extension WHERE source_id = ?")
                .param(sourceId)
                .query(String.class)
                .single();
    }

    private static void assertNoDuplicates() {
        List<Map<String, Object>> rows = jdbc.sql("SELECT number, email, source_id FROM extension")
                .query()
                .listOfRows();
        for (String column : List.of("number", "email", "source_id")) {
            List<String> values = rows.stream()
                    .map(r -> r.get(column))
                    .filter(Objects::nonNull)
                    .map(v -> v.toString().toLowerCase(Locale.ROOT))
                    .toList();
            assertThat(new HashSet<>(values))
                    .as("no two extensions share a " + column)
                    .hasSize(values.size());
        }
    }

    /** Every run ended before the next one started (M3, X6). */
    private static void assertOneRunAtATime() {
        List<Run> all = runs();
        assertThat(all)
                .allSatisfy(r ->
                        assertThat(r.finishedAt()).as("run %s finished", r.id()).isNotNull());
        for (int i = 1; i < all.size(); i++) {
            Run before = all.get(i - 1);
            Run next = all.get(i);
            assertThat(next.startedAt())
                    .as("%s %s started after %s %s ended", next.trigger(), next.id(), before.trigger(), before.id())
                    .isAfterOrEqualTo(before.finishedAt());
        }
        assertThat(all.stream().filter(r -> r.state().equals("FAILED")).map(Run::id))
                .as("only the cut run failed")
                .hasSize(1);
    }

    // --- the portal, as a browser uses it

    /** Signs in to the portal's form on {@code instance}; the session cookie(s) as a Cookie header. */
    private static String portalSession(Instance instance) throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpResponse<String> login = browser.send(
                HttpRequest.newBuilder(URI.create(instance.base() + "/login"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(login.body());
        assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
        HttpResponse<String> signedIn = browser.send(
                HttpRequest.newBuilder(URI.create(instance.base() + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username=admin&password="
                                + URLEncoder.encode(Api.ADMIN_PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
                                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        List<HttpCookie> jar = cookies.getCookieStore().getCookies();
        assertThat(jar).isNotEmpty();
        return jar.stream().map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
    }

    /** A GET on {@code instance} carrying only the given Cookie header (none when null). */
    private static HttpResponse<String> sessionGet(Instance instance, String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(instance.base() + path))
                .timeout(Duration.ofSeconds(30))
                .GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    // --- the processes

    /** One Switchboard process started from the executable jar, its console in {@code target/}. */
    static final class Instance {

        private final String name;
        private final Process process;
        private final int port;
        private final Path console;

        private Instance(String name, Process process, int port, Path console) {
            this.name = name;
            this.process = process;
            this.port = port;
            this.console = console;
        }

        /** The executable jar {@code package} left in the module's {@code target/}. */
        static Path jar() {
            Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
            Path jar = Stream.of(module, module.resolve("app"))
                    .map(dir -> dir.resolve("target/switchboard.jar"))
                    .filter(Files::isRegularFile)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No executable jar at " + module
                            + "/target/switchboard.jar: build it first (./mvnw -B -DskipTests package)"));
            Path classes = jar.resolveSibling("classes/io/switchboard/sync/SyncJanitor.class");
            try {
                if (Files.exists(classes)
                        && Files.getLastModifiedTime(classes).compareTo(Files.getLastModifiedTime(jar)) > 0) {
                    throw new IllegalStateException(
                            jar + " is older than the compiled classes: run" + " ./mvnw -B -DskipTests package again");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return jar;
        }

        static Instance start(String name, Path jar, Map<String, String> shared) throws IOException {
            int port = freePort();
            Path console = jar.resolveSibling("two-instances-" + name + ".log");
            String java = ProcessHandle.current()
                    .info()
                    .command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                            .toString());
            ProcessBuilder builder = new ProcessBuilder(
                            java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString())
                    .directory(Files.createTempDirectory("switchboard-" + name).toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(console.toFile());
            builder.environment().putAll(shared);
            builder.environment().put("SERVER_PORT", String.valueOf(port));
            builder.environment()
                    .put(
                            "SWITCHBOARD_DATA_DIR",
                            Files.createTempDirectory("switchboard-data-" + name)
                                    .toString());
            return new Instance(name, builder.start(), port, console);
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }

        String base() {
            return "http://127.0.0.1:" + port;
        }

        /** How the instance's runs begin their owner: its JVM's pid, as in {@code pid@host}. */
        String ownerPrefix() {
            return process.pid() + "@";
        }

        void awaitHealthy() {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("Instance " + name + " exited with " + process.exitValue()
                                    + "; its console is in " + console);
                        }
                        HttpResponse<String> health = http.send(
                                HttpRequest.newBuilder(URI.create(base() + "/actuator/health"))
                                        .timeout(Duration.ofSeconds(2))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        return health.statusCode() == 200 && health.body().contains("\"UP\"");
                    });
        }

        void kill() {
            process.destroyForcibly();
            try {
                assertThat(process.waitFor(30, TimeUnit.SECONDS))
                        .as("instance " + name + " stopped")
                        .isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
