package io.switchboard.bench;

import io.switchboard.emulator.GraphEmulator;
import io.switchboard.testing.Api;
import io.switchboard.testing.EmulatedTenant;
import io.switchboard.testing.JarProcess;
import io.switchboard.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Issue 15's bounded-memory measurement: the production jar in a process of its own, limited to
 * {@code -Xmx} ({@code 512m} unless told), syncs the emulated tenant that lives in the test JVM; its GC
 * log, peak RSS and exit say how much memory the product itself needed. Everything is configured
 * through the child's public REST API, as an administrator would.
 */
final class MemoryRun {

    static final String RUN_PREFIX = "/api/v1/sync-runs/";

    private static final Pattern PAUSE = Pattern.compile(
            "GC\\((\\d+)\\) (Pause [^)]*\\)(?: \\([^)]*\\))*) (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\) ([\\d.]+)ms");
    private static final Pattern USING = Pattern.compile("\\] Using (\\S+)");

    record Result(
            String database,
            int users,
            String xmx,
            String gc,
            String state,
            String counts,
            String failures,
            long fullMillis,
            int fullRequests,
            long fullCpuMillis,
            long peakAfterGcMb,
            long peakBeforeGcMb,
            int pauses,
            long pauseMillis,
            int fullGcs,
            long peakRssMb,
            boolean outOfMemory,
            int exitCode,
            String deltaState,
            String deltaKind,
            long deltaMillis,
            int deltaRequests,
            String deltaCounts,
            long startMillis) {

        /** The codes of failed objects that a messy tenant's own data explains (repeated e-mail addresses...). */
        static final java.util.Set<String> DATA_CODES =
                java.util.Set.of("EMAIL_TAKEN", "NUMBER_TAKEN", "NUMBER_INVALID", "NAME_TAKEN");

        /** Whether the full sync ended by itself and failed objects only for reasons of the tenant's data. */
        boolean finishedWithOnlyDataFailures() {
            return (state.equals("SUCCEEDED") || state.equals("PARTIAL"))
                    && (failures.isEmpty()
                            || java.util.Arrays.stream(failures.split("; "))
                                    .allMatch(f -> DATA_CODES.contains(f.substring(0, f.lastIndexOf(' ')))));
        }

        String csv() {
            return String.join(
                    ",",
                    database,
                    String.valueOf(users),
                    xmx,
                    gc,
                    state,
                    "\"" + counts + "\"",
                    "\"" + failures + "\"",
                    String.valueOf(fullMillis),
                    String.valueOf(fullRequests),
                    String.valueOf(fullCpuMillis),
                    String.valueOf(peakAfterGcMb),
                    String.valueOf(peakBeforeGcMb),
                    String.valueOf(pauses),
                    String.valueOf(pauseMillis),
                    String.valueOf(fullGcs),
                    String.valueOf(peakRssMb),
                    String.valueOf(outOfMemory),
                    String.valueOf(exitCode),
                    deltaState,
                    deltaKind,
                    String.valueOf(deltaMillis),
                    String.valueOf(deltaRequests),
                    "\"" + deltaCounts + "\"",
                    String.valueOf(startMillis));
        }
    }

    /** The after-GC figures of a GC log: every pause, the highest heap after one, the total pause. */
    record GcLog(String collector, int pauses, int fullGcs, long peakAfterMb, long peakBeforeMb, long pauseMillis) {

        static GcLog parse(Path file) {
            List<String> lines;
            try {
                lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String collector = "?";
            int pauses = 0;
            int full = 0;
            long after = 0;
            long before = 0;
            double pause = 0;
            for (String line : lines) {
                Matcher using = USING.matcher(line);
                if (collector.equals("?") && using.find()) {
                    collector = using.group(1);
                }
                Matcher m = PAUSE.matcher(line);
                if (m.find()) {
                    pauses++;
                    if (m.group(2).startsWith("Pause Full")) {
                        full++;
                    }
                    before = Math.max(before, mb(m.group(3), m.group(4)));
                    after = Math.max(after, mb(m.group(5), m.group(6)));
                    pause += Double.parseDouble(m.group(9));
                }
            }
            return new GcLog(collector, pauses, full, after, before, Math.round(pause));
        }

        private static long mb(String value, String unit) {
            long v = Long.parseLong(value);
            return switch (unit) {
                case "K" -> v >> 10;
                case "G" -> v << 10;
                default -> v;
            };
        }
    }

    private MemoryRun() {}

