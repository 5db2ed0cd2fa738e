package io.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * A packaged jar (by default {@code target/switchboard.jar} of the module under test, built by the package
 * phase before the integration tests) run as an operator runs it: its own process and working directory, only
 * the given {@code SWITCHBOARD_*} / {@code SPRING_*} settings in its environment, its console in a file.
 */
public final class JarProcess {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final List<String> FAST_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final Process process;
    private final Path console;
    private final int port;
    private final long startedAt;
    private Duration healthyAfter;

    private JarProcess(Process process, Path console, int port, long startedAt) {
        this.process = process;
        this.console = console;
        this.port = port;
        this.startedAt = startedAt;
    }

    /**
     * {@code target/switchboard.jar}, started with JVM options that shorten a test's start-up, extracted and
     * with a class-data archive ({@link FastStart}).
     */
    public static JarProcess start(Path workDir, String name, int port, Map<String, String> settings)
            throws IOException {
        return jar("switchboard.jar").start(workDir, name, port, settings);
    }

    /** A jar of the module under test's {@code target} directory, such as {@code switchboard-demo.jar}. */
    public static Launch jar(String fileName) {
        return new Launch(Path.of(System.getProperty("user.dir"), "target", fileName), FAST_START, List.of());
    }

    /** How a jar is started: which jar, the JVM options before {@code -jar}, the arguments after it. */
    public record Launch(Path jar, List<String> jvmOptions, List<String> arguments) {

        /** {@code java -jar}, as the README types it: the time to health UP is an operator's. */
        public Launch asTyped() {
            return new Launch(jar, List.of(), arguments);
        }

        /** Arguments after {@code --server.port}, such as {@code --switchboard.demo.emulator-port=…}. */
        public Launch arguments(String... more) {
            return new Launch(jar, jvmOptions, List.of(more));
        }

        public JarProcess start(Path workDir, String name, int port, Map<String, String> settings) throws IOException {
            assertThat(jar)
                    .as("the packaged jar (mvn package runs before the integration tests)")
                    .exists();
            Files.createDirectories(workDir);
            Path console = workDir.resolve("console-" + name + ".log");
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(jvmOptions);
            command.addAll(jvmOptions.equals(FAST_START) ? FastStart.launch(jar) : List.of("-jar", jar.toString()));
            command.add("--server.port=" + port);
            command.addAll(arguments);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()));
            Map<String, String> env = builder.environment();
            env.keySet()
                    .removeIf(k -> k.startsWith("SPRING_") || k.startsWith("SWITCHBOARD_") || k.equals("SERVER_PORT"));
            env.putAll(settings);
            long startedAt = System.nanoTime();
            return new JarProcess(builder.start(), console, port, startedAt);
        }
    }

    /**
     * Settings that point the jar at a new database of the suite's PostgreSQL on its PostgreSQL run, none on
     * its H2 run (the embedded H2 of the jar's data directory).
     */
    public static Map<String, String> database() {
        return database(TestDatabase.postgres() ? TestDatabase.newDatabase() : null);
    }

    /** Settings that point the jar at a database (none for the embedded H2 of its data directory). */
    public static Map<String, String> database(TestDatabase.Connection db) {
        return db == null
                ? Map.of()
                : Map.of(
                        "SPRING_DATASOURCE_URL", db.url(),
                        "SPRING_DATASOURCE_USERNAME", db.user(),
                        "SPRING_DATASOURCE_PASSWORD", db.password());
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public Process process() {
        return process;
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    public String console() {
        try {
            return Files.readString(console);
        } catch (IOException e) {
            return "(no console: " + e + ")";
        }
    }

    /**
     * Waits until {@code /actuator/health} answers UP, and notes how long after the start that was
     * ({@link #healthyAfter()}); fails when the process ends first.
     */
    public JarProcess awaitHealthy() {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    assertThat(process.isAlive())
                            .as("the service keeps running: " + tail())
                            .isTrue();
                    return healthUp();
                });
        healthyAfter = Duration.ofNanos(System.nanoTime() - startedAt);
        return this;
    }

    /** From the start of the process to the first {@code /actuator/health} UP seen by {@link #awaitHealthy()}. */
    public Duration healthyAfter() {
        assertThat(healthyAfter).as("awaitHealthy() saw the service UP").isNotNull();
        return healthyAfter;
    }

    /**
     * Prints the time to health UP against a target. It is a figure to report, not a timed assertion (a loaded
     * CI machine may be slower than the target): only never becoming UP fails.
     */
    public void printHealthyAfter(String test, String which, Duration target) {
        System.out.printf(
                "%s: /actuator/health UP %.1f s after the %s (target %d s)%n",
                test, healthyAfter().toMillis() / 1000.0, which, target.toSeconds());
    }

    private boolean healthUp() throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create(base() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 200
                && "UP".equals(JSON.readTree(answer.body()).path("status").asString());
    }

    /** The HTTP status of a GET without credentials, or -1 when nothing answers within 10 s. */
    public int status(String path) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create(base() + path))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Waits for the process to end by itself (a refused start-up) and returns its exit code. */
    public int awaitExit(Duration within) throws InterruptedException {
        assertThat(process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS))
                .as("the process ends by itself: " + tail())
                .isTrue();
        return process.exitValue();
    }

    /** kill -9: no shutdown hook, no flush. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    public String tail() {
        String text = console();
        return text.substring(Math.max(0, text.length() - 4000));
    }
}
