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

    @Test
    void aListingThatFailsPartwayLeavesTheMirrorAsTheLastWholeReadLeftIt_X3() {
        sync.runNow(SyncTrigger.MANUAL);
        long before = mirrorUsers();
        String someone = emulator.tenant().users().get(0).id();
        String document = mirrorDocument(someone);
        emulator.tenant().updateUser(someone, b -> b.jobTitle("Renamed meanwhile"));
        jdbc.sql("DELETE FROM tenant_mirror_state").update();
        emulator.faults().status("/v1\\.0/users\\?.*skiptoken", 2, 400, "BadRequest", null);

        SyncRun failed = sync.runNow(SyncTrigger.MANUAL);

        assertThat(failed.state()).isEqualTo(RunState.FAILED);
        assertThat(emulator.requestLog().matching("^/v1\\.0/users\\?").size())
                .as("the first page of users was read before the listing failed")
                .isGreaterThanOrEqualTo(2);
        assertThat(mirrorUsers()).isEqualTo(before);
        assertThat(mirrorDocument(someone)).isEqualTo(document);
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
        return jdbc.sql("SELECT COUNT(*) FROM entra_user").query(Long.class).single();
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
