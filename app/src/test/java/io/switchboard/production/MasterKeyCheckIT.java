package io.switchboard.production;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.Api;
import io.switchboard.testing.JarProcess;
import io.switchboard.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20 point 2, as the issue met it: a first start without {@code SWITCHBOARD_MASTER_KEY} (the
 * key file is created) stores a client secret; a start with a new key in the variable stops with
 * one message naming the variable and what to do, never a key; a start with the key file's
 * content in the variable opens what the first sealed (C7); that one, started with an empty
 * {@code SWITCHBOARD_LOG_FILE}, logs to the console only.
 */
class MasterKeyCheckIT {

    @Test
    void aKeyThatDoesNotOpenTheStoredSecretsStopsStartUpAndTheKeyFilesContentWorks_issue20_C7(@TempDir Path workDir)
            throws Exception {
        Map<String, String> env =
                new HashMap<>(JarProcess.database(TestDatabase.postgres() ? TestDatabase.newDatabase() : null));
        env.put("SWITCHBOARD_ADMIN_PASSWORD", Api.ADMIN_PASSWORD);
        int port = JarProcess.freePort();

        JarProcess first = JarProcess.start(workDir, "key-file", port, env).awaitHealthy();
        try {
            Api api = new Api(first.base()).signIn();
            Api.Answer saved = api.put(
                    "/api/v1/integration",
                    "{\"clientId\":\"11111111-1111-1111-1111-111111111111\","
                            + "\"tenantId\":\"22222222-2222-2222-2222-222222222222\","
                            + "\"clientSecret\":\"a-client-secret\",\"mode\":\"APPLICATION\"}");
            assertThat(saved.status()).as(saved.raw().body()).isEqualTo(200);
        } finally {
            first.stop();
        }
        String keyFile = Files.readString(workDir.resolve("data/master.key")).strip();

        String otherKey = randomKey();
        Map<String, String> wrong = new HashMap<>(env);
        wrong.put("SWITCHBOARD_MASTER_KEY", otherKey);
        JarProcess refused = JarProcess.start(workDir, "other-key", port, wrong);
        assertThat(refused.awaitExit(Duration.ofSeconds(120))).isNotZero();
        String console = refused.console();
        assertThat(console)
                .contains("APPLICATION FAILED TO START")
                .contains("The master key from SWITCHBOARD_MASTER_KEY does not open the secrets stored in the"
                        + " database")
                .contains("set SWITCHBOARD_MASTER_KEY to the content of the key file master.key")
                .doesNotContain(otherKey)
                .doesNotContain(keyFile);
        assertThat(console.lines().filter(line -> line.startsWith("\tat ")))
                .as("one message, no stack trace")
                .isEmpty();

        Map<String, String> right = new HashMap<>(env);
        right.put("SWITCHBOARD_MASTER_KEY", keyFile);
        right.put("SWITCHBOARD_LOG_FILE", "");
        Path logFile = workDir.resolve("data/logs/switchboard.log");
        long logged = Files.size(logFile);
        JarProcess opened =
                JarProcess.start(workDir, "file-content", port, right).awaitHealthy();
        assertThat(Files.size(logFile))
                .as("SWITCHBOARD_LOG_FILE empty: the console only (issue 20)")
                .isEqualTo(logged);
        assertThat(opened.console()).contains("Started SwitchboardApplication");
        try {
            assertThat(new Api(opened.base())
                            .signIn()
                            .get("/api/v1/integration")
                            .text("clientId"))
                    .as("started, with the check value and the client secret opened by the key file's content")
                    .isEqualTo("11111111-1111-1111-1111-111111111111");
        } finally {
            opened.stop();
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
