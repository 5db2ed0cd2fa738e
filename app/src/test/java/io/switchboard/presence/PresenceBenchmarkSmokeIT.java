package io.switchboard.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.GraphEmulatorExtension;
import io.switchboard.sync.SyncService;
import io.switchboard.testing.IntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link PresenceBenchmark} small, in the default suite (T2, X9): 700 users (two chunks of 650), 50
 * changes over 3 s, with notifications and then with polling alone, through the same measuring
 * code. It asserts that no change is lost and that the figures are sane, never a time target.
 *
 * <p>It lets the test clock follow the real one, weeks ahead of the other tests' clock; db-scheduler
 * waits for its next poll by that clock, so the run gets a Spring context (and database) of its
 * own rather than leave the shared one's scheduler waiting for weeks.
 */
@TestPropertySource(properties = "switchboard.test.context=presence-benchmark-smoke")
class PresenceBenchmarkSmokeIT extends IntegrationTest {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withGeneratedTenant(18, 700);

    @Autowired
    SyncService sync;

    @Autowired
    PresenceLoop loop;

    @Autowired
    PresenceApplier applier;

    private PresenceRun run;

    @AfterEach
    void switchPresenceOff(GraphEmulator emulator) {
        if (run != null) {
            run.stopBeating();
        }
        jdbc.sql("UPDATE presence_sync SET enabled = FALSE, leader = NULL, lease_until = NULL")
                .update();
        jdbc.sql("DELETE FROM presence_subscription").update();
        emulator.subscriptions().forEach(s -> emulator.dropSubscription(s.id()));
        loop.reset();
        applier.forgetDelays();
    }

    @Test
    void theBenchmarkRunsSmallAndLosesNoChangeWithNotificationsOrWithPolling_T2_X9(GraphEmulator emulator)
            throws Exception {
        run = new PresenceRun(api, jdbc, clock, emulator, loop);
        List<String> teamsUsers = run.connectAndFollowEveryone(sync);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM presence_follow")
                        .query(Integer.class)
                        .single())
                .as("more than one chunk of 650 follow Teams")
                .isGreaterThan(650);
        run.startBeating();
        api.put("/api/v1/integration/presence-sync", "{\"enabled\":true}");

        PresenceRun.Result notifications =
                run.measure(teamsUsers, "notifications", 50, 3, 1, Duration.ofSeconds(20), true);
        System.out.println(notifications.line());
        assertSane(notifications, "NOTIFICATIONS", 3_000);
        assertThat(notifications.subscriptionRequests())
                .as("no subscription churn")
                .isZero();
        assertThat(emulator.subscriptions()).hasSize(2);

        api.patch("/api/v1/settings", "{\"publicBaseUrl\":\"http://pbx.example:8080\"}");
        loop.dueNow();
        Thread.sleep(1_000);
        PresenceRun.Result polling = run.measure(teamsUsers, "polling", 50, 3, 2, Duration.ofSeconds(20), true);
        System.out.println(polling.line());
        assertSane(polling, "POLLING", 1_200);
        assertThat(polling.interval()).isEqualTo("PT2S");
        assertThat(emulator.subscriptions())
                .as("removed when notifications cannot arrive")
                .isEmpty();
    }

    /** {@code maxPerMinute}: Graph's whole budget (3,000 per minute), or polling's 40% of it. */
    private static void assertSane(PresenceRun.Result result, String mode, int maxPerMinute) {
        assertThat(result.mode()).isEqualTo(mode);
        assertThat(result.missing())
                .as("changes never written to their extension")
                .isZero();
        assertThat(result.measured() + result.unchanged()).isEqualTo(50);
        assertThat(result.measured()).as("most changes change the Teams key").isGreaterThan(25);
        assertThat(result.p50Millis()).isLessThanOrEqualTo(result.p95Millis());
        assertThat(result.p95Millis()).isLessThanOrEqualTo(result.maxMillis());
        assertThat(result.maxMillis()).as("written within the watch window").isLessThan(20_000);
        assertThat(result.presenceRequestsPerMinute())
                .as("within the share of the 1,500 requests per 30 s budget")
                .isGreaterThan(0)
                .isLessThanOrEqualTo(maxPerMinute);
    }
}
