package io.switchboard.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Gives each test application context its own empty database: in-memory H2 by default, or a fresh
 * database in a real PostgreSQL when {@code -Dswitchboard.test.database=postgres} (the second
 * Failsafe run). The PostgreSQL server is an embedded one started once per JVM, unless
 * {@code SWITCHBOARD_TEST_PG_URL} (a JDBC URL with user and password) names an existing server.
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String KIND =
            System.getProperty("switchboard.test.database", "h2").toLowerCase(Locale.ROOT);

    private static EmbeddedPostgres postgres;

    public static boolean postgres() {
        return KIND.equals("postgres");
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Connection connection = newDatabase();
        try {
            Path dataDir = Files.createTempDirectory("switchboard-test");
            TestPropertyValues.of(
                            "spring.datasource.url=" + connection.url(),
                            "spring.datasource.username=" + connection.user(),
                            "spring.datasource.password=" + connection.password(),
                            "switchboard.data-dir=" + dataDir,
                            "switchboard.admin-password=" + Api.ADMIN_PASSWORD,
                            // Tests move the clock by hand; they call the janitor themselves.
                            "switchboard.sync.janitor-interval=PT1H",
                            // Recurring jobs never fire by themselves: the tests call them when they mean to.
                            "switchboard.jobs.recurring=false")
                    .applyTo(context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JDBC URL, user and password of a database nobody else uses. */
    public record Connection(String url, String user, String password) {}

    public static Connection newDatabase() {
        String name = "sb_" + UUID.randomUUID().toString().replace("-", "");
        if (!postgres()) {
            String fileDir = System.getProperty("switchboard.test.h2-file-dir");
            if (fileDir != null && !fileDir.isBlank()) {
                // The embedded database as the service runs it (a file, every commit written before the answer).
                return new Connection(
                        "jdbc:h2:file:" + Path.of(fileDir, name).toAbsolutePath() + ";WRITE_DELAY=0", "sa", "");
            }
            return new Connection("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
        }
        String external = System.getenv("SWITCHBOARD_TEST_PG_URL");
        if (external != null && !external.isBlank()) {
            String user = System.getenv().getOrDefault("SWITCHBOARD_TEST_PG_USER", "postgres");
            String password = System.getenv().getOrDefault("SWITCHBOARD_TEST_PG_PASSWORD", "");
            execute(external, user, password, "CREATE DATABASE " + name);
            return new Connection(external.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1"), user, password);
        }
        EmbeddedPostgres server = embedded();
        execute(server.getJdbcUrl("postgres", "postgres"), "postgres", "", "CREATE DATABASE " + name);
        return new Connection(server.getJdbcUrl("postgres", name), "postgres", "");
    }

    /** A superuser's connection to the PostgreSQL server of this run (its {@code postgres} database). */
    public static Connection postgresAdmin() {
        String external = System.getenv("SWITCHBOARD_TEST_PG_URL");
        if (external != null && !external.isBlank()) {
            return new Connection(
                    external,
                    System.getenv().getOrDefault("SWITCHBOARD_TEST_PG_USER", "postgres"),
                    System.getenv().getOrDefault("SWITCHBOARD_TEST_PG_PASSWORD", ""));
        }
        return new Connection(embedded().getJdbcUrl("postgres", "postgres"), "postgres", "");
    }

    /** The JDBC URL of another database on the same server as {@code url}, without its parameters (user...). */
    public static String onDatabase(String url, String database) {
        return url.replaceFirst("\\?.*$", "").replaceFirst("/[^/]*$", "/" + database);
    }

    private static synchronized EmbeddedPostgres embedded() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the embedded PostgreSQL for the tests", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // The JVM is going away; the temporary cluster goes with it.
                }
            }));
        }
        return postgres;
    }

    private static void execute(String url, String user, String password, String sql) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, user, password)) {
            c.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the test database: " + e.getMessage(), e);
        }
    }
}
