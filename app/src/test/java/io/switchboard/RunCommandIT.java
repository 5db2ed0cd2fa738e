package io.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.Api;
import io.switchboard.testing.JarProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The production start, as the README's "Running several instances" types it: the packaged
 * {@code switchboard.jar} without the demo, in a fresh working directory. It serves {@code /actuator/health}
 * UP (the time is printed against the 20-second target), prints the generated administrator password once,
 * keeps it across a restart, and starts with no integration at all: the jar carries no emulated tenant (issue 2
 * "the run command", issue 14 "the demo out of the production jar"). The README's demo command is
 * {@code DemoRunCommandIT} in the {@code demo} module. On the PostgreSQL run of the suite the jar is pointed at
 * PostgreSQL by the standard {@code SPRING_DATASOURCE_*} settings.
 */
class RunCommandIT {

    private static final Duration HEALTH_WITHIN = Duration.ofSeconds(20);
    private static final Pattern PASSWORD = Pattern.compile("(?m)^\\s+password: (\\S+)\\s*$");

    private final List<JarProcess> started = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (JarProcess jar : started) {
            jar.stop();
        }
    }

    @Test
    void theProductionJarServesHealthWithinTwentySecondsAndStartsWithoutAnyIntegration() throws Exception {
        Path workDir = Files.createTempDirectory("switchboard-run");
        Map<String, String> database = JarProcess.database();
        int port = JarProcess.freePort();

        JarProcess first = start(workDir, "first", port, database);

        first.printHealthyAfter("RunCommandIT", "first start", HEALTH_WITHIN);
        Matcher printed = PASSWORD.matcher(first.console());
        assertThat(printed.find()).as("the generated password is printed").isTrue();
        String password = printed.group(1);
        assertThat(printed.find()).as("printed once").isFalse();
        assertThat(Files.exists(workDir.resolve("data/master.key"))).isTrue();

        Api api = new Api(first.base()).signIn(password);
        JsonNode integration = api.get("/api/v1/integration").ok();
        assertThat(integration.path("status").asString()).isEqualTo("NOT_CONNECTED");
        assertThat(integration.path("clientId").isNull()
                        || integration.path("clientId").isMissingNode())
                .as("no tenant is filled in: " + integration)
                .isTrue();
        assertThat(first.console()).doesNotContain("Demo tenant");

        first.process().destroy();
        assertThat(first.process().waitFor(20, TimeUnit.SECONDS)).isTrue();

        JarProcess second = start(workDir, "second", port, database);
        second.printHealthyAfter("RunCommandIT", "second start", HEALTH_WITHIN);
        assertThat(second.console()).doesNotContain(password);
        assertThat(new Api(second.base()).signIn(password).token())
                .as("the first password still signs in")
                .isNotBlank();
    }

    /** {@code java -jar target/switchboard.jar}, as the README types it, until health UP. */
    private JarProcess start(Path workDir, String name, int port, Map<String, String> database) throws IOException {
        JarProcess jar = JarProcess.jar("switchboard.jar").asTyped().start(workDir, name, port, database);
        started.add(jar);
        return jar.awaitHealthy();
    }
}
