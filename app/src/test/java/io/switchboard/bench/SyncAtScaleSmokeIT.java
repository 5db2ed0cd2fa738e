package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.GraphEmulatorExtension;
import io.switchboard.sync.SyncService;
import io.switchboard.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The 1,000-user run of {@link SyncAtScaleBenchmark} in the default suite (X3, X9): it asserts only
 * what is deterministic, the Graph requests, never a time.
 */
class SyncAtScaleSmokeIT extends IntegrationTest {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withGeneratedTenant(15, 1_000)
            .configure(b -> b.generatedTenant(15, 1_000, SyncAtScaleBenchmark.GROUPS));

    @Autowired
    SyncService sync;

    @Test
    void aFullSyncSendsAtMostFivePercentMoreRequestsThanTheBareDownloadAndATenChangeDeltaAtMostFive_X9(
            GraphEmulator emulator) {
        ScaleRun.Result result = ScaleRun.measure(api, jdbc, sync, emulator, 1_000, 0);

        assertThat(result.fullRequests()).isLessThanOrEqualTo((int) Math.floor(result.bareRequests() * 1.05));
        assertThat(result.deltaKind()).isEqualTo("DELTA");
        assertThat(result.deltaRequests()).isLessThanOrEqualTo(5);
    }
}
