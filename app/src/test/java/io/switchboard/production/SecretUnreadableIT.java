package io.switchboard.production;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.GraphEmulatorExtension;
import io.switchboard.entra.EntraConnection;
import io.switchboard.sync.RunState;
import io.switchboard.sync.SyncRun;
import io.switchboard.sync.SyncService;
import io.switchboard.sync.SyncTrigger;
import io.switchboard.testing.EmulatedTenant;
import io.switchboard.testing.IntegrationTest;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 20 point 2 at run time: a stored secret that does not open with the master key (sealed
 * with another key, or altered) is named as such in the integration's status and in the run's
 * error, instead of "unexpected error (IllegalStateException)".
 */
class SecretUnreadableIT extends IntegrationTest {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withGeneratedTenant(20_002, 20);

    @Autowired
    SyncService sync;

    @Autowired
    EntraConnection connection;

    @Test
    void aSecretThatDoesNotOpenIsNamedInTheStatusAndTheRunsError_issue20_C7(GraphEmulator emulator) {
        EmulatedTenant.connect(api, emulator);
        byte[] foreign = new byte[60];
        new java.util.Random(20).nextBytes(foreign);
        jdbc.sql("UPDATE integration SET client_secret = ? WHERE id = 1")
                .param("v1:" + Base64.getEncoder().encodeToString(foreign))
                .update();
        connection.tokenRejected();

        SyncRun run = sync.runNow(SyncTrigger.MANUAL);

        String cause = "A stored secret cannot be opened with the master key from the key file ";
        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.error())
                .startsWith(cause)
                .contains("it was sealed with another key, or altered")
                .doesNotContain("IllegalStateException");
        var integration = api.get("/api/v1/integration");
        assertThat(integration.text("status")).isEqualTo("ERROR");
        assertThat(integration.text("statusReason")).startsWith(cause).contains("enter the client secret again");
    }
}
