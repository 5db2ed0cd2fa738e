package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.emulator.GraphEmulator;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15's bounded-memory benchmark (X3): for each tenant size ({@code -Dbench.sizes}, default
 * 100000; 2,000 groups, 63 in scope) the production jar runs in a process of its own with
 * {@code -Xmx} from {@code -Dbench.xmx} (default {@code 512m}), makes a first full sync and a delta
 * after 10 changes, see {@link MemoryRun}. {@code -Dbench.histogram=true} also takes three class
 * histograms of the child: connected and idle, when the full sync has planned, and half way through
 * applying. Not part of the default suite; run it with
 * {@code ./mvnw -B verify -pl app -am -Dit.test=SyncMemoryBenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false '-Dfailsafe.includes=**}{@code /*Benchmark.java'}.
 * Rows go to {@code app/target/bench/sync-memory.csv}.
 */
class SyncMemoryBenchmark {

    static IntStream sizes() {
        return Arrays.stream(System.getProperty("bench.sizes", "100000").split(","))
                .map(String::trim)
                .mapToInt(Integer::parseInt);
    }

    @ParameterizedTest(name = "{0} users")
    @MethodSource("sizes")
    void theProductionJarSyncsTheTenantWithinItsHeapLimit_X3(int users) throws Exception {
        MemoryRun.Result result;
        try (GraphEmulator emulator = GraphEmulator.builder()
                .generatedTenant(15, users, SyncAtScaleBenchmark.GROUPS)
                .start()) {
            result = MemoryRun.measure(
                    emulator, users, System.getProperty("bench.xmx", "512m"), Boolean.getBoolean("bench.histogram"));
        }

        assertThat(result.outOfMemory())
                .as("the child ran out of memory or died")
                .isFalse();
        assertThat(result.finishedWithOnlyDataFailures())
                .as("the full sync ended " + result.state() + " with failures " + result.failures())
                .isTrue();
        assertThat(result.deltaState()).isIn("SUCCEEDED", "PARTIAL");
        assertThat(result.deltaKind()).isEqualTo("DELTA");
    }
}
