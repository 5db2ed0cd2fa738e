package io.switchboard.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.GraphEmulatorExtension;
import io.switchboard.emulator.RecordedRequest;
import io.switchboard.testing.EmulatedTenant;
import io.switchboard.testing.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A sync over a generated tenant of a few thousand users, observed while it runs (issue 15, X3, X4). */
class SyncAtScaleIT extends IntegrationTest {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withGeneratedTenant(15, 3_000);

    @Autowired
    SyncService sync;

    @Autowired
    SyncRuns runs;

    private GraphEmulator emulator;

    @BeforeEach
    void connect(GraphEmulator emulator) {
        this.emulator = emulator;
        EmulatedTenant.connect(api, emulator);
        api.patch("/api/v1/settings", "{\"extensionCapacity\":50000}");
        storeSyncSetting("user-sync", "{\"enabled\":true,\"range\":\"ALL\",\"deleteWhenAccount\":[\"DELETED\"]}");
        storeSyncSetting("group-sync", "{\"enabled\":true,\"range\":\"ALL\"}");
    }

    @Test
    void aRunningRunReportsItsProgressInItsResourceAndStoresItForOtherInstances_X4() {
        emulator.faults().delay("/v1\\.0/(users|groups)", 1_000, Duration.ofMillis(250));

        String id = sync.request(SyncTrigger.MANUAL).run().id().toString();

        List<JsonNode> seen = new ArrayList<>();
        List<String> stored = new ArrayList<>();
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    JsonNode run = api.get("/api/v1/sync-runs/" + id).body();
                    if (run.path("state").asString().equals("RUNNING")) {
                        seen.add(run.path("progress"));
                        String row = jdbc.sql("SELECT progress FROM sync_run WHERE id = ?")
                                .param(java.util.UUID.fromString(id))
                                .query(String.class)
                                .optional()
                                .orElse(null);
                        if (row != null) {
                            stored.add(row);
                        }
                        return false;
                    }
                    return true;
                });

        assertThat(seen).as("progress seen while the run ran").hasSizeGreaterThan(5);
        assertThat(seen).allSatisfy(p -> {
            assertThat(p.path("phase").asString()).isIn("READING", "PLANNING", "APPLYING");
            assertThat(p.has("pagesRead") && p.has("planned") && p.has("applied") && p.has("failed"))
                    .isTrue();
        });
        List<Integer> pages =
                seen.stream().map(p -> p.path("pagesRead").asInt()).toList();
        assertThat(pages).isSorted();
        assertThat(pages.get(pages.size() - 1))
                .as("pages read advanced while the run ran")
                .isGreaterThan(pages.get(0))
                .isGreaterThanOrEqualTo(10);
        assertThat(stored).as("the progress stored for the other instances").isNotEmpty();
        assertThat(stored.get(stored.size() - 1)).matches("(READING|PLANNING|APPLYING),[1-9][0-9]*,\\d+,\\d+,\\d+");
        JsonNode done = api.get("/api/v1/sync-runs/" + id).body();
        assertThat(done.path("state").asString()).isIn("SUCCEEDED", "PARTIAL");
        assertThat(done.path("progress").isNull() || done.path("progress").isMissingNode())
                .as("progress is reported only while the run runs")
                .isTrue();
    }

    @Test
    void aFirstFullSyncTakesTheDeltaBaselinesFirstThenListsTheTenantAndWalksNoDeltaPage_X3() {
        emulator.requestLog().clear();

        SyncRun run = sync.runNow(SyncTrigger.MANUAL);

        assertThat(run.kind()).isEqualTo(SyncKind.FULL);
        List<RecordedRequest> sent = emulator.requestLog().matching("^/v1\\.0/").stream()
                .filter(r -> !r.batchItem())
                .toList();
        List<RecordedRequest> delta =
                sent.stream().filter(r -> r.path().endsWith("/delta")).toList();
        assertThat(delta)
                .as("only the two baselines of the delta queries, no delta page walked")
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.target()).contains("deltatoken=latest"));
        int lastBaseline = Math.max(sent.indexOf(delta.get(0)), sent.indexOf(delta.get(1)));
        int firstListing = -1;
        for (int i = 0; i < sent.size(); i++) {
            if (sent.get(i).path().matches("/v1\\.0/(users|groups)")) {
                firstListing = i;
                break;
            }
        }
        assertThat(lastBaseline).as("the baselines come before the listing").isLessThan(firstListing);
        assertThat(sent.stream().filter(r -> r.path().matches("/v1\\.0/(users|groups)")))
                .allSatisfy(r -> assertThat(r.target()).containsAnyOf("$top=999", "%24top=999", "skiptoken"));
        int groups = emulator.tenant().groups().size();
        int minimum = 2 + (3_000 + 998) / 999 + (groups + 998) / 999 + (groups + 19) / 20;
        long largeGroupPages =
                sent.stream().filter(r -> r.path().endsWith("/members")).count();
        assertThat(sent.size() - largeGroupPages)
                .as(
                        "Graph requests of the full sync: %s",
                        sent.stream().map(RecordedRequest::target).toList())
                .isLessThanOrEqualTo(minimum);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM extension WHERE origin = 'MICROSOFT_365'")
                        .query(Long.class)
                        .single())
                .isGreaterThan(2_500);
    }

    @Test
    void aChangeMadeWhileTheTenantIsListedReachesTheDirectoryWithTheNextDelta_X3() {
        String early = emulator.tenant().users().stream()
                .map(u -> u.id())
                .min(String::compareTo)
                .orElseThrow();
        emulator.faults().delay("/v1\\.0/users\\?.*skiptoken", 1, Duration.ofSeconds(3));

        UUID id = sync.request(SyncTrigger.MANUAL).run().id();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> emulator.requestLog().matching("^/v1\\.0/users\\?").stream()
                        .anyMatch(r -> !r.target().contains("skiptoken")));
        emulator.tenant().updateUser(early, b -> b.jobTitle("Changed while listed"));
        await().atMost(Duration.ofSeconds(60)).until(() -> runs.get(id).state() != RunState.RUNNING);

        assertThat(jobTitle(early)).as("the user was listed before the change").isNotEqualTo("Changed while listed");

        SyncRun next = sync.runNow(SyncTrigger.CHANGE);

        assertThat(next.kind()).isEqualTo(SyncKind.DELTA);
        assertThat(jobTitle(early)).isEqualTo("Changed while listed");
    }

    /**
     * Issue 15 point 2: the mirror takes the users page by page while the listing goes on, each
     * page in a transaction of its own, with no delta links until the read is whole.
     */
    @Test
    void theMirrorTakesTheUsersWhileTheListingGoesOn_X3() {
        emulator.faults().delay("/v1\\.0/users\\?.*skiptoken", 2, Duration.ofSeconds(2));

        UUID id = sync.request(SyncTrigger.MANUAL).run().id();

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> mirrorUsers() == 999);
        assertThat(runs.get(id).state()).as("the listing still goes on").isEqualTo(RunState.RUNNING);
        assertThat(mirrorLinks()).as("no delta link while the copy is partial").isZero();
        await().atMost(Duration.ofSeconds(60)).until(() -> runs.get(id).state() != RunState.RUNNING);
        assertThat(runs.get(id).state()).isIn(RunState.SUCCEEDED, RunState.PARTIAL);
        assertThat(mirrorUsers()).isEqualTo(emulator.tenant().userCount());
        assertThat(mirrorLinks()).isEqualTo(2);
    }

    /**
     * A listing that fails partway leaves the mirror without delta links, so the partial copy is
     * never planned from: the next run reads the whole tenant again. The groups and their members,
     * which change notifications are weighed against, stay as the last whole read left them.
     */
    @Test
    void aListingThatFailsPartwayLeavesNoDeltaLinksAndTheNextRunReadsTheWholeTenant_X3() {
        sync.runNow(SyncTrigger.MANUAL);
        long groups = count("entra_group");
        long members = count("entra_group_member");
        String someone = emulator.tenant().users().get(0).id();
        emulator.tenant().updateUser(someone, b -> b.jobTitle("Renamed meanwhile"));
        jdbc.sql("DELETE FROM tenant_mirror_state").update();
        emulator.faults().status("/v1\\.0/users\\?.*skiptoken", 2, 400, "BadRequest", null);

        SyncRun failed = sync.runNow(SyncTrigger.MANUAL);

        assertThat(failed.state()).isEqualTo(RunState.FAILED);
        assertThat(mirrorUsers())
                .as("the first page, kept before the listing failed")
                .isEqualTo(999);
        assertThat(mirrorLinks()).isZero();
        assertThat(count("entra_group")).isEqualTo(groups);
        assertThat(count("entra_group_member")).isEqualTo(members);
        emulator.faults().clear();

        SyncRun next = sync.runNow(SyncTrigger.MANUAL);

        assertThat(next.kind()).isEqualTo(SyncKind.FULL);
        assertThat(mirrorUsers()).isEqualTo(emulator.tenant().userCount());
        assertThat(mirrorDocument(someone)).contains("Renamed meanwhile");
        assertThat(jobTitle(someone)).isEqualTo("Renamed meanwhile");
        assertThat(mirrorLinks()).isEqualTo(2);
    }

    @Test
    void aListingStartedAgainWithARenewedAccessTokenKeepsEachUserOnce_X3() {
        emulator.faults().status("/v1\\.0/users\\?.*skiptoken", 1, 401, "InvalidAuthenticationToken", null);

        SyncRun run = sync.runNow(SyncTrigger.MANUAL);

        assertThat(run.state()).isIn(RunState.SUCCEEDED, RunState.PARTIAL);
        assertThat(emulator.requestLog().matching("^/v1\\.0/users\\?").stream()
                        .filter(r -> !r.target().contains("skiptoken"))
                        .count())
                .as("the listing started again from its first page")
                .isEqualTo(2);
        assertThat(mirrorUsers()).isEqualTo(emulator.tenant().userCount());
    }

    private long mirrorUsers() {
        return count("entra_user");
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    /** How many of the two delta links the mirror holds. */
    private long mirrorLinks() {
        return jdbc.sql("SELECT COUNT(*) FROM tenant_mirror_state WHERE name IN (?, ?)")
                .params(TenantMirror.USERS_DELTA, TenantMirror.GROUPS_DELTA)
                .query(Long.class)
                .single();
    }

    private String mirrorDocument(String id) {
        return jdbc.sql("SELECT document FROM entra_user WHERE id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    private String jobTitle(String sourceId) {
        return jdbc.sql("SELECT job_title FROM extension WHERE source_id = ?")
                .param(sourceId)
                .query(String.class)
                .optional()
                .orElse(null);
    }
}
