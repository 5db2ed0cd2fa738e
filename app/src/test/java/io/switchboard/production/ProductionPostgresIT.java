package io.switchboard.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.testing.Api;
import io.switchboard.testing.JarProcess;
import io.switchboard.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Production on PostgreSQL" as an operator follows it (issue 20), on the PostgreSQL
 * of the suite's second run (or the server {@code SWITCHBOARD_TEST_PG_URL} names, such as Debian's
 * PostgreSQL 15): its SQL, run as written, gives a working service; a role that may only connect
 * stops start-up with the message the README describes.
 */
class ProductionPostgresIT {

    private static final Pattern SETUP = Pattern.compile(
            "<!-- postgres-setup[^>]*-->\\s*```sql\\n(.*?)```\\s*<!-- /postgres-setup -->", Pattern.DOTALL);

    @BeforeAll
    static void onPostgresOnly() {
        assumeTrue(TestDatabase.postgres(), "PostgreSQL set-up: the PostgreSQL run checks it");
    }

    @Test
    void theReadmeSqlRunAsWrittenGivesAWorkingService_issue20(@TempDir Path workDir) throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("user.dir")).resolve("../README.md"));
        Matcher block = SETUP.matcher(readme);
        assertThat(block.find()).as("the README has the set-up SQL block").isTrue();
        List<String> statements = Arrays.stream(block.group(1).split(";"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        assertThat(statements).hasSize(2);
        Matcher password = Pattern.compile("PASSWORD '([^']*)'").matcher(block.group(1));
        assertThat(password.find()).isTrue();

        TestDatabase.Connection admin = TestDatabase.postgresAdmin();
        execute(admin, "DROP DATABASE IF EXISTS switchboard", "DROP ROLE IF EXISTS switchboard");
        execute(admin, statements.toArray(String[]::new));

        JarProcess jar = JarProcess.start(
                workDir,
                "readme",
                JarProcess.freePort(),
                Map.of(
                        "SPRING_DATASOURCE_URL", TestDatabase.onDatabase(admin.url(), "switchboard"),
                        "SPRING_DATASOURCE_USERNAME", "switchboard",
                        "SPRING_DATASOURCE_PASSWORD", password.group(1),
                        "SWITCHBOARD_DATA_DIR", workDir.resolve("var").toString(),
                        "SWITCHBOARD_ADMIN_PASSWORD", Api.ADMIN_PASSWORD));
        try {
            jar.awaitHealthy();
            Api api = new Api(jar.base()).signIn();
            Api.Answer created = api.post("/api/v1/extensions", "{\"number\":\"1001\",\"firstName\":\"Alice\"}");
            assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
            assertThat(api.get("/api/v1/extensions/" + created.text("id")).text("number"))
                    .isEqualTo("1001");
            assertThat(workDir.resolve("var/logs/switchboard.log"))
                    .as("the log directory follows SWITCHBOARD_DATA_DIR")
                    .exists();
            assertThat(workDir.resolve("data"))
                    .as("nothing in the working directory")
                    .doesNotExist();
        } finally {
            jar.stop();
        }
        try (Connection c = DriverManager.getConnection(
                        TestDatabase.onDatabase(admin.url(), "switchboard"), admin.user(), admin.password());
                var rs = c.createStatement()
                        .executeQuery("SELECT tableowner FROM pg_tables WHERE tablename = 'extension'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1))
                    .as("the tables belong to the README's role")
                    .isEqualTo("switchboard");
        }
    }

    @Test
    void aRoleThatMayOnlyConnectStopsStartUpWithTheDocumentedMessage_issue20(@TempDir Path workDir) throws Exception {
        TestDatabase.Connection admin = TestDatabase.postgresAdmin();
        execute(
                admin,
                "DROP DATABASE IF EXISTS sb_not_owned",
                "DROP ROLE IF EXISTS sb_connect_only",
                "CREATE ROLE sb_connect_only LOGIN PASSWORD 'connect-only'",
                "CREATE DATABASE sb_not_owned",
                "GRANT CONNECT ON DATABASE sb_not_owned TO sb_connect_only");

        JarProcess jar = JarProcess.start(
                workDir,
                "not-owner",
                JarProcess.freePort(),
                Map.of(
                        "SPRING_DATASOURCE_URL",
                        TestDatabase.onDatabase(admin.url(), "sb_not_owned"),
                        "SPRING_DATASOURCE_USERNAME",
                        "sb_connect_only",
                        "SPRING_DATASOURCE_PASSWORD",
                        "connect-only",
                        "SWITCHBOARD_DATA_DIR",
                        workDir.resolve("var").toString()));

        assertThat(jar.awaitExit(Duration.ofSeconds(120))).isNotZero();
        String console = jar.console();
        assertThat(console)
                .contains("APPLICATION FAILED TO START")
                .contains("The database role in SPRING_DATASOURCE_USERNAME may not create Switchboard's tables")
                .contains("CREATE DATABASE switchboard OWNER switchboard")
                .contains("Production on PostgreSQL")
                .doesNotContain("connect-only");
        assertThat(console.lines().filter(line -> line.startsWith("\tat ")))
                .as("one message, no stack trace")
                .isEmpty();
    }

    private static void execute(TestDatabase.Connection admin, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(admin.url(), admin.user(), admin.password());
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
