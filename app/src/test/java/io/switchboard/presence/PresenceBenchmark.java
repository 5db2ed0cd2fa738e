package io.switchboard.presence;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.GraphEmulatorExtension;
import io.switchboard.emulator.PresenceBoard;
import io.switchboard.sync.SyncService;
import io.switchboard.sync.SyncTrigger;
import io.switchboard.testing.EmulatedTenant;
import io.switchboard.testing.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Teams presence at scale (issue 18): {@code bench.users} users follow Teams (10,000), {@code
 * bench.changes} presence changes (1,000) spread over {@code bench.seconds} (60) in the emulator,
 * first with change notifications (delegated), then with polling alone (public URL not https).
 * Change-to-extension latency is measured from the emulator's record of each change to the
 * extension's {@code updated_at}, sampled every 20 ms; time runs on the real clock here. Not part
 * of the default suite (its name matches neither *Test nor *IT); run it with
 * {@code ./mvnw -B verify -pl app -am -Dit.test=PresenceBenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.includes=**}{@code /*Benchmark.java}.
 */
class PresenceBenchmark extends IntegrationTest {

    static final int USERS = Integer.getInteger("bench.users", 10_000);
    static final int CHANGES = Integer.getInteger("bench.changes", 1_000);
    static final int SECONDS = Integer.getInteger("bench.seconds", 60);

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withGeneratedTenant(18, USERS);

    @Autowired
    SyncService sync;

    @Autowired
    PresenceLoop loop;

    @Autowired
    PresenceApplier applier;

    private final HttpClient browser =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** A mapping where every Teams key gives another extension presence, so every key change is a write. */
    static final String DISTINCT = "AVAILABLE=AVAILABLE,BUSY=AWAY,DO_NOT_DISTURB=DO_NOT_DISTURB,"
            + "BE_RIGHT_BACK=LUNCH_BREAK,APPEAR_AWAY=BUSINESS_TRIP,APPEAR_OFFLINE=OFF_WORK";

    @Test
    void followsTeamsForTenThousandUsers(GraphEmulator emulator) throws Exception {
        assumeTrue(
                !"postgres".equals(System.getProperty("switchboard.test.database")),
                "run once, on H2: the figures are about Graph and the notification path");
        clock.set(Instant.now());
        api.signIn();
        api.patch("/api/v1/settings", "{\"publicBaseUrl\":\"" + api.base() + "\",\"extensionCapacity\":50000}");
        emulator.app().grantAdminConsent();
        emulator.app().addRedirectUri(api.base() + "/integration/callback");
        EmulatedTenant.configure(api, emulator, "DELEGATED");
        String authorizationUrl = api.post("/api/v1/integration/sign-in", null).text("authorizationUrl");
        HttpResponse<String> atMicrosoft = browser.send(
                HttpRequest.newBuilder(URI.create(authorizationUrl)).build(), HttpResponse.BodyHandlers.ofString());
        browser.send(
                HttpRequest.newBuilder(URI.create(
                                atMicrosoft.headers().firstValue("Location").orElseThrow()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        jdbc.sql("INSERT INTO sync_setting (name, document, updated_at) VALUES ('user-sync', ?, CURRENT_TIMESTAMP)")
                .param("{\"enabled\":true,\"range\":\"ALL\",\"startNumber\":\"10000\"}")
                .update();
        sync.runNow(SyncTrigger.MANUAL);
        jdbc.sql("INSERT INTO presence_follow (extension_id, user_id, enabled, mapping)"
                        + " SELECT id, LOWER(source_id), TRUE, ? FROM extension WHERE source_id IS NOT NULL")
                .param(DISTINCT)
                .update();
        List<String> teamsUsers = emulator.tenant().users().stream()
                .map(u -> u.id())
                .filter(id -> emulator.presence().hasTeams(id))
                .filter(id -> jdbc.sql("SELECT COUNT(*) FROM presence_follow WHERE user_id = ?")
                                .param(id.toLowerCase())
                                .query(Integer.class)
                                .single()
                        == 1)
                .toList();

        ScheduledExecutorService beat = Executors.newScheduledThreadPool(2);
        beat.scheduleAtFixedRate(() -> clock.set(Instant.now()), 0, 5, TimeUnit.MILLISECONDS);
        beat.scheduleWithFixedDelay(
                () -> {
                    try {
                        loop.tick();
                    } catch (RuntimeException e) {
                        System.out.println("tick failed: " + e);
                    }
                },
                100,
                200,
                TimeUnit.MILLISECONDS);
        try {
            long t0 = System.nanoTime();
            api.put("/api/v1/integration/presence-sync", "{\"enabled\":true}");
            long enableMillis = (System.nanoTime() - t0) / 1_000_000;
            String notifications = run(emulator, teamsUsers, "notifications", 1);
            System.out.println("BENCH presence enable of " + teamsUsers.size() + " users: " + enableMillis + " ms");

            api.patch("/api/v1/settings", "{\"publicBaseUrl\":\"http://pbx.example:8080\"}");
            loop.dueNow();
            Thread.sleep(1_000);
            String polling = run(emulator, teamsUsers, "polling", 2);
            System.out.println(notifications);
            System.out.println(polling);
        } finally {
            beat.shutdownNow();
        }
    }

    private String run(GraphEmulator emulator, List<String> teamsUsers, String label, long seed) throws Exception {
        Map<String, Set<Instant>> writes = new ConcurrentHashMap<>();
        List<Instant> sampled = new CopyOnWriteArrayList<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        Instant[] since = {Instant.now().minusSeconds(1)};
        sampler.scheduleWithFixedDelay(
                () -> {
                    Instant upTo = Instant.now();
                    jdbc.sql("SELECT source_id, updated_at FROM extension WHERE updated_at > ?")
                            .param(since[0].atOffset(java.time.ZoneOffset.UTC))
                            .query((rs, n) -> {
                                writes.computeIfAbsent(
                                                rs.getString(1).toLowerCase(), k -> ConcurrentHashMap.newKeySet())
                                        .add(rs.getObject(2, OffsetDateTime.class)
                                                .toInstant());
                                return null;
                            })
                            .list();
                    since[0] = upTo.minusSeconds(3);
                    sampled.add(upTo);
                },
                0,
                20,
                TimeUnit.MILLISECONDS);
        emulator.presence().clearHistory();
        emulator.requestLog().clear();
        Instant start = Instant.now();
        PresenceBoard.Script script =
                emulator.presence().spread(teamsUsers, CHANGES, Duration.ofSeconds(SECONDS), seed);
        script.done().get(SECONDS + 30, TimeUnit.SECONDS);
        Thread.sleep(8_000);
        sampler.shutdownNow();
        Instant end = Instant.now();
        long presenceRequests = emulator.requestLog().all().stream()
                .filter(r -> r.path().contains("presence") || r.path().contains("getPresencesByUserId"))
                .count();
        long subscriptionRequests = emulator.requestLog().count("/subscriptions");
        List<Long> latencies = new ArrayList<>();
        int unchanged = 0;
        int missing = 0;
        for (PresenceBoard.Change change : emulator.presence().history()) {
            var before = TeamsAvailability.fromGraph(change.before().availability());
            var after = TeamsAvailability.fromGraph(change.after().availability());
            if (after.isEmpty() || before.equals(after)) {
                unchanged++;
                continue;
            }
            Instant at = change.at();
            Instant written = writes.getOrDefault(change.userId().toLowerCase(), Set.of()).stream()
                    .filter(w -> !w.isBefore(at.minusMillis(10)))
                    .min(Instant::compareTo)
                    .orElse(null);
            if (written == null) {
                missing++;
                System.out.println("BENCH missing " + change + " writes "
                        + writes.get(change.userId().toLowerCase()) + " now "
                        + jdbc.sql("SELECT presence || ' ' || updated_at FROM extension WHERE LOWER(source_id) = ?")
                                .param(change.userId().toLowerCase())
                                .query(String.class)
                                .single());
                continue;
            }
            latencies.add(Math.max(0, Duration.between(at, written).toMillis()));
        }
        Collections.sort(latencies);
        double minutes = Duration.between(start, end).toMillis() / 60_000.0;
        var status = api.get("/api/v1/integration/presence-sync").body();
        return String.format(
                "BENCH presence %s: users=%d changes=%d (key unchanged %d, not seen written %d) mode=%s interval=%s latency p50=%d ms"
                        + " p95=%d ms max=%d ms; Graph presence requests %.0f/min, subscription requests %d;"
                        + " API delayP50=%s delayP95=%s",
                label,
                teamsUsers.size(),
                latencies.size(),
                unchanged,
                missing,
                status.path("mode").asString(),
                status.path("pollInterval").asString(),
                pct(latencies, 0.50),
                pct(latencies, 0.95),
                latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1),
                presenceRequests / minutes,
                subscriptionRequests,
                status.path("delayP50").asString(),
                status.path("delayP95").asString());
    }

    private static long pct(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.ceil(sorted.size() * p) - 1);
    }
}
