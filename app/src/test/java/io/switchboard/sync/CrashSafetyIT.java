package io.switchboard.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.switchboard.directory.Extension;
import io.switchboard.directory.SyncedDirectory;
import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.GraphEmulatorExtension;
import io.switchboard.entra.TenantReader;
import io.switchboard.reconcile.Plan;
import io.switchboard.testing.EmulatedTenant;
import io.switchboard.testing.IntegrationTest;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** A sync cut off while reading or while writing leaves a consistent directory, and the next one converges. */
class CrashSafetyIT extends IntegrationTest {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withGeneratedTenant(3, 120);

    @Autowired
    SyncService sync;

    @Autowired
    SyncRuns runs;

    @Autowired
    PlanApplier applier;

    @Autowired
    TenantReader reader;

    @Autowired
    RuleSettings rules;

    @Autowired
    SyncedDirectory directory;

    @Autowired
    SyncJanitor janitor;

    @Autowired
    SyncProperties properties;

    @BeforeEach
    void connectAndConfigure(GraphEmulator emulator) {
        EmulatedTenant.connect(api, emulator);
        jdbc.sql("INSERT INTO sync_setting (name, document, updated_at) VALUES ('user-sync', ?, CURRENT_TIMESTAMP)")
                .param("{\"enabled\":true,\"associateByEmail\":true}")
                .update();
        jdbc.sql("INSERT INTO sync_setting (name, document, updated_at) VALUES ('group-sync', ?, CURRENT_TIMESTAMP)")
                .param("{\"enabled\":true}")
                .update();
    }

    private Plan planNow() {
        return PlanNow.of(reader, directory, rules, 1000);
    }

    private void assertConsistent() {
        List<Extension> all = directory.extensions();
        assertThat(new HashSet<>(all.stream().map(Extension::number).toList())).hasSize(all.size());
        List<String> sources =
                all.stream().filter(Extension::synced).map(Extension::sourceId).toList();
        assertThat(new HashSet<>(sources)).as("no user has two extensions").hasSize(sources.size());
    }

    @Test
    void aReadCutOffChangesNothingAndTheNextRunConverges(GraphEmulator emulator) {
        emulator.faults().status("^/v1\\.0/groups/delta", 1, 500, "InternalServerError", null);

        SyncRun cut = sync.runNow(SyncTrigger.SCHEDULE);

        assertThat(cut.state()).isEqualTo(RunState.FAILED);
        assertThat(directory.extensions()).isEmpty();
        SyncRun next = sync.runNow(SyncTrigger.SCHEDULE);
        assertThat(next.state()).isIn(RunState.SUCCEEDED, RunState.PARTIAL);
        Plan left = planNow();
        assertThat(left.isEmpty()).as(left.render()).isTrue();
        assertConsistent();
    }

    @Test
    void aRunKilledHalfWayThroughWritingIsFinishedByTheNextRun() {
        Plan plan = planNow();
        assertThat(plan.changes()).hasSizeGreaterThan(20);
        SyncRun killed = runs.start(SyncTrigger.SCHEDULE, SyncKind.FULL, "instance-that-dies")
                .run();
        Plan firstHalf = new Plan(plan.changes().subList(0, plan.changes().size() / 2), List.of(), List.of());
        applier.apply(killed.id(), firstHalf, false, true, true);
        assertConsistent();

        clock.advance(properties.abandonedAfter().plusSeconds(1));
        assertThat(runs.failAbandoned(properties.abandonedAfter())).isPresent();
        assertThat(runs.get(killed.id()).state()).isEqualTo(RunState.FAILED);

        SyncRun next = sync.runNow(SyncTrigger.SCHEDULE);

        assertThat(next.state()).isIn(RunState.SUCCEEDED, RunState.PARTIAL);
        assertThat(planNow().isEmpty()).as("the directory converged").isTrue();
        assertConsistent();
        assertThat(sync.runNow(SyncTrigger.SCHEDULE).counts().created()).isZero();
    }

    @Test
    void theJanitorRunsASyncWhoseInstanceDiedAgainWithItsTriggerAndTheDirectoryConverges_X6() {
        SyncRun cut = runs.start(SyncTrigger.MANUAL, SyncKind.FULL, "instance-that-dies")
                .run();
        assertThat(janitor.takeOverAbandonedRun())
                .as("a run still within its heartbeat is left alone")
                .isNull();

        clock.advance(properties.abandonedAfter().plusSeconds(1));
        SyncRun again = janitor.takeOverAbandonedRun();

        assertThat(runs.get(cut.id()).state()).isEqualTo(RunState.FAILED);
        assertThat(again).isNotNull();
        assertThat(again.id()).isNotEqualTo(cut.id());
        assertThat(again.trigger()).isEqualTo(SyncTrigger.MANUAL);
        await().atMost(Duration.ofSeconds(30)).until(() -> runs.get(again.id()).state() != RunState.RUNNING);
        assertThat(runs.get(again.id()).state()).isIn(RunState.SUCCEEDED, RunState.PARTIAL);
        assertThat(planNow().isEmpty()).as("the directory converged").isTrue();
        assertConsistent();
        assertThat(janitor.takeOverAbandonedRun())
                .as("nothing is left to take over")
                .isNull();
    }

    @Test
    void aSyncWhoseInstanceDiedWhileTheIntegrationIsDisabledIsEndedButNotRunAgain_X6() {
        SyncRun cut = runs.start(SyncTrigger.CHANGE, SyncKind.FULL, "instance-that-dies")
                .run();
        assertThat(api.post("/api/v1/integration/disable", "{}").status()).isIn(200, 204);

        clock.advance(properties.abandonedAfter().plusSeconds(1));

        assertThat(janitor.takeOverAbandonedRun()).isNull();
        assertThat(runs.get(cut.id()).state()).isEqualTo(RunState.FAILED);
        assertThat(runs.running()).as("the lock is free").isEmpty();
    }

    @Test
    void aRunTakenForDeadWritesNothingMoreWhenItsInstanceWakesUp_X6() {
        Plan plan = planNow();
        SyncRun paused = runs.start(SyncTrigger.SCHEDULE, SyncKind.FULL, "instance-that-froze")
                .run();
        clock.advance(properties.abandonedAfter().plusSeconds(1));
        assertThat(runs.failAbandoned(properties.abandonedAfter())).isPresent();
        SyncRun replacement = runs.start(SyncTrigger.SCHEDULE, SyncKind.FULL, "instance-that-took-over")
                .run();

        assertThatThrownBy(() -> applier.apply(paused.id(), plan, false, true, true))
                .isInstanceOf(SyncRuns.Superseded.class);

        assertThat(directory.extensions()).as("the frozen run wrote nothing").isEmpty();
        assertThat(runs.results(paused.id(), io.switchboard.shared.PageRequest.of(0, 10))
                        .total())
                .isZero();
        assertThat(runs.running().orElseThrow().id()).isEqualTo(replacement.id());
        applier.apply(replacement.id(), plan, false, true, true);
        assertThat(planNow().isEmpty()).as("the run holding the lock converges").isTrue();
        assertConsistent();
    }
}
