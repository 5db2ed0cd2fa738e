package io.switchboard.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.switchboard.directory.SyncedDirectory;
import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.GraphEmulatorExtension;
import io.switchboard.entra.TenantReader;
import io.switchboard.reconcile.Plan;
import io.switchboard.testing.Api.Answer;
import io.switchboard.testing.EmulatedTenant;
import io.switchboard.testing.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.test.context.TestPropertySource;

/**
 * A first sync's new extensions written by several transactions side by side, with batches small
 * enough for a few hundred users to make several waves (ADR 0015): the run does what its preview
 * said, in the preview's order, each extension once (X2, U11).
 */
@TestPropertySource(properties = {"switchboard.sync.apply-batch=40", "switchboard.sync.apply-workers=3"})
@ExtendWith(OutputCaptureExtension.class)
class SideBySideApplyIT extends IntegrationTest {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withGeneratedTenant(21, 900);

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
    SyncProperties properties;

    private Plan planNow() {
        return PlanNow.of(reader, directory, rules, 50_000);
    }

    @BeforeEach
    void connect(GraphEmulator emulator) {
        EmulatedTenant.connect(api, emulator);
        api.patch("/api/v1/settings", "{\"extensionCapacity\":50000}");
        storeSyncSetting("user-sync", "{\"enabled\":true,\"range\":\"ALL\",\"sendWelcomeEmail\":true}");
    }

    /**
     * Leaves no welcome mail to dispatch behind (there is no SMTP server here): the dispatcher's
     * queued work would otherwise still run while the test database stops with the JVM.
     */
    @AfterEach
    void noWelcomeLeftToDispatch(@Autowired ThreadPoolTaskExecutor applicationTaskExecutor) {
        jdbc.sql("DELETE FROM welcome_mail").update();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> applicationTaskExecutor.getActiveCount() == 0
                        && applicationTaskExecutor
                                .getThreadPoolExecutor()
                                .getQueue()
                                .isEmpty());
    }

    @Test
    void aFirstSyncWritesItsNewExtensionsSideBySideAsItsPreviewSaidInThePreviewsOrder_X2_U11(CapturedOutput output) {
        Answer preview = api.post("/api/v1/integration/sync?dryRun=true", null);
        assertThat(preview.status()).isEqualTo(200);
        List<String> planned = preview.body()
                .path("changes")
                .valueStream()
                .filter(c -> c.path("action").asString().equals("CREATE_EXTENSION"))
                .map(c -> c.path("sourceId").asString())
                .toList();
        assertThat(planned).as("enough new extensions for several waves").hasSizeGreaterThan(700);

        SyncRun run = sync.runNow(SyncTrigger.MANUAL);

        assertThat(output).contains("new extensions in 3 transactions side by side");
        assertThat(run.counts().created()).isEqualTo(planned.size());
        assertThat(run.counts().failed())
                .as("only the users the preview said cannot be synced fail")
                .isEqualTo(preview.body().path("failures").size());
        List<String> recorded = jdbc.sql("SELECT source_id FROM sync_result WHERE run_id = ? AND action = 'CREATE'"
                        + " AND object_type = 'EXTENSION' ORDER BY seq")
                .param(run.id())
                .query(String.class)
                .list();
        assertThat(recorded)
                .as("each new extension's result once, in the preview's order")
                .containsExactlyElementsOf(planned);
        List<Integer> positions = jdbc.sql("SELECT seq FROM sync_result WHERE run_id = ? ORDER BY seq")
                .param(run.id())
                .query(Integer.class)
                .list();
        assertThat(positions)
                .as("the results' positions, set aside in the plan's order, leave no gap")
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, positions.size()).boxed().toList());
        List<Long> numbers = jdbc.sql("SELECT CAST(e.number AS BIGINT) FROM sync_result r"
                        + " JOIN extension e ON e.source_id = r.source_id"
                        + " WHERE r.run_id = ? AND r.action = 'CREATE' ORDER BY r.seq")
                .param(run.id())
                .query(Long.class)
                .list();
        assertThat(numbers)
                .as("U11: auto numbers follow the plan's order (oldest account first), whichever batch committed first")
                .hasSize(planned.size())
                .isSorted()
                .doesNotHaveDuplicates();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM extension WHERE origin = 'MICROSOFT_365'")
                        .query(Long.class)
                        .single())
                .isEqualTo(planned.size());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM welcome_mail w JOIN extension e ON e.id = w.extension_id"
                                + " WHERE e.origin = 'MICROSOFT_365'")
                        .query(Long.class)
                        .single())
                .as("one welcome per new extension, queued with it")
                .isEqualTo(planned.size());

        SyncRun again = sync.runNow(SyncTrigger.MANUAL);

        assertThat(again.counts().created()).as("nothing left to create").isZero();
        assertThat(again.kind()).isEqualTo(SyncKind.DELTA);
    }

    /**
     * U10: a wave that no longer fits in the capacity when it is written (an administrator lowered
     * it after the plan was made) is written one batch after the other, each checked: the
     * extensions up to the capacity are created and the others fail with their reason.
     */
    @Test
    void aWaveThatNoLongerFitsIsWrittenOneBatchAfterTheOtherAndTheRestFail_U10() {
        Plan plan = planNow();
        long creates = plan.changes().stream()
                .filter(c -> c instanceof io.switchboard.reconcile.Change.CreateExtension)
                .count();
        assertThat(creates).isGreaterThan(700);
        jdbc.sql("UPDATE pbx_settings SET extension_capacity = 100 WHERE id = 1")
                .update();
        SyncRun run =
                runs.start(SyncTrigger.MANUAL, SyncKind.FULL, "this-instance").run();

        applier.apply(run.id(), plan, false, true, true);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM extension").query(Long.class).single())
                .isEqualTo(100);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sync_result WHERE run_id = ? AND code = 'CAPACITY_REACHED'")
                        .param(run.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(creates - 100);
    }

    /** X6: a run taken for dead writes nothing in a wave either: the wave's transaction fences it. */
    @Test
    void aRunTakenForDeadWritesNoWave_X6() {
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
        applier.apply(replacement.id(), plan, false, true, true);
        assertThat(planNow().isEmpty()).as("the run holding the lock converges").isTrue();
    }
}
