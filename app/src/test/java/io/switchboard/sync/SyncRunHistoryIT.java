package io.switchboard.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.directory.Extension;
import io.switchboard.directory.ExtensionInput;
import io.switchboard.directory.SyncedDirectory;
import io.switchboard.testing.Api.Answer;
import io.switchboard.testing.IntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SyncRunHistoryIT extends IntegrationTest {

    @Autowired
    SyncRuns runs;

    @Autowired
    HeldDeletions held;

    @Autowired
    SyncedDirectory directory;

    private static SyncResult result(String name, Outcome outcome, String code) {
        return new SyncResult("EXTENSION", "src-" + name, name, "CREATE", outcome, code, "because " + name);
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
                .startsWith("objectType,sourceId,displayName,action,outcome,code,reason\r\n")
                .contains("EXTENSION,src-Bob,Bob,CREATE,FAILED,EMAIL_TAKEN,because Bob\r\n")
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

        assertThat(runs.failAbandoned(Duration.ofMinutes(2))).isFalse();
        clock.advance(Duration.ofMinutes(3));
        assertThat(runs.failAbandoned(Duration.ofMinutes(2))).isTrue();

        assertThat(runs.get(run.id()).state()).isEqualTo(RunState.FAILED);
        assertThat(runs.get(run.id()).error()).contains("stopped");
        assertThat(runs.start(SyncTrigger.MANUAL, SyncKind.FULL, "live").started())
                .isTrue();
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
}
