package io.switchboard.presence;

import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.PresenceBoard;
import io.switchboard.sync.SyncService;
import io.switchboard.sync.SyncTrigger;
import io.switchboard.testing.Api;
import io.switchboard.testing.EmulatedTenant;
import io.switchboard.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The measuring code of {@link PresenceBenchmark} and {@link PresenceBenchmarkSmokeIT}: every
 * synced user follows Teams, the test clock follows the real one, the loop beats every 200 ms, and
 * a script spreads presence changes in the emulator; change-to-extension latency runs from the
 * emulator's record of each change to the extension's {@code updated_at}, sampled every 20 ms.
 */
final class PresenceRun {

    /** A mapping where every Teams key gives another extension presence, so every key change is a write. */
    static final String DISTINCT = "AVAILABLE=AVAILABLE,BUSY=AWAY,DO_NOT_DISTURB=DO_NOT_DISTURB,"
            + "BE_RIGHT_BACK=LUNCH_BREAK,APPEAR_AWAY=BUSINESS_TRIP,APPEAR_OFFLINE=OFF_WORK";

    /** One measured run. */
    record Result(
            String label,
            int users,
            int measured,
            int unchanged,
            int missing,
            String mode,
            String interval,
            long p50Millis,
            long p95Millis,
            long maxMillis,
            double presenceRequestsPerMinute,
            long subscriptionRequests,
            String delayP50,
            String delayP95) {

        String line() {
            return String.format(
                    Locale.ROOT,
                    "BENCH presence %s: users=%d changes=%d (key unchanged %d, not seen written %d) mode=%s"
                            + " interval=%s latency p50=%d ms p95=%d ms max=%d ms; Graph presence requests %.0f/min,"
                            + " subscription requests %d; API delayP50=%s delayP95=%s",
                    label,
                    users,
                    measured,
                    unchanged,
                    missing,
                    mode,
                    interval,
                    p50Millis,
                    p95Millis,
                    maxMillis,
                    presenceRequestsPerMinute,
                    subscriptionRequests,
                    delayP50,
                    delayP95);
        }
    }

    private final Api api;
    private final JdbcClient jdbc;
    private final MutableClock clock;
    private final GraphEmulator emulator;
    private final PresenceLoop loop;
    private ScheduledExecutorService beat;

    PresenceRun(Api api, JdbcClient jdbc, MutableClock clock, GraphEmulator emulator, PresenceLoop loop) {
        this.api = api;
        this.jdbc = jdbc;
        this.clock = clock;
        this.emulator = emulator;
        this.loop = loop;
    }

    /**
     * Connects with delegated permissions and an http public URL on loopback (the emulator delivers
     * there), syncs every user and makes each follow Teams with {@link #DISTINCT}.
     *
     * @return the followed users who have Teams
     */
    List<String> connectAndFollowEveryone(SyncService sync) throws Exception {
        clock.set(Instant.now());
        emulator.clock().set(clock.instant());
        api.signIn();
        api.patch("/api/v1/settings", "{\"publicBaseUrl\":\"" + api.base() + "\",\"extensionCapacity\":50000}");
        emulator.app().grantAdminConsent();
        emulator.app().addRedirectUri(api.base() + "/integration/callback");
        EmulatedTenant.configure(api, emulator, "DELEGATED");
        HttpClient browser = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
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
        Set<String> followed = Set.copyOf(jdbc.sql("SELECT user_id FROM presence_follow")
                .query(String.class)
                .list());
        return emulator.tenant().users().stream()
                .map(u -> u.id())
                .filter(id -> emulator.presence().hasTeams(id))
                .filter(id -> followed.contains(id.toLowerCase(Locale.ROOT)))
                .toList();
    }

    /** Lets the test clock follow the real one and the loop beat, as {@code PresenceJobs} does. */
    void startBeating() {
        beat = Executors.newScheduledThreadPool(2);
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
    }

    void stopBeating() {
        if (beat != null) {
            beat.shutdownNow();
        }
    }

    /**
     * Spreads {@code changes} presence changes over {@code seconds}, then watches the extensions for
     * {@code settle} more (or, with {@code untilAllSeen}, until every change is seen written).
     */
    Result measure(
            List<String> teamsUsers,
            String label,
            int changes,
            int seconds,
            long seed,
            Duration settle,
            boolean untilAllSeen)
            throws Exception {
        Map<String, Set<Instant>> writes = new ConcurrentHashMap<>();
        List<Instant> sampled = new CopyOnWriteArrayList<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        Instant[] since = {Instant.now().minusSeconds(1)};
        sampler.scheduleWithFixedDelay(
                () -> {
                    Instant upTo = Instant.now();
                    jdbc.sql("SELECT source_id, updated_at FROM extension WHERE updated_at > ?")
                            .param(since[0].atOffset(ZoneOffset.UTC))
                            .query((rs, n) -> {
                                writes.computeIfAbsent(
                                                rs.getString(1).toLowerCase(Locale.ROOT),
                                                k -> ConcurrentHashMap.newKeySet())
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
        List<Long> latencies = new ArrayList<>();
        int[] unchanged = {0};
        int[] missing = {0};
        try {
            PresenceBoard.Script script =
                    emulator.presence().spread(teamsUsers, changes, Duration.ofSeconds(seconds), seed);
            script.done().get(seconds + 30L, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + settle.toNanos();
            while (System.nanoTime() < deadline) {
                Thread.sleep(100);
                if (untilAllSeen && count(writes, new ArrayList<>(), new int[1], new int[1], false) == 0) {
                    Thread.sleep(100);
                    break;
                }
            }
        } finally {
            sampler.shutdownNow();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
        }
        Instant end = Instant.now();
        count(writes, latencies, unchanged, missing, true);
        long presenceRequests = emulator.requestLog().all().stream()
                .filter(r -> r.path().contains("presence") || r.path().contains("getPresencesByUserId"))
                .count();
        long subscriptionRequests = emulator.requestLog().count("/subscriptions");
        Collections.sort(latencies);
        double minutes = Duration.between(start, end).toMillis() / 60_000.0;
        var status = api.get("/api/v1/integration/presence-sync").body();
        return new Result(
                label,
                teamsUsers.size(),
                latencies.size(),
                unchanged[0],
                missing[0],
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

    /** Matches each change the emulator recorded with the first write of its extension after it; returns the misses. */
    private int count(
            Map<String, Set<Instant>> writes, List<Long> latencies, int[] unchanged, int[] missing, boolean tell) {
        for (PresenceBoard.Change change : emulator.presence().history()) {
            var before = TeamsAvailability.fromGraph(change.before().availability());
            var after = TeamsAvailability.fromGraph(change.after().availability());
            if (after.isEmpty() || before.equals(after)) {
                unchanged[0]++;
                continue;
            }
            Instant at = change.at();
            Instant written = writes.getOrDefault(change.userId().toLowerCase(Locale.ROOT), Set.of()).stream()
                    .filter(w -> !w.isBefore(at.minusMillis(10)))
                    .min(Instant::compareTo)
                    .orElse(null);
            if (written == null) {
                missing[0]++;
                if (tell) {
                    System.out.println("BENCH missing " + change + " writes "
                            + writes.get(change.userId().toLowerCase(Locale.ROOT)));
                }
                continue;
            }
            latencies.add(Math.max(0, Duration.between(at, written).toMillis()));
        }
        return missing[0];
    }

    private static long pct(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.ceil(sorted.size() * p) - 1);
    }
}
