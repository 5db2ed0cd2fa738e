package io.switchboard.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.directory.Extension;
import io.switchboard.directory.ExtensionInput;
import io.switchboard.directory.SyncedDirectory;
import io.switchboard.reconcile.Action;
import io.switchboard.reconcile.ObjectType;
import io.switchboard.shared.ProblemCode;
import io.switchboard.testing.Api.Answer;
import io.switchboard.testing.IntegrationTest;
import io.switchboard.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SyncRunHistoryIT extends IntegrationTest {

    @Autowired
    SyncRuns runs;

    @Autowired
    HeldDeletions held;

    @Autowired
    SyncedDirectory directory;

    @Autowired
    DataSource dataSource;

    private static SyncResult result(String name, Outcome outcome, String code) {
        return new SyncResult(
                ObjectType.EXTENSION,
                "src-" + name,
                name,
                Action.CREATE,
                outcome,
                code == null ? null : ProblemCode.valueOf(code),
                "because " + name);
    }

    @Test
    void neverTwoRunsAtOnce_M3() {
        SyncRuns.Start first = runs.start(SyncTrigger.MANUAL, SyncKind.FULL, "test");
        SyncRuns.Start second = runs.start(SyncTrigger.SCHEDULE, SyncKind.DELTA, "test");

        assertThat(first.started()).isTrue();
        assertThat(second.started()).isFalse();
        assertThat(second.run().id()).isEqualTo(first.run().id());

        runs.finish(first.run().id(), null);
        assertThat(runs.start(SyncTrigger.SCHEDULE, SyncKind.DELTA, "test").started())
                .isTrue();
    }

    @Test
    void runRecordsCountsAndEveryResultWithItsReason_U8_X4() {
        SyncRun run = runs.start(SyncTrigger.INITIAL, SyncKind.FULL, "test").run();
        assertThat(run.state()).isEqualTo(RunState.RUNNING);
        assertThat(run.finishedAt()).isNull();

        runs.record(
                run.id(),
                List.of(
                        result("Ann", Outcome.CREATED, null),
                        result("Bob", Outcome.FAILED, "EMAIL_TAKEN"),
                        result("=cmd|' /C calc'!A0", Outcome.UNCHANGED, null)));
        runs.record(run.id(), List.of(result("Cy", Outcome.HELD, null)));
        clock.advance(Duration.ofSeconds(3));
        SyncRun done = runs.finish(run.id(), null);

        assertThat(done.state()).isEqualTo(RunState.PARTIAL);
        assertThat(done.counts()).isEqualTo(new Counts(1, 0, 0, 1, 1, 1));
        assertThat(Duration.between(done.startedAt(), done.finishedAt())).isEqualTo(Duration.ofSeconds(3));

        Answer listed = api.get("/api/v1/sync-runs");
        assertThat(listed.body().path("items").get(0).path("trigger").asString())
                .isEqualTo("INITIAL");
        assertThat(listed.body()
                        .path("items")
                        .get(0)
                        .path("counts")
                        .path("failed")
                        .asInt())
                .isEqualTo(1);

        Answer results = api.get("/api/v1/sync-runs/" + run.id() + "/results?size=2");
        assertThat(results.body().path("total").asInt()).isEqualTo(4);
        assertThat(results.body().path("items").get(1).path("code").asString()).isEqualTo("EMAIL_TAKEN");
        assertThat(results.body().path("items").get(1).path("reason").asString())
                .isEqualTo("because Bob");

        Answer csv = api.get("/api/v1/sync-runs/" + run.id() + "/export?format=csv");
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("sync-run-" + run.id() + ".csv");
        assertThat(csv.raw().body())
                .startsWith("\uFEFFobjectType,sourceId,displayName,action,outcome,code,reason,owner\r\n")
                .contains("EXTENSION,src-Bob,Bob,CREATE,FAILED,EMAIL_TAKEN,because Bob,\r\n")
                .contains(",'=cmd|' /C calc'!A0,");

        Answer json = api.get("/api/v1/sync-runs/" + run.id() + "/export?format=json");
        assertThat(json.body().path("run").path("state").asString()).isEqualTo("PARTIAL");
        assertThat(json.body().path("results").size()).isEqualTo(4);
        assertThat(api.get("/api/v1/sync-runs/" + run.id() + "/export?format=xml")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void runsAreListedNewestFirst_X4() {
        SyncRun older = runs.start(SyncTrigger.SCHEDULE, SyncKind.FULL, "t").run();
        runs.finish(older.id(), null);
        clock.advance(Duration.ofMinutes(1));
        SyncRun newer = runs.start(SyncTrigger.CHANGE, SyncKind.DELTA, "t").run();
        runs.finish(newer.id(), "Microsoft Graph could not be read.");

        Answer listed = api.get("/api/v1/sync-runs");

        assertThat(listed.body().path("items").get(0).path("id").asString())
                .isEqualTo(newer.id().toString());
        assertThat(listed.body().path("items").get(0).path("state").asString()).isEqualTo("FAILED");
        assertThat(listed.body().path("items").get(1).path("state").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void aRunWhoseInstanceDiedEndsFailedAndFreesTheLock_X6() {
        SyncRun run =
                runs.start(SyncTrigger.SCHEDULE, SyncKind.FULL, "dead-instance").run();

        assertThat(runs.failAbandoned(Duration.ofMinutes(2))).isEmpty();
        clock.advance(Duration.ofMinutes(3));
        assertThat(runs.failAbandoned(Duration.ofMinutes(2))).map(SyncRun::id).contains(run.id());
        assertThat(runs.failAbandoned(Duration.ofMinutes(2)))
                .as("a second janitor finds nothing left to end")
                .isEmpty();

        assertThat(runs.get(run.id()).state()).isEqualTo(RunState.FAILED);
        assertThat(runs.get(run.id()).error()).contains("stopped");
        assertThat(runs.start(SyncTrigger.MANUAL, SyncKind.FULL, "live").started())
                .isTrue();
    }

    @Test
    void ofTwoJanitorsEndingTheSameDeadRunAtOnceExactlyOneGetsIt_X6() throws Exception {
        assumeTrue(TestDatabase.postgres(), "row locks between connections are what PostgreSQL instances share");
        SyncRun run =
                runs.start(SyncTrigger.MANUAL, SyncKind.FULL, "dead-instance").run();
        clock.advance(Duration.ofMinutes(3));

        List<Optional<SyncRun>> ended = whileTheRunRowIsLocked(run, 2, blocker -> {});

        assertThat(ended).filteredOn(Optional::isPresent).hasSize(1);
        assertThat(runs.get(run.id()).state()).isEqualTo(RunState.FAILED);
        assertThat(runs.running()).isEmpty();
    }

    @Test
    void aRunWhoseHeartbeatComesBackWhileAJanitorEndsItGoesOn_X6() throws Exception {
        assumeTrue(TestDatabase.postgres(), "row locks between connections are what PostgreSQL instances share");
        SyncRun run =
                runs.start(SyncTrigger.MANUAL, SyncKind.FULL, "slow-instance").run();
        clock.advance(Duration.ofMinutes(3));

        List<Optional<SyncRun>> ended = whileTheRunRowIsLocked(run, 1, blocker -> {
            try (PreparedStatement beat =
                    blocker.prepareStatement("UPDATE sync_run SET heartbeat_at = ? WHERE id = ?")) {
                beat.setObject(1, clock.instant().atOffset(ZoneOffset.UTC));
                beat.setObject(2, run.id());
                beat.executeUpdate();
            }
        });

        assertThat(ended).containsExactly(Optional.empty());
        assertThat(runs.get(run.id()).state()).isEqualTo(RunState.RUNNING);
        assertThat(runs.running()).map(SyncRun::id).contains(run.id());
    }

    /** What the running run's row lets one transaction do before it commits, seen from another connection. */
    interface Blocker {
        void accept(Connection connection) throws SQLException;
    }

    /**
     * Holds the run's row locked in a transaction of its own until {@code janitors} calls of
     * {@link SyncRuns#failAbandoned} have found the run and wait for the row, then does
     * {@code meanwhile} and commits; what each call returned.
     */
    private List<Optional<SyncRun>> whileTheRunRowIsLocked(SyncRun run, int janitors, Blocker meanwhile)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(janitors);
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (PreparedStatement lock = blocker.prepareStatement("SELECT id FROM sync_run WHERE id = ? FOR UPDATE")) {
                lock.setObject(1, run.id());
                lock.executeQuery().close();
            }
            List<Future<Optional<SyncRun>>> calls = new ArrayList<>();
            for (int i = 0; i < janitors; i++) {
                calls.add(pool.submit(() -> runs.failAbandoned(Duration.ofMinutes(2))));
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(
                            () -> jdbc.sql("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
                                            + " AND wait_event_type = 'Lock'")
                                    .query(Long.class)
                                    .single(),
                            waiting -> waiting == janitors);
            meanwhile.accept(blocker);
            blocker.commit();
            List<Optional<SyncRun>> ended = new ArrayList<>();
            for (Future<Optional<SyncRun>> call : calls) {
                ended.add(call.get(10, TimeUnit.SECONDS));
            }
            return ended;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void heldDeletionsAreListedAndApprovedOrDiscarded_X2() {
        SyncRun run = runs.start(SyncTrigger.SCHEDULE, SyncKind.FULL, "t").run();
        Extension a =
                directory.upsertExtension("ua", new ExtensionInput("1001", "A", null, null, null, null, null), false);
        Extension b =
                directory.upsertExtension("ub", new ExtensionInput("1002", "B", null, null, null, null, null), false);
        held.hold(run.id(), HeldDeletions.EXTENSION, a.id(), "ua", "1001 A");
        held.hold(run.id(), HeldDeletions.EXTENSION, b.id(), "ub", "1002 B");
        held.hold(run.id(), HeldDeletions.EXTENSION, b.id(), "ub", "1002 B");

        Answer listed = api.get("/api/v1/integration/held-deletions");
        assertThat(listed.body().path("items").size()).isEqualTo(2);
        String heldA = listed.body()
                .path("items")
                .valueStream()
                .filter(i -> i.path("extensionId").asString().equals(a.id().toString()))
                .findFirst()
                .orElseThrow()
                .path("id")
                .asString();

        Answer approved = api.post("/api/v1/integration/held-deletions/approve", "{\"ids\":[\"" + heldA + "\"]}");
        assertThat(approved.body().path("items").size()).isEqualTo(1);
        assertThat(api.get("/api/v1/extensions/" + a.id()).status()).isEqualTo(404);

        Answer discarded = api.post("/api/v1/integration/held-deletions/discard", "{}");
        assertThat(discarded.body().path("items").size()).isEqualTo(1);
        assertThat(api.get("/api/v1/extensions/" + b.id()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/integration/held-deletions")
                        .body()
                        .path("items")
                        .isEmpty())
                .isTrue();
    }

    @Test
    void heldDeletionsWaitWhileTheIntegrationIsDisabled_X2_M6() {
        SyncRun run = runs.start(SyncTrigger.SCHEDULE, SyncKind.FULL, "t").run();
        Extension a =
                directory.upsertExtension("ua", new ExtensionInput("1001", "A", null, null, null, null, null), false);
        held.hold(run.id(), HeldDeletions.EXTENSION, a.id(), "ua", "1001 A");
        assertThat(api.post("/api/v1/integration/disable", "{}").status()).isEqualTo(200);

        Answer refused = api.post("/api/v1/integration/held-deletions/approve", "{}");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("INTEGRATION_DISABLED");
        assertThat(api.get("/api/v1/extensions/" + a.id()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/integration/held-deletions")
                        .body()
                        .path("items")
                        .size())
                .isEqualTo(1);
        assertThat(api.post("/api/v1/integration/enable", null).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/integration/held-deletions/approve", "{}").status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/extensions/" + a.id()).status()).isEqualTo(404);
    }
}
