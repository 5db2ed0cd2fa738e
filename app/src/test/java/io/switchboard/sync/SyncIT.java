package io.switchboard.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.GraphEmulatorExtension;
import io.switchboard.testing.Api.Answer;
import io.switchboard.testing.EmulatedTenant;
import io.switchboard.testing.IntegrationTest;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** User and group sync end to end against the emulated tenant, through the public API (U1–U8, G1–G5, X1–X3). */
class SyncIT extends IntegrationTest {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withEmptyTenant();

    @Autowired
    SyncService sync;

    @Autowired
    SyncRuns runs;

    private GraphEmulator emulator;

    @BeforeEach
    void connect(GraphEmulator emulator) {
        this.emulator = emulator;
        EmulatedTenant.connectEmpty(api, emulator);
    }

    private String user(String given, String surname, String mail) {
        return emulator.tenant()
                .createUser(b -> b.displayName(given + " " + surname)
                        .givenName(given)
                        .surname(surname)
                        .mail(mail))
                .id();
    }

    private JsonNode awaitRun() {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode items = api.get("/api/v1/sync-runs").body().path("items");
            return !items.isEmpty() && !items.get(0).path("state").asString().equals("RUNNING");
        });
        return api.get("/api/v1/sync-runs").body().path("items").get(0);
    }

    /** Waits until {@code total} runs exist and none is running; returns the newest. */
    private JsonNode awaitRuns(int total) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode page = api.get("/api/v1/sync-runs").body();
            return page.path("total").asInt() >= total
                    && !page.path("items").get(0).path("state").asString().equals("RUNNING");
        });
        JsonNode page = api.get("/api/v1/sync-runs").body();
        assertThat(page.path("total").asInt()).as("runs recorded").isEqualTo(total);
        return page.path("items").get(0);
    }

    private Map<String, JsonNode> extensionsBySource() {
        return api.get("/api/v1/extensions?size=200")
                .body()
                .path("items")
                .valueStream()
                .filter(e -> e.path("origin").asString().equals("MICROSOFT_365"))
                .collect(Collectors.toMap(e -> e.path("sourceId").asString(), e -> e));
    }

    @Test
    void theFirstSaveRunsTheInitialSyncAndUsersBecomeExtensions_U1_U7_U8() {
        String alice = user("Alice", "Smith", "alice@contoso.example");
        String bob = user("Bob", "Jones", "bob@contoso.example");

        Answer saved = api.put(
                "/api/v1/integration/user-sync", "{\"enabled\":true,\"range\":\"ALL\",\"startNumber\":\"2000\"}");

        assertThat(saved.status()).as(saved.raw().body()).isEqualTo(200);
        JsonNode run = awaitRun();
        assertThat(run.path("trigger").asString()).isEqualTo("INITIAL");
        assertThat(run.path("state").asString()).isIn("SUCCEEDED", "PARTIAL");
        Map<String, JsonNode> synced = extensionsBySource();
        assertThat(synced).containsKeys(alice, bob);
        assertThat(synced.get(alice).path("number").asString()).startsWith("200");
        assertThat(synced.get(alice).path("label").asString()).isEqualTo("Synced from Microsoft 365");
        assertThat(run.path("counts").path("created").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(api.get("/api/v1/sync-runs/" + run.path("id").asString() + "/results")
                        .body()
                        .path("items")
                        .size())
                .isGreaterThanOrEqualTo(2);
    }

    /** Saves both sync settings without the initial run, so a test decides when runs happen. */
    private void settings(String userSync, String groupSync) {
        jdbc.sql("DELETE FROM sync_setting WHERE name IN ('user-sync', 'group-sync')")
                .update();
        jdbc.sql("INSERT INTO sync_setting (name, document, updated_at) VALUES ('user-sync', ?, CURRENT_TIMESTAMP)")
                .param(userSync)
                .update();
        jdbc.sql("INSERT INTO sync_setting (name, document, updated_at) VALUES ('group-sync', ?, CURRENT_TIMESTAMP)")
                .param(groupSync)
                .update();
    }

    private static String objectType(String previewAction) {
        return previewAction.endsWith("_GROUP") ? "GROUP" : "EXTENSION";
    }

    @Test
    void aPreviewListsExactlyWhatTheFollowingRunDoes_X1() {
        settings(
                "{\"enabled\":true,\"deleteWhenAccount\":[\"DISABLED\"],\"associateByEmail\":true}",
                "{\"enabled\":true,\"range\":\"ALL\",\"whenOutOfScope\":\"DELETE\"}");
        assertThat(api.put("/api/v1/integration/deletion-guard", "{\"percent\":10,\"minimum\":2}")
                        .status())
                .isEqualTo(200);
        String changes = user("Carol", "White", "carol@contoso.example");
        String disabled = user("Dan", "Brown", "dan@contoso.example");
        String alsoDisabled = user("Ivy", "Black", "ivy@contoso.example");
        String deleted = user("Eve", "Green", "eve@contoso.example");
        String keeper = user("Fay", "Blue", "fay@contoso.example");
        var kept = emulator.tenant()
                .createGroup(io.switchboard.emulator.EntraGroup.security(
                        io.switchboard.emulator.Tenant.newObjectId(), "Kept team"));
        var dropped = emulator.tenant()
                .createGroup(io.switchboard.emulator.EntraGroup.security(
                        io.switchboard.emulator.Tenant.newObjectId(), "Dropped team"));
        emulator.tenant().addMember(kept.id(), keeper);
        assertThat(sync.runNow(SyncTrigger.INITIAL).state()).isEqualTo(RunState.SUCCEEDED);

        String joiner = user("Gus", "Gold", "gus@contoso.example");
        api.post(
                "/api/v1/extensions",
                "{\"number\":\"5555\",\"firstName\":\"Local\",\"email\":\"HAL@contoso.example\"}");
        String associated = user("Hal", "Iron", "hal@contoso.example");
        String duplicate = user("Fay", "Again", "FAY@contoso.example");
        String heldEmail = user("Dan", "Again", "DAN@contoso.example");
        emulator.tenant().updateUser(changes, b -> b.jobTitle("Chief"));
        emulator.tenant().disableUser(disabled);
        emulator.tenant().disableUser(alsoDisabled);
        emulator.tenant().deleteUser(deleted);
        emulator.tenant().addMember(kept.id(), joiner);
        emulator.tenant().deleteGroup(dropped.id());
        var created = emulator.tenant()
                .createGroup(io.switchboard.emulator.EntraGroup.security(
                        io.switchboard.emulator.Tenant.newObjectId(), "New team"));
        String directoryBefore = api.get("/api/v1/extensions?size=200").raw().body()
                + api.get("/api/v1/extension-groups?size=200").raw().body();

        Answer preview = api.post("/api/v1/integration/sync?dryRun=true", null);

        assertThat(preview.status()).isEqualTo(200);
        assertThat(api.get("/api/v1/extensions?size=200").raw().body()
                        + api.get("/api/v1/extension-groups?size=200").raw().body())
                .as("a preview changes nothing")
                .isEqualTo(directoryBefore);
        Set<String> planned = preview.body()
                .path("changes")
                .valueStream()
                .map(c -> objectType(c.path("action").asString()) + " "
                        + c.path("sourceId").asString() + " "
                        + c.path("action").asString().replaceFirst("_(EXTENSION|GROUP)$", "") + " "
                        + c.path("outcome").asString())
                .collect(Collectors.toSet());
        Set<String> plannedFailures = preview.body()
                .path("failures")
                .valueStream()
                .map(f -> f.path("sourceId").asString() + " " + f.path("code").asString())
                .collect(Collectors.toSet());
        assertThat(planned)
                .as("every kind of change is in the preview, with the outcome the run records")
                .contains(
                        "EXTENSION " + joiner + " CREATE CREATED",
                        "EXTENSION " + changes + " UPDATE UPDATED",
                        "EXTENSION " + disabled + " DELETE HELD",
                        "EXTENSION " + alsoDisabled + " DELETE HELD",
                        "EXTENSION " + deleted + " RELEASE RELEASED",
                        "EXTENSION " + associated + " ASSOCIATE ASSOCIATED",
                        "GROUP " + created.id() + " CREATE CREATED",
                        "GROUP " + kept.id() + " UPDATE UPDATED",
                        "GROUP " + dropped.id() + " DELETE DELETED");
        assertThat(plannedFailures)
                .contains(duplicate + " EMAIL_TAKEN")
                .as("a held extension keeps its email")
                .contains(heldEmail + " EMAIL_TAKEN");
        assertThat(preview.body().path("held").asInt()).isEqualTo(2);
        JsonNode threshold = preview.body().path("guard").get(0);
        assertThat(threshold.path("objectType").asString())
                .as("X2: the preview says which threshold holds them")
                .isEqualTo("EXTENSION");
        assertThat(threshold.path("deletions").asInt()).isEqualTo(2);
        assertThat(threshold.path("percent").asInt()).isEqualTo(10);
        assertThat(threshold.path("minimum").asInt()).isEqualTo(2);
        assertThat(threshold.path("reason").asString()).contains("more than 10 %", "at least 2");
        assertThat(preview.body().path("guard").size())
                .as("one group deletion of two is below the minimum")
                .isEqualTo(1);

        SyncRun run = sync.runNow(SyncTrigger.MANUAL);

        List<JsonNode> results = api.get("/api/v1/sync-runs/" + run.id() + "/results?size=200")
                .body()
                .path("items")
                .valueStream()
                .toList();
        Set<String> done = results.stream()
                .filter(r -> !Set.of("UNCHANGED", "FAILED")
                        .contains(r.path("outcome").asString()))
                .map(r -> r.path("objectType").asString() + " "
                        + r.path("sourceId").asString() + " " + r.path("action").asString() + " "
                        + r.path("outcome").asString())
                .collect(Collectors.toSet());
        Set<String> failed = results.stream()
                .filter(r -> r.path("outcome").asString().equals("FAILED"))
                .map(r -> r.path("sourceId").asString() + " " + r.path("code").asString())
                .collect(Collectors.toSet());
        assertThat(done).as("what the run did").isEqualTo(planned);
        assertThat(failed).as("what the run could not do").isEqualTo(plannedFailures);
        assertThat(run.counts().held()).isEqualTo(2);
        assertThat(api.get("/api/v1/integration/held-deletions")
                        .body()
                        .path("items")
                        .size())
                .isEqualTo(2);
        assertThat(extensionsBySource()).as("held extensions stay").containsKeys(disabled, alsoDisabled);
        io.switchboard.reconcile.Plan left = sync.preview();
        assertThat(left.isEmpty())
                .as("after the run nothing is left to do but the held deletions")
                .isTrue();
        assertThat(left.held()).hasSize(2);
    }

    @Test
    void aDeltaSyncReadsOnlyTheChanges_X3() {
        for (int i = 0; i < 30; i++) {
            user("User" + i, "Test", "user" + i + "@contoso.example");
        }
        api.put("/api/v1/integration/user-sync", "{\"enabled\":true}");
        JsonNode first = awaitRun();
        assertThat(first.path("kind").asString()).isEqualTo("FULL");
        List<String> ids =
                emulator.tenant().users().stream().map(u -> u.id()).limit(3).toList();
        emulator.tenant().updateUser(ids.get(0), b -> b.jobTitle("Changed"));
        emulator.tenant().disableUser(ids.get(1));
        emulator.tenant().deleteUser(ids.get(2));
        emulator.requestLog().clear();

        SyncRun second = sync.runNow(SyncTrigger.MANUAL);

        assertThat(second.kind()).isEqualTo(SyncKind.DELTA);
        assertThat(emulator.requestLog().count("/v1\\.0/(users|groups)")).isLessThanOrEqualTo(5);
        assertThat(second.counts().updated())
                .as("the changed user is updated and the deleted one released; the disabled one keeps syncing as it is")
                .isEqualTo(2);
        assertThat(second.counts().unchanged())
                .as("a delta run records only the objects its delta touched: the disabled user needed no change")
                .isEqualTo(1);
        assertThat(runs.allResults(second.id()).stream()
                        .map(SyncResult::sourceId)
                        .collect(Collectors.toSet()))
                .as("no result for the 27 users the delta did not touch")
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(extensionsBySource().get(ids.get(0)).path("jobTitle").asString())
                .isEqualTo("Changed");
        assertThat(extensionsBySource()).containsKey(ids.get(1)).doesNotContainKey(ids.get(2));
    }

    @Test
    void anExpiredDeltaLinkFallsBackToAFullRead_X3() {
        user("Erin", "Gray", "erin@contoso.example");
        api.put("/api/v1/integration/user-sync", "{\"enabled\":true}");
        awaitRun();
        emulator.faults().resetDelta("/users/delta", 1);

        SyncRun run = sync.runNow(SyncTrigger.SCHEDULE);

        assertThat(run.kind()).isEqualTo(SyncKind.FULL);
        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
    }

    @Test
    void revokedConsentDeletesNothing_X2() {
        for (int i = 0; i < 12; i++) {
            user("Keep" + i, "Me", "keep" + i + "@contoso.example");
        }
        api.put("/api/v1/integration/user-sync", "{\"enabled\":true,\"deleteWhenAccount\":[\"DELETED\"]}");
        awaitRun();
        int before = extensionsBySource().size();
        emulator.app().setApplicationPermissions(Set.of());
        clock.advance(Duration.ofHours(2));
        api.signIn();

        SyncRun run = sync.runNow(SyncTrigger.SCHEDULE);

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.error()).contains("Nothing was deleted");
        assertThat(extensionsBySource()).hasSize(before);
    }

    @Test
    void massDeletionIsHeldUntilApproved_X2() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            ids.add(user("Leaver" + i, "Soon", "leaver" + i + "@contoso.example"));
        }
        api.put("/api/v1/integration/user-sync", "{\"enabled\":true,\"deleteWhenAccount\":[\"DELETED\"]}");
        awaitRun();
        ids.stream().limit(15).forEach(id -> emulator.tenant().deleteUser(id));

        SyncRun run = sync.runNow(SyncTrigger.SCHEDULE);

        assertThat(run.counts().held()).isEqualTo(15);
        assertThat(run.counts().deleted()).isZero();
        assertThat(extensionsBySource()).hasSize(20);
        Answer heldList = api.get("/api/v1/integration/held-deletions");
        assertThat(heldList.body().path("items").size()).isEqualTo(15);
        api.post("/api/v1/integration/held-deletions/approve", "{}");
        assertThat(extensionsBySource()).hasSize(5);
    }

    @Test
    void groupsBecomeExtensionGroupsWithSyncedMembers_G1_G4() {
        String a = user("Gina", "Lee", "gina@contoso.example");
        String b = user("Hank", "Moe", "hank@contoso.example");
        var group = emulator.tenant()
                .createGroup(io.switchboard.emulator.EntraGroup.security(
                        io.switchboard.emulator.Tenant.newObjectId(), "Support"));
        emulator.tenant().addMember(group.id(), a);
        emulator.tenant().addMember(group.id(), b);
        api.put("/api/v1/integration/user-sync", "{\"enabled\":true}");
        awaitRun();

        api.put("/api/v1/integration/group-sync", "{\"enabled\":true,\"range\":\"ALL\"}");
        JsonNode run = awaitRuns(2);

        assertThat(run.path("trigger").asString()).isEqualTo("INITIAL");
        assertThat(run.path("state").asString()).isEqualTo("SUCCEEDED");
        JsonNode groups = api.get("/api/v1/extension-groups").body().path("items");
        assertThat(groups.size()).isEqualTo(1);
        assertThat(groups.get(0).path("name").asString()).isEqualTo("Support");
        assertThat(groups.get(0).path("memberIds").size()).isEqualTo(2);
        assertThat(groups.get(0).path("origin").asString()).isEqualTo("MICROSOFT_365");
    }

    @Test
    void pickersSearchUsersAndGroupsByName_U1_G1() {
        user("Zelda", "Quinn", "zelda@contoso.example");
        user("Zack", "Ray", "zack@contoso.example");
        user("Amy", "Stone", "amy@contoso.example");
        emulator.tenant()
                .createGroup(io.switchboard.emulator.EntraGroup.security(
                        io.switchboard.emulator.Tenant.newObjectId(), "Zeta team"));

        JsonNode users =
                api.get("/api/v1/integration/directory/users?q=Za").body().path("items");
        JsonNode all = api.get("/api/v1/integration/directory/users").body().path("items");
        JsonNode groups =
                api.get("/api/v1/integration/directory/groups?q=Zet").body().path("items");

        assertThat(users.valueStream().map(u -> u.path("displayName").asString()))
                .containsExactly("Zack Ray");
        assertThat(all.size()).isEqualTo(3);
        assertThat(groups.get(0).path("kind").asString()).isEqualTo("SECURITY");
    }

    @Test
    void theDeletionGuardIsConfigurable_X2() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            ids.add(user("Guarded" + i, "Cfg", "guarded" + i + "@contoso.example"));
        }
        settings("{\"enabled\":true,\"deleteWhenAccount\":[\"DELETED\"]}", "{\"enabled\":false}");
        sync.runNow(SyncTrigger.INITIAL);
        assertThat(api.get("/api/v1/integration/deletion-guard")
                        .body()
                        .path("minimum")
                        .asInt())
                .isEqualTo(10);
        Answer bad = api.put("/api/v1/integration/deletion-guard", "{\"percent\":101}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text("detail")).contains("percent");

        Answer set = api.put("/api/v1/integration/deletion-guard", "{\"percent\":10,\"minimum\":3}");
        assertThat(set.status()).isEqualTo(200);
        ids.stream().limit(4).forEach(id -> emulator.tenant().deleteUser(id));
        SyncRun run = sync.runNow(SyncTrigger.SCHEDULE);

        assertThat(run.counts().held())
                .as("4 of 20 is more than 10 % and at least 3")
                .isEqualTo(4);
        assertThat(run.counts().deleted()).isZero();
        assertThat(extensionsBySource()).hasSize(20);
    }

    @Test
    void thePickersShow200EntriesByDefault_U1_G1() {
        for (int i = 0; i < 210; i++) {
            user("Picker" + i, "Many", "picker" + i + "@contoso.example");
            emulator.tenant()
                    .createGroup(io.switchboard.emulator.EntraGroup.security(
                            io.switchboard.emulator.Tenant.newObjectId(), "Picker group " + i));
        }

        assertThat(api.get("/api/v1/integration/directory/users")
                        .body()
                        .path("items")
                        .size())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/integration/directory/groups")
                        .body()
                        .path("items")
                        .size())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/integration/directory/groups?q=Picker%20group%2020")
                        .body()
                        .path("items")
                        .valueStream()
                        .map(g -> g.path("displayName").asString()))
                .contains("Picker group 20", "Picker group 200")
                .allMatch(name -> name.startsWith("Picker group 20"));
    }

    @Test
    void emptyingTheRangeGroupDeletesNothingBeyondTheGuard_X2() {
        var range = emulator.tenant()
                .createGroup(io.switchboard.emulator.EntraGroup.security(
                        io.switchboard.emulator.Tenant.newObjectId(), "Range"));
        for (int i = 0; i < 15; i++) {
            emulator.tenant().addMember(range.id(), user("Ranged" + i, "X", "ranged" + i + "@contoso.example"));
        }
        api.put(
                "/api/v1/integration/user-sync",
                "{\"enabled\":true,\"range\":\"GROUPS\",\"groupIds\":[\"" + range.id()
                        + "\"],\"whenOutOfScope\":\"DELETE\"}");
        awaitRun();
        assertThat(extensionsBySource()).hasSize(15);
        emulator.tenant().members(range.id()).forEach(m -> emulator.tenant().removeMember(range.id(), m));

        SyncRun run = sync.runNow(SyncTrigger.CHANGE);

        assertThat(run.counts().held()).isEqualTo(15);
        assertThat(run.counts().deleted()).isZero();
        assertThat(extensionsBySource()).hasSize(15);
    }

    @Test
    void aVanishedRangeGroupNeverCountsAsEveryoneLeft_X2() {
        var range = emulator.tenant()
                .createGroup(io.switchboard.emulator.EntraGroup.security(
                        io.switchboard.emulator.Tenant.newObjectId(), "Small range"));
        for (int i = 0; i < 3; i++) {
            emulator.tenant().addMember(range.id(), user("Few" + i, "X", "few" + i + "@contoso.example"));
        }
        api.put(
                "/api/v1/integration/user-sync",
                "{\"enabled\":true,\"range\":\"GROUPS\",\"groupIds\":[\"" + range.id()
                        + "\"],\"whenOutOfScope\":\"DELETE\",\"deleteWhenAccount\":[\"DISABLED\",\"DELETED\"]}");
        awaitRun();
        assertThat(extensionsBySource()).hasSize(3);
        emulator.tenant().deleteGroup(range.id());

        SyncRun run = sync.runNow(SyncTrigger.CHANGE);

        assertThat(run.counts().deleted()).isZero();
        assertThat(run.counts().held())
                .as("too few to be held: nothing is planned for deletion")
                .isZero();
        assertThat(extensionsBySource()).hasSize(3);
        assertThat(api.get("/api/v1/sync-runs/" + run.id() + "/results?size=200")
                        .body()
                        .path("items")
                        .valueStream()
                        .map(r -> r.path("code").asString()))
                .contains("SOURCE_UNREADABLE");
    }

    @Test
    void updateNowWhileRunningReturnsTheRunningRun_M3() {
        user("Slow", "Reader", "slow@contoso.example");
        settings("{\"enabled\":true}", "{\"enabled\":false}");
        emulator.faults().delay("^/v1\\.0/users/delta", 1, Duration.ofSeconds(3));

        Answer first = api.post("/api/v1/integration/sync", null);
        Answer second = api.post("/api/v1/integration/sync", null);

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).as(second.raw().body()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("SYNC_RUNNING");
        assertThat(second.body().path("run").path("id").asString()).isEqualTo(first.text("id"));
        JsonNode done = awaitRun();
        assertThat(done.path("id").asString()).isEqualTo(first.text("id"));
        assertThat(api.get("/api/v1/sync-runs").body().path("total").asInt()).isEqualTo(1);
    }

    @Test
    void aChangeOfTheSyncSettingsMakesTheNextRunFull_X3() {
        user("Ida", "Full", "ida@contoso.example");
        api.put("/api/v1/integration/user-sync", "{\"enabled\":true}");
        assertThat(awaitRun().path("kind").asString()).isEqualTo("FULL");
        assertThat(sync.runNow(SyncTrigger.MANUAL).kind()).isEqualTo(SyncKind.DELTA);

        api.put("/api/v1/integration/user-sync", "{\"associateByEmail\":true}");

        assertThat(sync.runNow(SyncTrigger.MANUAL).kind()).isEqualTo(SyncKind.FULL);
        assertThat(sync.runNow(SyncTrigger.MANUAL).kind()).isEqualTo(SyncKind.DELTA);
    }

    @Test
    void aSettingsSaveDuringTheReadOfARunThatPlansWithItKeepsTheNextRunDelta_X3() {
        user("Ivo", "During", "ivo@contoso.example");
        emulator.faults().delay("/users/delta", 1, Duration.ofSeconds(3));
        api.put("/api/v1/integration/user-sync", "{\"enabled\":true}");

        assertThat(api.put("/api/v1/integration/user-sync", "{\"associateByEmail\":true}")
                        .status())
                .isEqualTo(200);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sync_run WHERE state = 'RUNNING' AND planned_at IS NULL")
                        .query(Long.class)
                        .single())
                .as("the settings were saved while the run was still reading")
                .isEqualTo(1);
        assertThat(awaitRun().path("kind").asString()).isEqualTo("FULL");

        assertThat(sync.runNow(SyncTrigger.MANUAL).kind())
                .as("the running run planned with the saved settings")
                .isEqualTo(SyncKind.DELTA);
    }

    @Test
    void switchingGroupSyncOnAfterUserSyncSyncsTheGroupsAtOnce_U7() {
        String a = user("Gina", "Lee", "gina@contoso.example");
        var group = emulator.tenant()
                .createGroup(io.switchboard.emulator.EntraGroup.security(
                        io.switchboard.emulator.Tenant.newObjectId(), "Support"));
        emulator.tenant().addMember(group.id(), a);
        api.put("/api/v1/integration/user-sync", "{\"enabled\":true}");
        awaitRuns(1);

        Answer saved = api.put("/api/v1/integration/group-sync", "{\"enabled\":true,\"range\":\"ALL\"}");

        assertThat(saved.status()).isEqualTo(200);
        JsonNode run = awaitRuns(2);
        assertThat(run.path("trigger").asString()).isEqualTo("INITIAL");
        assertThat(run.path("counts").path("created").asInt()).isEqualTo(1);
        JsonNode groups = api.get("/api/v1/extension-groups").body().path("items");
        assertThat(groups.size()).isEqualTo(1);
        assertThat(groups.get(0).path("memberIds").size()).isEqualTo(1);
        JsonNode last = api.get("/api/v1/integration/group-sync/last-result").body();
        assertThat(last.path("counts").path("created").asInt()).isEqualTo(1);
    }

    @Test
    void aPartSwitchedOnWhileARunReadsJoinsThatRun_U7() {
        String a = user("Hank", "Moe", "hank@contoso.example");
        var group = emulator.tenant()
                .createGroup(io.switchboard.emulator.EntraGroup.security(
                        io.switchboard.emulator.Tenant.newObjectId(), "Night shift"));
        emulator.tenant().addMember(group.id(), a);
        emulator.faults().delay("^/v1\\.0/users/delta", 1, Duration.ofSeconds(3));
        api.put("/api/v1/integration/user-sync", "{\"enabled\":true}");

        api.put("/api/v1/integration/group-sync", "{\"enabled\":true}");

        JsonNode run = awaitRuns(1);
        assertThat(run.path("counts").path("created").asInt())
                .as("the running run had not planned yet, so it planned the groups too")
                .isEqualTo(2);
        assertThat(api.get("/api/v1/extension-groups").body().path("items").size())
                .isEqualTo(1);
    }

    @Test
    void aPartSwitchedOnAfterTheRunningRunPlannedGetsAFollowUpRun_U7() {
        settings("{\"enabled\":true}", "{\"enabled\":false}");
        SyncRun running =
                runs.start(SyncTrigger.SCHEDULE, SyncKind.FULL, "test").run();
        runs.markPlanned(running.id());

        api.put("/api/v1/integration/group-sync", "{\"enabled\":true}");

        assertThat(api.get("/api/v1/sync-runs").body().path("total").asInt())
                .as("no second run while one runs")
                .isEqualTo(1);
        assertThat(runs.finishWithFollowUp(running.id(), null)).contains(SyncTrigger.INITIAL);
    }

    @Test
    void updateNowIsRefusedWhenItCouldDoNothing_M3() {
        settings("{\"enabled\":false}", "{\"enabled\":false}");

        Answer paused = api.post("/api/v1/integration/sync", null);
        Answer pausedPreview = api.post("/api/v1/integration/sync?dryRun=true", null);

        assertThat(paused.status()).isEqualTo(409);
        assertThat(paused.code()).isEqualTo("NOTHING_TO_SYNC");
        assertThat(paused.text("detail")).contains("paused");
        assertThat(pausedPreview.code()).isEqualTo("NOTHING_TO_SYNC");

        settings("{\"enabled\":true}", "{\"enabled\":false}");
        assertThat(api.post("/api/v1/integration/disconnect", "{}").status()).isEqualTo(200);

        Answer notConnected = api.post("/api/v1/integration/sync", null);

        assertThat(notConnected.status()).isEqualTo(409);
        assertThat(notConnected.code()).isEqualTo("NOT_CONNECTED");
        assertThat(api.get("/api/v1/sync-runs").body().path("total").asInt())
                .as("no run is recorded for a refused Update now")
                .isZero();
    }

    @Test
    void heldDeletionsTakeNothingAwayUntilApproved_X2() {
        var range = emulator.tenant()
                .createGroup(io.switchboard.emulator.EntraGroup.security(
                        io.switchboard.emulator.Tenant.newObjectId(), "Range"));
        var team = emulator.tenant()
                .createGroup(io.switchboard.emulator.EntraGroup.security(
                        io.switchboard.emulator.Tenant.newObjectId(), "Team"));
        List<String> staff = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = user("Staff" + i, "Held", "staff" + i + "@contoso.example");
            staff.add(id);
            emulator.tenant().addMember(range.id(), id);
            emulator.tenant().addMember(team.id(), id);
        }
        settings(
                "{\"enabled\":true,\"range\":\"GROUPS\",\"groupIds\":[\"" + range.id()
                        + "\"],\"whenOutOfScope\":\"DELETE\"}",
                "{\"enabled\":true,\"range\":\"GROUPS\",\"groupIds\":[\"" + team.id() + "\"]}");
        assertThat(sync.runNow(SyncTrigger.INITIAL).state()).isEqualTo(RunState.SUCCEEDED);
        Set<String> heldNumbers = extensionsBySource().values().stream()
                .map(e -> e.path("number").asString())
                .collect(Collectors.toSet());
        staff.forEach(id -> emulator.tenant().removeMember(range.id(), id));
        String sameEmail = user("Late", "Comer", "STAFF0@contoso.example");
        String fresh = user("Fresh", "Start", "fresh@contoso.example");
        emulator.tenant().addMember(range.id(), sameEmail);
        emulator.tenant().addMember(range.id(), fresh);

        SyncRun run = sync.runNow(SyncTrigger.SCHEDULE);

        assertThat(run.counts().held()).isEqualTo(12);
        assertThat(run.counts().deleted()).isZero();
        assertThat(run.state()).isEqualTo(RunState.PARTIAL);
        Map<String, JsonNode> synced = extensionsBySource();
        assertThat(synced).containsKeys(staff.toArray(String[]::new)).containsKey(fresh);
        assertThat(synced.get(fresh).path("number").asString())
                .as("a held extension keeps its number")
                .isNotIn(heldNumbers);
        JsonNode teamGroup =
                api.get("/api/v1/extension-groups").body().path("items").get(0);
        assertThat(teamGroup.path("memberIds").size())
                .as("held extensions keep their group memberships")
                .isEqualTo(12);
        JsonNode last = api.get("/api/v1/integration/user-sync/last-result").body();
        assertThat(last.path("state").asString()).isEqualTo("PARTIAL");
        assertThat(last.path("counts").path("held").asInt()).isEqualTo(12);
        assertThat(last.path("failures")
                        .valueStream()
                        .map(f -> f.path("sourceId").asString() + " "
                                + f.path("code").asString()))
                .as("a new user with a held extension's email fails like any other")
                .containsExactly(sameEmail + " EMAIL_TAKEN");
        SyncRun next = sync.runNow(SyncTrigger.SCHEDULE);
        assertThat(next.kind()).isEqualTo(SyncKind.DELTA);
        assertThat(next.counts().held())
                .as("a delta run that touched none of them does not record their held results again")
                .isZero();
        assertThat(api.get("/api/v1/integration/held-deletions")
                        .body()
                        .path("items")
                        .size())
                .as("still held after the next run")
                .isEqualTo(12);
        assertThat(sync.preview().held()).as("still held by a full plan").hasSize(12);
        assertThat(extensionsBySource()).containsKeys(staff.toArray(String[]::new));

        Answer approved = api.post("/api/v1/integration/held-deletions/approve", "{}");

        assertThat(approved.body().path("items").size()).isEqualTo(12);
        assertThat(extensionsBySource()).doesNotContainKeys(staff.toArray(String[]::new));
        assertThat(api.get("/api/v1/extension-groups")
                        .body()
                        .path("items")
                        .get(0)
                        .path("memberIds")
                        .size())
                .as("approving applies the deletions and their consequences")
                .isZero();
        SyncRun after = sync.runNow(SyncTrigger.SCHEDULE);
        assertThat(after.counts().held()).isZero();
        assertThat(extensionsBySource())
                .as("the freed email goes to the waiting user")
                .containsKey(sameEmail);
    }

    @Test
    void anEntraPhoneValueWithoutADigitLeavesTheMobileEmpty_U2() {
        String junk = emulator.tenant()
                .createUser(b -> b.displayName("Nora Junk").givenName("Nora").mobilePhone("n/a"))
                .id();
        String real = emulator.tenant()
                .createUser(b -> b.displayName("Rita Real").givenName("Rita").mobilePhone("+1 555 0100"))
                .id();
        settings("{\"enabled\":true}", "{\"enabled\":false}");

        sync.runNow(SyncTrigger.INITIAL);

        Map<String, JsonNode> synced = extensionsBySource();
        assertThat(synced.get(junk).path("mobileNumber").isNull()
                        || synced.get(junk).path("mobileNumber").isMissingNode())
                .as("n/a is not a phone number: " + synced.get(junk))
                .isTrue();
        assertThat(synced.get(real).path("mobileNumber").asString()).isEqualTo("+1 555 0100");
    }

    @Test
    void syncedExtensionsAreFoundByTheirMobileNumberAsItChangesOrIsCleared_X5() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String mobile = "+1 206 555 " + (1100 + i);
            String given = "Mia" + i;
            ids.add(emulator.tenant()
                    .createUser(b -> b.displayName(given + " Lane")
                            .givenName(given)
                            .surname("Lane")
                            .mobilePhone(mobile))
                    .id());
        }
        settings("{\"enabled\":true}", "{\"enabled\":false}");

        sync.runNow(SyncTrigger.INITIAL);

        Map<String, JsonNode> synced = extensionsBySource();
        assertThat(mobileMatches("(206) 555-1105"))
                .containsExactly(
                        "EXTENSION " + synced.get(ids.get(5)).path("id").asString() + " Mia5 Lane mobileNumber");
        assertThat(mobileMatches("+12065551119"))
                .containsExactly(
                        "EXTENSION " + synced.get(ids.get(19)).path("id").asString() + " Mia19 Lane mobileNumber");

        emulator.tenant().updateUser(ids.get(0), b -> b.mobilePhone("+1 206 555 0999"));
        emulator.tenant().updateUser(ids.get(1), b -> b.mobilePhone(null));
        SyncRun delta = sync.runNow(SyncTrigger.SCHEDULE);

        assertThat(delta.counts().updated()).isEqualTo(2);
        assertThat(mobileMatches("206 555 1100"))
                .as("the changed number's old value")
                .isEmpty();
        assertThat(mobileMatches("206 555 0999"))
                .containsExactly(
                        "EXTENSION " + synced.get(ids.get(0)).path("id").asString() + " Mia0 Lane mobileNumber");
        assertThat(mobileMatches("206 555 1101")).as("the cleared number").isEmpty();
        assertThat(mobileMatches("206 555 1102")).hasSize(1);
    }

    /** The matches of a caller-ID lookup: type, id, display name and field. */
    private List<String> mobileMatches(String number) {
        List<String> lines = new java.util.ArrayList<>();
        api.get("/api/v1/lookup?number=" + java.net.URLEncoder.encode(number, java.nio.charset.StandardCharsets.UTF_8))
                .ok()
                .path("matches")
                .forEach(m -> lines.add(m.path("type").asString() + " "
                        + m.path("id").asString() + " " + m.path("displayName").asString() + " "
                        + m.path("field").asString()));
        return lines;
    }

    @Test
    void eachSectionsStateFollowsItsOwnCountsByOneRule_U8_G5() {
        user("Olga", "One", "same@contoso.example");
        user("Otto", "Two", "SAME@contoso.example");
        emulator.tenant()
                .createGroup(io.switchboard.emulator.EntraGroup.security(
                        io.switchboard.emulator.Tenant.newObjectId(), "Fine"));
        settings("{\"enabled\":true}", "{\"enabled\":true}");

        SyncRun run = sync.runNow(SyncTrigger.INITIAL);

        assertThat(run.state()).isEqualTo(RunState.PARTIAL);
        JsonNode users = api.get("/api/v1/integration/user-sync/last-result").body();
        JsonNode groups = api.get("/api/v1/integration/group-sync/last-result").body();
        assertThat(users.path("state").asString()).isEqualTo("PARTIAL");
        assertThat(users.path("counts").path("failed").asInt()).isEqualTo(1);
        assertThat(groups.path("state").asString())
                .as("nothing of the group section failed or is held")
                .isEqualTo("SUCCEEDED");
        assertThat(groups.path("runState").asString()).isEqualTo("PARTIAL");
    }
}
