package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.emulator.GraphEmulator;
import io.switchboard.sync.SyncService;
import io.switchboard.testing.IntegrationTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 15's benchmark (X3, X9): for each tenant size ({@code -Dbench.sizes}, default
 * 1000,10000,100000; 2,000 groups, 63 of them in scope) and each added latency per Graph page
 * ({@code -Dbench.latencies}, default 0,200 ms): the bare download, the first full sync and a delta
 * after 10 changes, see {@link ScaleRun}. Not part of the default suite (its name matches neither
 * *Test nor *IT; {@code SyncAtScaleSmokeIT} runs it at 1,000 users there); run it with
 * {@code ./mvnw -B verify -pl app -am -Dit.test=SyncAtScaleBenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false '-Dfailsafe.includes=**}{@code /*Benchmark.java'}.
 * Failsafe runs it on H2, then on PostgreSQL ({@code -Dbench.databases=postgres} keeps one of them);
 * rows are appended to {@code app/target/bench/sync-at-scale.csv}.
 */
@EnabledIf("databaseChosen")
class SyncAtScaleBenchmark extends IntegrationTest {

    static final int GROUPS = Integer.getInteger("bench.groups", 2_000);

    private static final Map<Integer, GraphEmulator> TENANTS = new ConcurrentHashMap<>();

    @Autowired
    SyncService sync;

    static boolean databaseChosen() {
        String database = System.getProperty("switchboard.test.database", "h2");
        return Arrays.asList(
                        System.getProperty("bench.databases", "h2,postgres").split(","))
                .contains(database);
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (int users : ints("bench.sizes", "1000,10000,100000")) {
            for (int latency : ints("bench.latencies", "0,200")) {
                cases.add(Arguments.of(users, latency));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} users, {1} ms per page")
    @MethodSource("cases")
    void fullSyncAgainstTheBareDownloadAndADeltaAfterTenChanges(int users, int latencyMillis) {
        GraphEmulator emulator = TENANTS.computeIfAbsent(users, n -> {
            TENANTS.values().forEach(GraphEmulator::close);
            TENANTS.clear();
            return GraphEmulator.builder().generatedTenant(15, n, GROUPS).start();
        });

        ScaleRun.Result result = ScaleRun.measure(api, jdbc, sync, emulator, users, latencyMillis);

        assertThat(result.deltaKind()).isEqualTo("DELTA");
    }

    @AfterAll
    static void closeTenants() {
        TENANTS.values().forEach(GraphEmulator::close);
        TENANTS.clear();
    }

    private static int[] ints(String property, String defaults) {
        return Arrays.stream(System.getProperty(property, defaults).split(","))
                .map(String::trim)
                .mapToInt(Integer::parseInt)
                .toArray();
    }
}
