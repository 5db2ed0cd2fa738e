package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.emulator.GraphEmulator;
import org.junit.jupiter.api.Test;

/**
 * The 1,000-user run of {@link SyncMemoryBenchmark} in the default suite (X3): the production jar in its
 * own process with {@code -Xmx512m} syncs the tenant and a delta; it asserts only that the child lived and
 * the runs ended as they should, never a time or a heap figure.
 */
class SyncMemorySmokeIT {

    @Test
    void theProductionJarWithA512MegabyteHeapSyncsAThousandUsersAndADelta_X3() throws Exception {
        MemoryRun.Result result;
        try (GraphEmulator emulator = GraphEmulator.builder()
                .generatedTenant(15, 1_000, SyncAtScaleBenchmark.GROUPS)
                .start()) {
            result = MemoryRun.measure(emulator, 1_000, "512m", false);
        }

        assertThat(result.outOfMemory()).isFalse();
        assertThat(result.finishedWithOnlyDataFailures())
                .as("the full sync ended " + result.state() + " with failures " + result.failures())
                .isTrue();
        assertThat(result.deltaKind()).isEqualTo("DELTA");
        assertThat(result.deltaState()).isEqualTo("SUCCEEDED");
    }
}
