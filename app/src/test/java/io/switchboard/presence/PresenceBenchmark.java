package io.switchboard.presence;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.GraphEmulatorExtension;
import io.switchboard.sync.SyncService;
import io.switchboard.testing.IntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Teams presence at scale (issue 18): {@code bench.users} users follow Teams (10,000), {@code
 * bench.changes} presence changes (1,000) spread over {@code bench.seconds} (60) in the emulator,
 * first with change notifications (delegated), then with polling alone (public URL not https).
 * Change-to-extension latency is measured by {@link PresenceRun}; time runs on the real clock here.
 * {@link PresenceBenchmarkSmokeIT} runs the same code small in the default suite. Not part
 * of the default suite (its name matches neither *Test nor *IT); run it with
 * {@code ./mvnw -B verify -pl app -am -Dit.test=PresenceBenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.includes=**}{@code /*Benchmark.java}.
 */
class PresenceBenchmark extends IntegrationTest {

    static final int USERS = Integer.getInteger("bench.users", 10_000);
    static final int CHANGES = Integer.getInteger("bench.changes", 1_000);
    static final int SECONDS = Integer.getInteger("bench.seconds", 60);

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withGeneratedTenant(18, USERS);

    @Autowired
    SyncService sync;

    @Autowired
    PresenceLoop loop;

    @Test
    void followsTeamsForTenThousandUsers(GraphEmulator emulator) throws Exception {
        assumeTrue(
                !"postgres".equals(System.getProperty("switchboard.test.database")),
                "run once, on H2: the figures are about Graph and the notification path");
        PresenceRun run = new PresenceRun(api, jdbc, clock, emulator, loop);
        List<String> teamsUsers = run.connectAndFollowEveryone(sync);
        run.startBeating();
        try {
            long t0 = System.nanoTime();
            api.put("/api/v1/integration/presence-sync", "{\"enabled\":true}");
            long enableMillis = (System.nanoTime() - t0) / 1_000_000;
            PresenceRun.Result notifications =
                    run.measure(teamsUsers, "notifications", CHANGES, SECONDS, 1, Duration.ofSeconds(8), false);
            System.out.println("BENCH presence enable of " + teamsUsers.size() + " users: " + enableMillis + " ms");

            api.patch("/api/v1/settings", "{\"publicBaseUrl\":\"http://pbx.example:8080\"}");
            loop.dueNow();
            Thread.sleep(1_000);
            PresenceRun.Result polling =
                    run.measure(teamsUsers, "polling", CHANGES, SECONDS, 2, Duration.ofSeconds(8), false);
            System.out.println(notifications.line());
            System.out.println(polling.line());
        } finally {
            run.stopBeating();
        }
    }
}
