package io.switchboard.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.GraphEmulatorExtension;
import io.switchboard.testing.EmulatedTenant;
import io.switchboard.testing.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The cost of a delta sync follows the number of changes, not the size of the tenant (X3): after
 * 10 changes in a generated tenant of 2,000 users, the delta run sends at most 5 Graph requests (the
 * emulator's log), writes exactly the changed objects and records results only for the objects its
 * delta touched and the groups that have one of them as a member (ADR 0015); after a run that left
 * the directory in step, the next delta plans only what it touched (issue 15 point 6). {@code DeltaAtScaleBenchmark} measures the
 * same at 20,000 users, outside the default suite.
 */
class DeltaCostIT extends IntegrationTest {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withGeneratedTenant(21, 2_000);

    @Autowired
    SyncService sync;

    @Autowired
    SyncRuns runs;

    @Test
    void aDeltaSyncAfterTenChangesSendsAtMostFiveRequestsAndWritesAndRecordsOnlyThoseObjects_X3_X4(
            GraphEmulator emulator) {
        EmulatedTenant.connect(api, emulator);
        api.patch("/api/v1/settings", "{\"extensionCapacity\":50000}");
        storeSyncSetting("user-sync", "{\"enabled\":true,\"range\":\"ALL\",\"deleteWhenAccount\":[\"DELETED\"]}");
        storeSyncSetting("group-sync", "{\"enabled\":true,\"range\":\"ALL\"}");
        SyncRun full = sync.runNow(SyncTrigger.MANUAL);
        assertThat(full.kind()).isEqualTo(SyncKind.FULL);
        assertThat(full.counts().created()).isGreaterThan(1_500);

        List<String> synced = jdbc.sql("SELECT source_id FROM extension WHERE origin = 'MICROSOFT_365' ORDER BY number")
                .query(String.class)
                .list();
        String leaver = synced.stream()
                .filter(id -> emulator.tenant().memberOf(id).isEmpty())
                .findFirst()
                .orElseThrow();
        List<String> changed =
                synced.stream().filter(id -> !id.equals(leaver)).limit(8).toList();
        for (int i = 0; i < changed.size(); i++) {
            String title = "Delta title " + i;
            emulator.tenant().updateUser(changed.get(i), b -> b.jobTitle(title));
        }
        emulator.tenant().deleteUser(leaver);
        String joiner = emulator.tenant()
                .createUser(b -> b.displayName("Newcomer Delta")
                        .givenName("Newcomer")
                        .surname("Delta")
                        .mail("newcomer.delta@delta-cost.example"))
                .id();
        Set<String> touched = new HashSet<>(changed);
        touched.add(leaver);
        touched.add(joiner);
        assertThat(touched).hasSize(10);

        clock.advance(Duration.ofMinutes(5));
        Instant beforeDelta = clock.instant();
        emulator.requestLog().clear();

        SyncRun delta = sync.runNow(SyncTrigger.CHANGE);

        assertThat(delta.kind()).isEqualTo(SyncKind.DELTA);
        assertThat(emulator.requestLog().count("^/v1\\.0/"))
                .as("Graph requests of the delta run: %s", emulator.requestLog().matching("^/v1\\.0/"))
                .isLessThanOrEqualTo(5);
        assertThat(delta.counts().updated()).isEqualTo(8);
        assertThat(delta.counts().created()).isEqualTo(1);
        assertThat(delta.counts().deleted()).isEqualTo(1);
        assertThat(runs.allResults(delta.id()).stream()
                        .filter(r -> r.outcome() != Outcome.UNCHANGED && r.outcome() != Outcome.FAILED)
                        .map(SyncResult::sourceId)
                        .collect(Collectors.toSet()))
                .as("the objects the run changed")
                .isEqualTo(touched);
        Set<String> groupsOfTouched = new HashSet<>();
        touched.forEach(id -> groupsOfTouched.addAll(emulator.tenant().memberOf(id)));
        Set<String> recorded = new HashSet<>(touched);
        recorded.addAll(groupsOfTouched);
        List<SyncResult> results = runs.allResults(delta.id());
        assertThat(results.stream().map(SyncResult::sourceId).collect(Collectors.toSet()))
                .as("a delta run records results only for what its delta touched, not for the ~1,990 others")
                .isEqualTo(recorded);
        assertThat(results).hasSize(recorded.size());
        assertThat(delta.counts().unchanged() + delta.counts().failed())
                .as("unchanged counts only touched objects that needed no change: here the groups of the changed users")
                .isEqualTo(groupsOfTouched.size());
        assertThat(jdbc.sql("SELECT source_id FROM extension WHERE updated_at >= ?")
                        .param(beforeDelta.atOffset(ZoneOffset.UTC))
                        .query(String.class)
                        .set())
                .as("the extension rows the run wrote")
                .containsExactlyInAnyOrderElementsOf(
                        touched.stream().filter(id -> !id.equals(leaver)).toList());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM extension WHERE source_id = ?")
                        .param(leaver)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM extension_group WHERE updated_at >= ?")
                        .param(beforeDelta.atOffset(ZoneOffset.UTC))
                        .query(Long.class)
                        .single())
                .as("no group changed, so no group row is written")
                .isZero();

        String drifted =
                synced.stream().filter(id -> !touched.contains(id)).findFirst().orElseThrow();
        jdbc.sql("UPDATE extension SET job_title = 'Drifted' WHERE source_id = ?")
                .param(drifted)
                .update();
        String renamed = changed.get(0);
        emulator.tenant().updateUser(renamed, b -> b.jobTitle("Focused title"));
        clock.advance(Duration.ofMinutes(5));

        SyncRun focused = sync.runNow(SyncTrigger.CHANGE);

        assertThat(focused.kind()).isEqualTo(SyncKind.DELTA);
        assertThat(runs.allResults(focused.id()).stream()
                        .filter(r -> r.outcome() == Outcome.UPDATED)
                        .map(SyncResult::sourceId)
                        .toList())
                .as("after a run that left the directory in step, a delta plans only what it touched (ADR 0015)")
                .containsExactly(renamed);
        assertThat(jdbc.sql("SELECT job_title FROM extension WHERE source_id = ?")
                        .param(drifted)
                        .query(String.class)
                        .single())
                .as("an untouched extension is not planned by a focused delta")
                .isEqualTo("Drifted");
        assertThat(sync.preview().changes().stream().map(c -> c.sourceId()).toList())
                .as("a plan of the whole tenant sees it")
                .containsExactly(drifted);

        String largest = jdbc.sql("SELECT g.source_id FROM extension_group g"
                        + " JOIN extension_group_member m ON m.group_id = g.id"
                        + " WHERE g.origin = 'MICROSOFT_365' GROUP BY g.source_id ORDER BY COUNT(*) DESC, g.source_id")
                .query(String.class)
                .list()
                .get(0);
        assertThat(api.post("/api/v1/extensions", "{\"number\":\"99999\",\"firstName\":\"Local\"}")
                        .status())
                .isEqualTo(201);
        jdbc.sql("INSERT INTO extension_group_member (group_id, extension_id) SELECT g.id, e.id"
                        + " FROM extension_group g, extension e WHERE g.source_id = ? AND e.number = '99999'")
                .param(largest)
                .update();
        long members = groupMembers(largest);
        String hire = emulator.tenant()
                .createUser(b -> b.displayName("Joiner Delta").mail("joiner.delta@delta-cost.example"))
                .id();
        emulator.tenant().addMember(largest, hire);
        clock.advance(Duration.ofMinutes(5));

        SyncRun joined = sync.runNow(SyncTrigger.CHANGE);

        assertThat(joined.kind()).isEqualTo(SyncKind.DELTA);
        assertThat(runs.allResults(joined.id()).stream()
                        .filter(r -> largest.equals(r.sourceId()))
                        .map(SyncResult::reason))
                .as("a user joining a group of %s members moves that one member in (G4, issue 15 point 6)", members)
                .singleElement()
                .asString()
                .contains("\"" + members + " members\" → \"" + (members + 1) + " members\"");
        assertThat(groupMembers(largest))
                .as("the other members are left as they are, even one placed there behind the sync's back")
                .isEqualTo(members + 1);
        assertThat(sync.preview().changes().stream().map(c -> c.sourceId()).toList())
                .as("which a plan of the whole tenant takes out")
                .contains(largest);
    }

    private long groupMembers(String sourceId) {
        return jdbc.sql("SELECT COUNT(*) FROM extension_group_member m JOIN extension_group g ON g.id = m.group_id"
                        + " WHERE g.source_id = ?")
                .param(sourceId)
                .query(Long.class)
                .single();
    }
}
