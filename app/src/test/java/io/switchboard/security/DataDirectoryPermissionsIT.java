package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.switchboard.SwitchboardApplication;
import io.switchboard.testing.Api;
import io.switchboard.testing.TestDatabase;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The data directory and what the service puts in it are readable by the service's user only
 * (issue 13.4): the service starts as in production, with the embedded database in files (or
 * PostgreSQL in the second run), in a data directory it creates itself. Its log file carries each
 * audit event as a structured line (issue 12.8).
 */
class DataDirectoryPermissionsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path parent;

    @Test
    void theDataDirectoryAndItsFilesAreOwnerOnly_13_4() throws Exception {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        Path data = parent.resolve("data");
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--switchboard.data-dir=" + data,
                "--switchboard.admin-password=" + Api.ADMIN_PASSWORD,
                "--switchboard.sync.janitor-interval=PT1H"));
        if (TestDatabase.postgres()) {
            TestDatabase.Connection db = TestDatabase.newDatabase();
            args.add("--spring.datasource.url=" + db.url());
            args.add("--spring.datasource.username=" + db.user());
            args.add("--spring.datasource.password=" + db.password());
        }

        try (ConfigurableApplicationContext service =
                new SpringApplicationBuilder(SwitchboardApplication.class).run(args.toArray(String[]::new))) {
            int port = service.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            Api.Answer refused = new Api(port)
                    .anonymous(
                            "POST",
                            "/api/v1/auth/token",
                            Api.json(java.util.Map.of("username", "eve", "password", "pw")));
            assertThat(refused.status()).isEqualTo(401);
            String log = Files.readString(data.resolve("logs/switchboard.log"));
            JsonNode audited = log.lines()
                    .filter(line -> line.contains("SIGN_IN_FAILED"))
                    .map(JSON::readTree)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no structured audit line in the log file"));
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
        }
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
