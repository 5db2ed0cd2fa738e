package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.testing.Api;
import io.switchboard.testing.JarProcess;
import io.switchboard.testing.TestDatabase;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The data directory and what the service puts in it are readable by the service's user only
 * (issue 13.4): the packaged jar starts as in production, in a process of its own, with the embedded
 * database in files (or PostgreSQL in the second run), in a data directory it creates itself. Its log
 * file carries each audit event as a structured line (issue 12.8). A process of its own, because
 * logging is set up once per JVM: a service started inside the test JVM, beside the suite's cached
 * application contexts, may keep their logging and never open its own log file.
 */
class DataDirectoryPermissionsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path parent;

    @Test
    void theDataDirectoryAndItsFilesAreOwnerOnly_13_4() throws Exception {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        Path data = parent.resolve("data");
        Map<String, String> settings = new HashMap<>(JarProcess.database());
        settings.put("SWITCHBOARD_ADMIN_PASSWORD", Api.ADMIN_PASSWORD);
        JarProcess service = JarProcess.start(parent, "service", JarProcess.freePort(), settings)
                .awaitHealthy();
        try {
            Api.Answer refused = new Api(service.base())
                    .anonymous("POST", "/api/v1/auth/token", Api.json(Map.of("username", "eve", "password", "pw")));
            assertThat(refused.status()).isEqualTo(401);
            JsonNode audited = await().atMost(Duration.ofSeconds(10))
                    .until(() -> auditLine(data), Optional::isPresent)
                    .orElseThrow();
            JsonNode action = audited.has("event.action")
                    ? audited.path("event.action")
                    : audited.path("event").path("action");
            assertThat(action.asString()).as(audited.toString()).isEqualTo("SIGN_IN_FAILED");
            assertThat(audited.toString()).contains("eve").doesNotContain("\"pw\"");

            assertThat(mode(data)).isEqualTo("rwx------");
            assertThat(mode(data.resolve("logs"))).isEqualTo("rwx------");
            assertThat(mode(data.resolve("master.key"))).isEqualTo("rw-------");
            assertThat(mode(data.resolve("logs/switchboard.log"))).isEqualTo("rw-------");
            if (!TestDatabase.postgres()) {
                assertThat(mode(data.resolve("switchboard.mv.db"))).isEqualTo("rw-------");
            }
            try (Stream<Path> all = Files.walk(data)) {
                for (Path path : all.toList()) {
                    String mode = mode(path);
                    assertThat(mode.substring(3)).as(path.toString()).isEqualTo("------");
                }
            }
        } finally {
            service.stop();
        }
    }

    /** The log file's first structured line of a refused sign-in, once it is there. */
    private static Optional<JsonNode> auditLine(Path data) throws Exception {
        Path log = data.resolve("logs/switchboard.log");
        if (Files.notExists(log)) {
            return Optional.empty();
        }
        return Files.readString(log)
                .lines()
                .filter(line -> line.contains("SIGN_IN_FAILED"))
                .map(JSON::readTree)
                .findFirst();
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
