package io.switchboard.bench;

import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.RecordedRequest;
import io.switchboard.sync.SyncRun;
import io.switchboard.sync.SyncService;
import io.switchboard.sync.SyncTrigger;
import io.switchboard.testing.Api;
import io.switchboard.testing.EmulatedTenant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One measurement of issue 15's benchmark on one emulated tenant: (a) the bare download of the
 * minimal pages on one keep-alive connection, (b) the product's first full sync (wall time, Graph
 * requests, live heap, process CPU), (c) a delta after 10 changes. Results go to standard output and
 * to {@code target/bench/sync-at-scale.csv}.
 */
final class ScaleRun {

    static final String USER_SELECT =
            "id,displayName,givenName,surname,mail,userPrincipalName,mobilePhone,businessPhones,"
                    + "jobTitle,userType,accountEnabled,createdDateTime,employeeId,onPremisesExtensionAttributes";
    static final String GROUP_SELECT = "id,displayName,groupTypes,securityEnabled,mailEnabled,createdDateTime";

    /** The pages of the sync (top-level requests), not the items inside a {@code $batch}. */
    static final String PAGES =
            "^/v1\\.0/((users|groups)(/delta)?\\?|\\$batch|groups/[^/]+/(members|transitiveMembers)\\?.*skiptoken)";

    static final int GROUPS_IN_SCOPE = 63;