    static Result measure(GraphEmulator emulator, int users, String xmx, boolean histograms) throws Exception {
        String database = TestDatabase.KIND;
        Path work = Files.createTempDirectory("switchboard-memory");
        Path gcLog = work.resolve("gc.log");
        Path bench = Path.of("target", "bench");
        Files.createDirectories(bench);
        String tag = database + "-" + users + "-" + xmx;
        List<String> options = List.of(
                "-Xmx" + xmx,
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:+HeapDumpOnOutOfMemoryError",
                "-XX:HeapDumpPath=" + work.resolve("oom.hprof"),
                "-Xlog:gc*:file=" + gcLog);
        Map<String, String> env = new HashMap<>(JarProcess.database());
        env.put("SWITCHBOARD_DATA_DIR", work.resolve("data").toString());
        env.put("SWITCHBOARD_ADMIN_PASSWORD", Api.ADMIN_PASSWORD);
        env.put("SWITCHBOARD_LOG_FILE", "");
        JarProcess.Launch launch =
                new JarProcess.Launch(JarProcess.jar("switchboard.jar").jar(), options, List.of());
        long t0 = System.nanoTime();
        JarProcess child = launch.start(work, "memory", JarProcess.freePort(), env);
        long pid = child.process().pid();
        Thread reaper = new Thread(() -> child.process().destroyForcibly(), "bench-child-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            child.awaitHealthy();
            long startMillis = (System.nanoTime() - t0) / 1_000_000;
            Client api = new Client(child);

            emulator.app().grantAdminConsent();
            EmulatedTenant.configure(api.api, emulator, "APPLICATION");
            api.call("PATCH", "/api/v1/settings", "{\"extensionCapacity\":1000000}");
            api.call("PUT", "/api/v1/integration/change-trigger", "{\"enabled\":false}");
            List<String> scope = emulator.tenant().groups().stream()
                    .map(g -> g.id())
                    .sorted()
                    .limit(ScaleRun.GROUPS_IN_SCOPE)
                    .toList();
            api.call(
                    "PUT",
                    "/api/v1/integration/user-sync",
                    "{\"enabled\":true,\"range\":\"ALL\",\"startNumber\":\"100000\",\"deleteWhenAccount\":[\"DELETED\"]}");
            api.call(
                    "PUT",
                    "/api/v1/integration/group-sync",
                    "{\"enabled\":true,\"range\":\"GROUPS\",\"groupIds\":" + Api.json(scope) + "}");
            String status = api.call("POST", "/api/v1/integration/sign-in", null)
                    .path("integration")
                    .path("status")
                    .asString();
            if (!"CONNECTED".equals(status)) {
                throw new IllegalStateException("The emulated tenant did not connect: " + status);
            }

            if (histograms) {
                histogram(child, work.resolve("histogram-idle.txt"));
            }
            emulator.requestLog().clear();
            long cpu0 = cpuMillis(pid);
            Run full = api.sync(child, histograms ? work : null);
            long cpu1 = cpuMillis(pid);
            long fullCpu = cpu1 < 0 ? -1 : cpu1 - cpu0;
            int fullRequests = ScaleRun.pages(emulator);

            Run delta = Run.NONE;
            int deltaRequests = 0;
            if (child.process().isAlive() && full.finished()) {
                ScaleRun.tenChanges(emulator, scope);
                emulator.requestLog().clear();
                delta = api.sync(child, null);
                deltaRequests = ScaleRun.pages(emulator);
            }

            long peakRss = child.process().isAlive() ? peakRssKb(pid) >> 10 : -1;
            boolean alive = child.process().isAlive();
            child.stop();
            int exit = alive ? 0 : child.process().exitValue();
            String console = child.console();
            boolean oom = console.contains("OutOfMemoryError");
            GcLog gc = GcLog.parse(gcLog);
            Files.copy(gcLog, bench.resolve("sync-memory-gc-" + tag + ".log"), StandardCopyOption.REPLACE_EXISTING);
            if (!alive || oom) {
                Files.writeString(bench.resolve("sync-memory-console-" + tag + ".log"), child.tail());
            }
            for (Path histogram : list(work, "histogram-")) {
                Files.copy(
                        histogram,
                        bench.resolve("sync-memory-" + tag + "-" + histogram.getFileName()),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            Result result = new Result(
                    database,
                    users,
                    xmx,
                    gc.collector(),
                    full.state(),
                    full.counts(),
                    full.failures(),
                    full.millis(),
                    fullRequests,
                    fullCpu,
                    gc.peakAfterMb(),
                    gc.peakBeforeMb(),
                    gc.pauses(),
                    gc.pauseMillis(),
                    gc.fullGcs(),
                    peakRss,
                    oom || !alive,
                    exit,
                    delta.state(),
                    delta.kind(),
                    delta.millis(),
                    deltaRequests,
                    delta.counts(),
                    startMillis);
            System.out.println("BENCH " + result);
            write(result);
            if (oom && Files.exists(work.resolve("oom.hprof"))) {
                System.out.println("BENCH heap dump kept at " + work.resolve("oom.hprof"));
            } else {
                delete(work);
            }
            return result;
        } finally {
            if (child.process().isAlive()) {
                child.stop();
            }
            Runtime.getRuntime().removeShutdownHook(reaper);
        }
    }

    /** A finished run as the API showed it, timed from its own startedAt to finishedAt. */
    record Run(String state, String kind, String counts, long millis, String failures) {
        static final Run NONE = new Run("-", "-", "-", -1, "");

        /** Ended by itself with every object done or refused for a reason of the tenant's own data. */
        boolean finished() {
            return state.equals("SUCCEEDED") || state.equals("PARTIAL");
        }
    }

    /** The child's API, signing in again whenever the token has run out. */
    private static final class Client {
        final Api api;

        Client(JarProcess child) {
            this.api = new Api(child.base()).signIn();
        }

        JsonNode call(String method, String path, String json) {
            Api.Answer answer = send(method, path, json);
            if (answer.status() == 401) {
                api.signIn();
                answer = send(method, path, json);
            }
            return answer.ok();
        }

        private Api.Answer send(String method, String path, String json) {
            return switch (method) {
                case "GET" -> api.get(path);
                case "POST" -> api.post(path, json);
                case "PUT" -> api.put(path, json);
                case "PATCH" -> api.patch(path, json);
                default -> throw new IllegalArgumentException(method);
            };
        }

        /** The codes of the last run's failed objects, with how many of each, from both sections' last result. */
        String failures() {
            Map<String, Integer> codes = new java.util.TreeMap<>();
            for (String section : List.of("user-sync", "group-sync")) {
                JsonNode last = call("GET", "/api/v1/integration/" + section + "/last-result", null);
                for (JsonNode failure : last.path("failures")) {
                    codes.merge(failure.path("code").asString(), 1, Integer::sum);
                }
                if (!last.path("error").isNull() && !last.path("error").isMissingNode()) {
                    codes.merge("ERROR " + last.path("error").asString(), 1, Integer::sum);
                }
            }
            return codes.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(java.util.stream.Collectors.joining("; "));
        }

        /**
         * Starts a run (Update now) and polls it until it ends or the child dies; with a directory, takes a
         * class histogram of the child when the plan is made and half way through writing it.
         */
        Run sync(JarProcess child, Path histograms) throws InterruptedException {
            String id =
                    call("POST", "/api/v1/integration/sync", null).path("id").asString();
            boolean planned = false;
            boolean halfWay = false;
            String lastProgress = "-";
            while (true) {
                if (!child.process().isAlive()) {
                    return new Run("DIED", "-", "last progress " + lastProgress, -1, "");
                }
                JsonNode run;
                try {
                    run = call("GET", RUN_PREFIX + id, null);
                } catch (UncheckedIOException e) {
                    continue;
                }
                if (!run.path("finishedAt").isNull() && !run.path("finishedAt").isMissingNode()) {
                    long millis = Duration.between(
                                    Instant.parse(run.path("startedAt").asString()),
                                    Instant.parse(run.path("finishedAt").asString()))
                            .toMillis();
                    return new Run(
                            run.path("state").asString(),
                            run.path("kind").asString(),
                            run.path("counts").toString().replace("\"", ""),
                            millis,
                            failures());
                }
                JsonNode progress = run.path("progress");
                lastProgress = progress.toString().replace("\"", "");
                if (histograms != null
                        && "APPLYING".equals(progress.path("phase").asString())) {
                    if (!planned) {
                        planned = true;
                        histogram(child, histograms.resolve("histogram-planned.txt"));
                    } else if (!halfWay
                            && progress.path("applied").asInt() * 2
                                    >= progress.path("planned").asInt()) {
                        halfWay = true;
                        histogram(child, histograms.resolve("histogram-half-applied.txt"));
                    }
                }
                Thread.sleep(250);
            }
        }
    }

    /** {@code jcmd <pid> GC.class_histogram} (a full collection first): the live objects by class. */
    private static void histogram(JarProcess child, Path file) throws InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path jcmd = Path.of(java).resolveSibling("jcmd");
        try {
            Process p = new ProcessBuilder(
                            jcmd.toString(), String.valueOf(child.process().pid()), "GC.class_histogram")
                    .redirectErrorStream(true)
                    .redirectOutput(file.toFile())
                    .start();
            p.waitFor(120, TimeUnit.SECONDS);
        } catch (IOException e) {
            System.out.println("BENCH no histogram: " + e);
        }
    }

    /** User plus system CPU time of a process so far, from {@code /proc/<pid>/stat} (clock ticks of 10 ms). */
    private static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** {@code VmHWM}: the highest resident set size of the process so far, in kB. */
    private static long peakRssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private static List<Path> list(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .toList();
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(files.toList());
            all.sort(Comparator.reverseOrder());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.out.println("BENCH could not delete " + dir + ": " + e);
        }
    }

    private static void write(Result result) throws IOException {
        Path file = Path.of("target", "bench", "sync-memory.csv");
        if (!Files.exists(file)) {
            Files.writeString(
                    file,
                    "database,users,xmx,gc,state,counts,failures,fullMs,fullRequests,fullCpuMs,peakHeapAfterGcMb,"
                            + "peakHeapBeforeGcMb,gcPauses,gcPauseMs,fullGcs,peakRssMb,outOfMemory,exitCode,"
                            + "deltaState,deltaKind,deltaMs,deltaRequests,deltaCounts,startToHealthyMs\n");
        }
        Files.writeString(file, result.csv() + "\n", StandardOpenOption.APPEND);
    }
}
