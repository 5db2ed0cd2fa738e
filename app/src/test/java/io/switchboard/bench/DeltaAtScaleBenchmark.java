package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.GraphEmulatorExtension;
import io.switchboard.sync.SyncKind;
import io.switchboard.sync.SyncRun;
import io.switchboard.sync.SyncService;
import io.switchboard.sync.SyncTrigger;
import io.switchboard.testing.EmulatedTenant;
import io.switchboard.testing.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Full and delta sync of a 20,000-user emulated tenant (X3). Not part of the default suite (its
 * name matches neither *Test nor *IT); run it with
 * {@code ./mvnw -B verify -pl app -am -Dit.test=DeltaAtScaleBenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.includes=**}{@code /*Benchmark.java}.
 * It prints the request counts and wall times; the only assertions are on request counts, which are deterministic.
 */
class DeltaAtScaleBenchmark extends IntegrationTest {

    static final int USERS = Integer.getInteger("bench.users", 20_000);

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withGeneratedTenant(20, USERS);

    @Autowired
    SyncService sync;

    @Test
    void deltaAfterTenChangesCostsFewRequests(GraphEmulator emulator) {
        EmulatedTenant.connect(api, emulator);
        api.patch("/api/v1/settings", "{\"extensionCapacity\":50000}");
        storeSyncSetting("user-sync", "{\"enabled\":true,\"range\":\"ALL\",\"startNumber\":\"10000\"}");
        storeSyncSetting("group-sync", "{\"enabled\":true,\"range\":\"ALL\"}");

        emulator.requestLog().clear();
        long t0 = System.nanoTime();
        SyncRun full = sync.runNow(SyncTrigger.MANUAL);
        long fullMillis = (System.nanoTime() - t0) / 1_000_000;
        int fullRequests = emulator.requestLog().count("^/v1\\.0/");

        List<String> ids =
                emulator.tenant().users().stream().map(u -> u.id()).limit(10).toList();
        for (int i = 0; i < ids.size(); i++) {
            String title = "Changed " + i;
            emulator.tenant().updateUser(ids.get(i), b -> b.jobTitle(title));
        }
        emulator.requestLog().clear();
        long t1 = System.nanoTime();
        SyncRun delta = sync.runNow(SyncTrigger.CHANGE);
        long deltaMillis = (System.nanoTime() - t1) / 1_000_000;
        int deltaRequests = emulator.requestLog().count("^/v1\\.0/");

        System.out.printf(
                "BENCH users=%d full: %d ms, %d Graph requests, counts %s | delta: %d ms, %d Graph requests, counts %s%n",
                USERS, fullMillis, fullRequests, full.counts(), deltaMillis, deltaRequests, delta.counts());
        assertThat(delta.kind()).isEqualTo(SyncKind.DELTA);
        assertThat(deltaRequests).isLessThanOrEqualTo(5);
        assertThat(delta.counts().updated()).isEqualTo(10);
        assertThat(delta.counts().created() + delta.counts().deleted()).isZero();
    }
}