    record Result(
            String database,
            int users,
            int latencyMillis,
            long bareMillis,
            int bareRequests,
            long fullMillis,
            int fullRequests,
            long fullCpuMillis,
            long bareCpuMillis,
            long baselineHeapMb,
            long peakLiveHeapMb,
            long peakHeapMb,
            long deltaMillis,
            int deltaRequests,
            String deltaKind,
            String fullCounts,
            String deltaCounts,
            long fullEmulatorCpuMillis) {

        String csv() {
            return String.join(
                    ",",
                    database,
                    String.valueOf(users),
                    String.valueOf(latencyMillis),
                    String.valueOf(bareMillis),
                    String.valueOf(bareRequests),
                    String.valueOf(fullMillis),
                    String.valueOf(fullRequests),
                    String.format("%.2f", fullMillis / (double) Math.max(1, bareMillis)),
                    String.valueOf(fullCpuMillis),
                    String.valueOf(bareCpuMillis),
                    String.valueOf(baselineHeapMb),
                    String.valueOf(peakLiveHeapMb),
                    String.valueOf(peakHeapMb),
                    String.valueOf(deltaMillis),
                    String.valueOf(deltaRequests),
                    deltaKind,
                    String.valueOf(fullEmulatorCpuMillis));
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ScaleRun() {}

    static Result measure(
            Api api, JdbcClient jdbc, SyncService sync, GraphEmulator emulator, int users, int latencyMillis) {
        emulator.app().grantAdminConsent();
        EmulatedTenant.connect(api, emulator);
        api.patch("/api/v1/settings", "{\"extensionCapacity\":1000000}");
        List<String> scope = emulator.tenant().groups().stream()
                .map(g -> g.id())
                .sorted()
                .limit(GROUPS_IN_SCOPE)
                .toList();
        jdbc.sql("DELETE FROM sync_setting WHERE name IN ('user-sync', 'group-sync')")
                .update();
        jdbc.sql("INSERT INTO sync_setting (name, document, updated_at) VALUES ('user-sync', ?, CURRENT_TIMESTAMP)")
                .param("{\"enabled\":true,\"range\":\"ALL\",\"startNumber\":\"100000\","
                        + "\"deleteWhenAccount\":[\"DELETED\"]}")
                .update();
        jdbc.sql("INSERT INTO sync_setting (name, document, updated_at) VALUES ('group-sync', ?, CURRENT_TIMESTAMP)")
                .param("{\"enabled\":true,\"range\":\"GROUPS\",\"groupIds\":" + toJson(scope) + "}")
                .update();
        emulator.faults().clear();
        if (latencyMillis > 0) {
            emulator.faults().delay(PAGES, 100_000_000, Duration.ofMillis(latencyMillis));
        }

        emulator.requestLog().clear();
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        int bareRequests = bareDownload(emulator, scope);
        long bareMillis = (System.nanoTime() - t0) / 1_000_000;
        long bareCpu = (cpuNanos() - cpu0) / 1_000_000;

        System.gc();
        long baseline = liveHeap();
        emulator.requestLog().clear();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        HeapWatch watch = new HeapWatch();
        watch.start();
        long cpu1 = cpuNanos();
        long emulatorCpu1 = emulatorCpuNanos();
        long t1 = System.nanoTime();
        SyncRun full = sync.runNow(SyncTrigger.MANUAL);
        long fullMillis = (System.nanoTime() - t1) / 1_000_000;
        long fullCpu = (cpuNanos() - cpu1) / 1_000_000;
        long fullEmulatorCpu = (emulatorCpuNanos() - emulatorCpu1) / 1_000_000;
        watch.stop();
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed())
                .sum();
        int fullRequests = pages(emulator);
        System.out.println("BENCH-PAGES " + userPages(emulator, t1));

        tenChanges(emulator, scope);
        emulator.requestLog().clear();
        long t2 = System.nanoTime();
        SyncRun delta = sync.runNow(SyncTrigger.CHANGE);
        long deltaMillis = (System.nanoTime() - t2) / 1_000_000;
        int deltaRequests = pages(emulator);
        emulator.faults().clear();

        Result result = new Result(
                System.getProperty("switchboard.test.database", "h2"),
                users,
                latencyMillis,
                bareMillis,
                bareRequests,
                fullMillis,
                fullRequests,
                fullCpu,
                bareCpu,
                baseline >> 20,
                Math.max(0, watch.peak.get() - baseline) >> 20,
                peakHeap >> 20,
                deltaMillis,
                deltaRequests,
                delta.kind().name(),
                full.counts().toString(),
                delta.counts().toString(),
                fullEmulatorCpu);
        System.out.println("BENCH " + result);
        write(result);
        return result;
    }

    /** A rename, a disable, a deletion, a new user, a membership change and five job titles. */
    static void tenChanges(GraphEmulator emulator, List<String> scope) {
        List<String> ids = emulator.tenant().users().stream()
                .map(u -> u.id())
                .sorted(Comparator.reverseOrder())
                .limit(8)
                .toList();
        emulator.tenant().updateUser(ids.get(0), b -> b.displayName("Renamed Benchmark"));
        emulator.tenant().disableUser(ids.get(1));
        emulator.tenant().deleteUser(ids.get(2));
        emulator.tenant()
                .createUser(b -> b.displayName("New Benchmark")
                        .givenName("New")
                        .surname("Benchmark")
                        .mail("new.benchmark." + System.nanoTime() + "@bench.example"));
        emulator.tenant().addMember(scope.get(0), ids.get(3));
        for (int i = 4; i < 8; i++) {
            String title = "Benchmark title " + i;
            emulator.tenant().updateUser(ids.get(i), b -> b.jobTitle(title));
        }
        String title = "Benchmark title 9";
        emulator.tenant().updateUser(ids.get(0), b -> b.jobTitle(title));
    }

    static int pages(GraphEmulator emulator) {
        return (int) emulator.requestLog().matching("^/v1\\.0/").stream()
                .filter(r -> !r.batchItem())
                .count();
    }

    /**
     * The minimal pages of a first full sync, fetched one after the other on one keep-alive
     * connection: the two delta baselines, users and groups at {@code $top=999}, and the members of
     * the groups in scope, 20 groups per {@code $batch}. Answers the number of requests.
     */
    /**
     * When the full sync asked for each page of {@code /users}, from its start: the first, the last,
     * and the gaps between two pages (median, largest), to tell the pages' own latency from time the
     * client spent between them.
     */
    private static String userPages(GraphEmulator emulator, long startedNanos) {
        List<java.time.Instant> at = emulator.requestLog().matching("^/v1\\.0/users(\\?|$)").stream()
                .map(RecordedRequest::at)
                .sorted()
                .toList();
        if (at.size() < 2) {
            return "users pages: " + at.size();
        }
        List<Long> gaps = new java.util.ArrayList<>();
        for (int i = 1; i < at.size(); i++) {
            gaps.add(java.time.Duration.between(at.get(i - 1), at.get(i)).toMillis());
        }
        List<Long> sorted = gaps.stream().sorted().toList();
        return "users pages: " + at.size() + ", first to last "
                + java.time.Duration.between(at.get(0), at.get(at.size() - 1)).toMillis()
                + " ms, gap median " + sorted.get(sorted.size() / 2) + " ms, largest " + sorted.get(sorted.size() - 1)
                + " ms, gaps over 300 ms " + gaps.stream().filter(g -> g > 300).count();
    }

    static int bareDownload(GraphEmulator emulator, List<String> groupIds) {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String token = token(http, emulator);
        String root = emulator.graphV1Url();
        int[] requests = {0};
        get(http, token, root + "/users/delta?$select=" + USER_SELECT + "&$deltatoken=latest", requests);
        get(http, token, root + "/groups/delta?$select=" + GROUP_SELECT + ",members&$deltatoken=latest", requests);
        walk(http, token, root + "/users?$select=" + USER_SELECT + "&$top=999", requests);
        walk(http, token, root + "/groups?$select=" + GROUP_SELECT + "&$top=999", requests);
        for (int from = 0; from < groupIds.size(); from += 20) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode items = body.putArray("requests");
            List<String> chunk = groupIds.subList(from, Math.min(groupIds.size(), from + 20));
            for (int i = 0; i < chunk.size(); i++) {
                items.addObject()
                        .put("id", String.valueOf(i))
                        .put("method", "GET")
                        .put("url", "/groups/" + chunk.get(i) + "/members?$select=id&$top=999");
            }
            JsonNode answer = send(
                    http,
                    HttpRequest.newBuilder(URI.create(root + "/$batch"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                            .build());
            requests[0]++;
            for (JsonNode item : answer.path("responses")) {
                String next = item.path("body").path("@odata.nextLink").asString(null);
                if (next != null) {
                    walk(http, token, next, requests);
                }
            }
        }
        return requests[0];
    }

    private static void walk(HttpClient http, String token, String start, int[] requests) {
        for (String next = start; next != null; ) {
            next = get(http, token, next, requests).path("@odata.nextLink").asString(null);
        }
    }

    private static JsonNode get(HttpClient http, String token, String url, int[] requests) {
        requests[0]++;
        return send(
                http,
                HttpRequest.newBuilder(URI.create(url.replace(" ", "%20")))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build());
    }

    private static String token(HttpClient http, GraphEmulator emulator) {
        String form = "grant_type=client_credentials&client_id=" + enc(emulator.clientId()) + "&client_secret="
                + enc(emulator.clientSecret()) + "&scope=" + enc("https://graph.microsoft.com/.default");
        return send(
                        http,
                        HttpRequest.newBuilder(URI.create(emulator.tokenEndpoint()))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build())
                .path("access_token")
                .asString();
    }

    private static JsonNode send(HttpClient http, HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        request.uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String toJson(List<String> ids) {
        return JSON.writeValueAsString(ids);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * The processor time of the emulator's own threads (its HTTP server's dispatcher and handlers),
     * which run in this process: the process's time less this is the product's share, the garbage
     * collector's and the compiler's work included.
     */
    private static long emulatorCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null
                    && (info.getThreadName().startsWith("graph-emulator-")
                            || info.getThreadName().equals("HTTP-Dispatcher"))) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    /** The heap in use after the last collection, summed over the heap pools. */
    private static long liveHeap() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                used += pool.getCollectionUsage().getUsed();
            }
        }
        return used;
    }

    /** Samples the live heap every 50 ms and keeps the highest. */
    private static final class HeapWatch {
        final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;
        private final Thread thread = new Thread(
                () -> {
                    while (running) {
                        peak.accumulateAndGet(liveHeap(), Math::max);
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "bench-heap-watch");

        void start() {
            thread.setDaemon(true);
            thread.start();
        }

        void stop() {
            running = false;
            peak.accumulateAndGet(liveHeap(), Math::max);
        }
    }

    private static void write(Result result) {
        try {
            Path file = Path.of("target", "bench", "sync-at-scale.csv");
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.writeString(
                        file,
                        "database,users,latencyMs,bareMs,bareRequests,fullMs,fullRequests,fullOverBare,fullCpuMs,"
                                + "bareCpuMs,baselineHeapMb,peakLiveHeapAboveBaselineMb,peakHeapInclGarbageMb,deltaMs,deltaRequests,deltaKind,"
                                + "fullEmulatorCpuMs\n");
            }
            Files.writeString(file, result.csv() + "\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
