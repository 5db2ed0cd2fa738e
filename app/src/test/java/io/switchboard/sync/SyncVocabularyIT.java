package io.switchboard.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.emulator.EntraGroup;
import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.GraphEmulatorExtension;
import io.switchboard.emulator.Tenant;
import io.switchboard.testing.Api.Answer;
import io.switchboard.testing.EmulatedTenant;
import io.switchboard.testing.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The documented values of results and previews (docs/api.md, "Result actions and preview change
 * kinds"), seen through the API, and start numbers with leading zeros (U2, X1, X2, X4).
 */
class SyncVocabularyIT extends IntegrationTest {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withEmptyTenant();

    @Autowired
    SyncService sync;

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

    private Set<String> results(SyncRun run) {
        return api.get("/api/v1/sync-runs/" + run.id() + "/results?size=200")
                .body()
                .path("items")
                .valueStream()
                .map(r -> r.path("objectType").asString() + " "
                        + r.path("sourceId").asString() + " "
                        + r.path("action").asString() + " " + r.path("outcome").asString()
                        + (r.path("code").isNull() || r.path("code").isMissingNode()
                                ? ""
                                : " " + r.path("code").asString()))
                .collect(Collectors.toSet());
    }

    @Test
    void resultsAndPreviewsCarryTheDocumentedActionOutcomeObjectTypeAndCodeValues_X1_X2_X4() {
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
        EntraGroup kept = emulator.tenant().createGroup(EntraGroup.security(Tenant.newObjectId(), "Kept team"));
        EntraGroup dropped = emulator.tenant().createGroup(EntraGroup.security(Tenant.newObjectId(), "Dropped team"));
        emulator.tenant().addMember(kept.id(), keeper);
        SyncRun first = sync.runNow(SyncTrigger.INITIAL);
        assertThat(results(first))
                .contains(
                        "EXTENSION " + changes + " CREATE CREATED",
                        "GROUP " + kept.id() + " CREATE CREATED",
                        "GROUP " + dropped.id() + " CREATE CREATED");

        String joiner = user("Gus", "Gold", "gus@contoso.example");
        api.post(
                "/api/v1/extensions",
                "{\"number\":\"5555\",\"firstName\":\"Local\",\"email\":\"HAL@contoso.example\"}");
        String associated = user("Hal", "Iron", "hal@contoso.example");
        String duplicate = user("Fay", "Again", "FAY@contoso.example");
        emulator.tenant().updateUser(changes, b -> b.jobTitle("Chief"));
        emulator.tenant().updateUser(keeper, b -> b.displayName("Fay B. Blue"));
        emulator.tenant().disableUser(disabled);
        emulator.tenant().disableUser(alsoDisabled);
        emulator.tenant().deleteUser(deleted);
        emulator.tenant().addMember(kept.id(), joiner);
        emulator.tenant().deleteGroup(dropped.id());

        Answer preview = api.post("/api/v1/integration/sync?dryRun=true", null);

        assertThat(preview.status()).isEqualTo(200);
        Set<String> planned = preview.body()
                .path("changes")
                .valueStream()
                .map(c -> c.path("sourceId").asString() + " " + c.path("action").asString() + " "
                        + c.path("outcome").asString())
                .collect(Collectors.toSet());
        assertThat(planned)
                .as("preview change kinds as docs/api.md lists them")
                .containsExactlyInAnyOrder(
                        joiner + " CREATE_EXTENSION CREATED",
                        changes + " UPDATE_EXTENSION UPDATED",
                        associated + " ASSOCIATE_EXTENSION ASSOCIATED",
                        disabled + " DELETE_EXTENSION HELD",
                        alsoDisabled + " DELETE_EXTENSION HELD",
                        deleted + " RELEASE_EXTENSION RELEASED",
                        kept.id() + " UPDATE_GROUP UPDATED",
                        dropped.id() + " DELETE_GROUP DELETED");
        assertThat(preview.body()
                        .path("failures")
                        .valueStream()
                        .map(f -> f.path("objectType").asString() + " "
                                + f.path("sourceId").asString() + " "
                                + f.path("code").asString()))
                .containsExactly("USER " + duplicate + " EMAIL_TAKEN");
        assertThat(preview.body().path("guard").get(0).path("objectType").asString())
                .isEqualTo("EXTENSION");

        SyncRun second = sync.runNow(SyncTrigger.MANUAL);

        assertThat(results(second))
                .as("result objectType, action, outcome and code as docs/api.md lists them")
                .containsExactlyInAnyOrder(
                        "EXTENSION " + joiner + " CREATE CREATED",
                        "EXTENSION " + changes + " UPDATE UPDATED",
                        "EXTENSION " + associated + " ASSOCIATE ASSOCIATED",
                        "EXTENSION " + disabled + " DELETE HELD",
                        "EXTENSION " + alsoDisabled + " DELETE HELD",
                        "EXTENSION " + deleted + " RELEASE RELEASED",
                        "EXTENSION " + keeper + " NONE UNCHANGED",
                        "USER " + duplicate + " NONE FAILED EMAIL_TAKEN",
                        "GROUP " + kept.id() + " UPDATE UPDATED",
                        "GROUP " + dropped.id() + " DELETE DELETED");
        JsonNode held = api.get("/api/v1/integration/held-deletions").body().path("items");
        assertThat(held.valueStream().map(h -> h.path("extensionId").isNull() ? "group" : "extension"))
                .containsExactly("extension", "extension");
    }

    @Test
    void aStartNumberWithLeadingZerosHandsOutNumbersOfTheSameWidth_U2() {
        String older = emulator.tenant()
                .createUser(b -> b.displayName("Ann Older").mail("ann@contoso.example"))
                .id();
        String newer = emulator.tenant()
                .createUser(b -> b.displayName("Ben Newer").mail("ben@contoso.example"))
                .id();

        Answer saved = api.put(
                "/api/v1/integration/user-sync", "{\"enabled\":true,\"range\":\"ALL\",\"startNumber\":\"0100\"}");

        assertThat(saved.status()).as(saved.raw().body()).isEqualTo(200);
        assertThat(saved.body().path("startNumber").asString()).isEqualTo("0100");
        assertThat(api.get("/api/v1/integration/user-sync")
                        .body()
                        .path("startNumber")
                        .asString())
                .isEqualTo("0100");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode items = api.get("/api/v1/sync-runs").body().path("items");
            return !items.isEmpty() && !items.get(0).path("state").asString().equals("RUNNING");
        });
        List<String> numbers = api.get("/api/v1/extensions?size=200")
                .body()
                .path("items")
                .valueStream()
                .filter(e -> Set.of(older, newer).contains(e.path("sourceId").asString()))
                .map(e -> e.path("number").asString())
                .sorted()
                .toList();
        assertThat(numbers).containsExactly("0100", "0101");
    }

    @Test
    void aStartNumberThatIsNotOneToFifteenDigitsIsRefusedNamingTheField_U2() {
        Answer refused = api.put("/api/v1/integration/user-sync", "{\"enabled\":true,\"startNumber\":\"01a0\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(refused.body().path("errors").get(0).path("field").asString())
                .isEqualTo("startNumber");
    }
}
