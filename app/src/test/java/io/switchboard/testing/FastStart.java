package io.switchboard.testing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How the suite starts a packaged jar quickly when the time to start is not what a test is about: the jar
 * extracted once per build ({@code java -Djarmode=tools -jar … extract}, the layout Spring Boot documents for
 * efficient deployments) and started with a class-data-sharing archive made by one training run that stops
 * once the application context has refreshed ({@code -Dspring.context.exit=onRefresh}). The classes are the
 * jar's own; only how the JVM loads them changes, which roughly halves a start on a two-core machine.
 *
 * <p>Both are kept under {@code target/fast-start/<jar>/}, stamped with the jar's size and time, so the suite's
 * H2 and PostgreSQL runs share one training run and a rebuilt jar gets a new one. Should extraction or training
 * fail (a JDK without a base archive, say), the jar is started as it is: slower, never wrong.
 */
final class FastStart {

    private static final Map<Path, List<String>> PREPARED = new HashMap<>();

    private FastStart() {}

    /** What follows the JVM options on the command line: the archive and the extracted jar, or the jar itself. */
    static synchronized List<String> launch(Path jar) {
        return PREPARED.computeIfAbsent(jar, FastStart::prepare);
    }

    /**
     * Prepares under a file lock, so the suite's test JVMs running side by side (Failsafe's forks) make one
     * training run between them and never read a half-written archive.
     */
    private static List<String> prepare(Path jar) {
        Path lockFile = jar.resolveSibling("fast-start.lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            return prepareLocked(jar);
        } catch (IOException e) {
            System.out.println("FastStart: starting " + jar.getFileName() + " as packaged (" + e.getMessage() + ")");
            return List.of("-jar", jar.toString());
        }
    }

    private static List<String> prepareLocked(Path jar) {
        String name = jar.getFileName().toString();
        Path home = jar.resolveSibling("fast-start").resolve(name.replaceFirst("\\.jar$", ""));
        Path extracted = home.resolve("application").resolve(name);
        Path archive = home.resolve("application.jsa");
        Path stamp = home.resolve("stamp");
        try {
            String expected =
                    Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
            if (Files.exists(stamp) && Files.readString(stamp).equals(expected) && Files.exists(archive)) {
                return fast(archive, extracted);
            }
            delete(home);
            Files.createDirectories(home);
            run(
                    home,
                    List.of(
                            java(),
                            "-Djarmode=tools",
                            "-jar",
                            jar.toString(),
                            "extract",
                            "--destination",
                            home.resolve("application").toString()));
            Path training = Files.createDirectories(home.resolve("training"));
            List<String> train = new ArrayList<>(List.of(java()));
            train.addAll(JarProcess.FAST_START);
            train.addAll(List.of(
                    "-XX:ArchiveClassesAtExit=" + archive,
                    "-Dspring.context.exit=onRefresh",
                    "-jar",
                    extracted.toString(),
                    "--server.port=0"));
            run(training, train);
            if (!Files.exists(archive) || !Files.exists(extracted)) {
                throw new IOException("no archive after the training run; see " + training.resolve("console.log"));
            }
            Files.writeString(stamp, expected);
            return fast(archive, extracted);
        } catch (IOException e) {
            System.out.println("FastStart: starting " + name + " as packaged (" + e.getMessage() + ")");
            return List.of("-jar", jar.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("-jar", jar.toString());
        }
    }

    private static List<String> fast(Path archive, Path extracted) {
        return List.of("-XX:SharedArchiveFile=" + archive, "-jar", extracted.toString());
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** Runs a command in a directory with no SPRING_ or SWITCHBOARD_ setting of the suite's own. */
    private static void run(Path directory, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        directory.resolve("console.log").toFile()));
        builder.environment()
                .keySet()
                .removeIf(k -> k.startsWith("SPRING_") || k.startsWith("SWITCHBOARD_") || k.equals("SERVER_PORT"));
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("'" + String.join(" ", command) + "' did not end within 180 s");
        }
        if (process.exitValue() != 0) {
            throw new IOException("'" + String.join(" ", command) + "' ended with " + process.exitValue());
        }
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
