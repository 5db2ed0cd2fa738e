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

/**
 * The packaged jar ({@code app/target/switchboard.jar}, built by the package phase before the
 * integration tests) run as an operator runs it: its own process and working directory, only the
 * given {@code SWITCHBOARD_*} / {@code SPRING_*} settings in its environment, its console in a file.
 */
public final class JarProcess {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path console;
    private final int port;

    private JarProcess(Process process, Path console, int port) {
        this.process = process;
        this.console = console;
        this.port = port;
    }

    public static JarProcess start(Path workDir, String name, int port, Map<String, String> settings)
            throws IOException {
        Path jar = Path.of(System.getProperty("user.dir"), "target", "switchboard.jar");
        assertThat(jar)
                .as("the packaged jar (mvn package runs before the integration tests)")
                .exists();
        Files.createDirectories(workDir);
        Path console = workDir.resolve("console-" + name + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(
                java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString(), "--server.port=" + port));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("SPRING_") || k.startsWith("SWITCHBOARD_") || k.equals("SERVER_PORT"));
        env.putAll(settings);
        return new JarProcess(builder.start(), console, port);
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

    /** Waits until {@code /actuator/health} answers UP; fails when the process ends first. */
    public JarProcess awaitHealthy() {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    assertThat(process.isAlive())
                            .as("the service keeps running: " + tail())
                            .isTrue();
                    return status("/actuator/health") == 200;
                });
        return this;
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
