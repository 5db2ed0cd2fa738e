package io.switchboard.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.GraphEmulatorExtension;
import io.switchboard.testing.EmulatedTenant;
import io.switchboard.testing.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The scheduled sync fires through db-scheduler on the injected clock (M1, X6): nothing runs before
 * its time, one run when it comes, and the next execution moves to the following occurrence.
 */
class ScheduledSyncIT extends IntegrationTest {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withEmptyTenant();

    private GraphEmulator emulator;

    @BeforeEach
    void connectAndSync(GraphEmulator emulator) {
        this.emulator = emulator;
        emulator.clock().set(clock.instant());
        emulator.app().grantAdminConsent();
        emulator.tenant().users().forEach(u -> emulator.tenant().purgeUser(u.id()));
        emulator.tenant()
                .createUser(b -> b.displayName("Ada Lovelace")
                        .givenName("Ada")
                        .surname("Lovelace")
                        .mail("ada@contoso.example"));
        EmulatedTenant.connect(api, emulator);
        api.put("/api/v1/integration/user-sync", "{\"enabled\":true}");
        await().atMost(Duration.ofSeconds(30)).until(() -> finishedRuns().size() == 1);
    }

    private List<JsonNode> finishedRuns() {
        return api.get("/api/v1/sync-runs")
                .body()
                .path("items")
                .valueStream()
                .filter(r -> !r.path("state").asString().equals("RUNNING"))
                .toList();
    }

    private Instant pendingExecution() {
        return jdbc.sql("SELECT execution_time FROM scheduled_tasks WHERE task_name = 'scheduled-sync'")
                .query(OffsetDateTime.class)
                .single()
                .toInstant();
    }

    @Test
    void theScheduledSyncRunsOnceWhenItsTimeComesAndIsRescheduled_M1() {
        Instant next = Instant.parse(api.get("/api/v1/integration/schedule").text("nextRunAt"));
        assertThat(pendingExecution()).isEqualTo(next);
        Duration untilJustBefore = Duration.between(clock.instant(), next).minusSeconds(30);
        clock.advance(untilJustBefore);
        emulator.clock().advance(untilJustBefore);
        api.signIn();

        clock.advance(Duration.ofMinutes(1));
        emulator.clock().advance(Duration.ofMinutes(1));
        api.signIn();

        await().atMost(Duration.ofSeconds(40)).until(() -> finishedRuns().size() == 2);
        JsonNode run = finishedRuns().get(0);
        assertThat(run.path("trigger").asString()).isEqualTo("SCHEDULE");
        assertThat(run.path("kind").asString()).isEqualTo("DELTA");
        await().atMost(Duration.ofSeconds(10)).until(() -> pendingExecution().equals(next.plus(Duration.ofDays(1))));
        assertThat(finishedRuns()).hasSize(2);
    }
}
