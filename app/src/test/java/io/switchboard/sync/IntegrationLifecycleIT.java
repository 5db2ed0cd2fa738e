package io.switchboard.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.GraphEmulatorExtension;
import io.switchboard.entra.EntraConnection;
import io.switchboard.testing.Api.Answer;
import io.switchboard.testing.EmulatedTenant;
import io.switchboard.testing.IntegrationTest;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Pausing, disabling and disconnecting the integration with each delete choice (M4–M7). */
class IntegrationLifecycleIT extends IntegrationTest {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withEmptyTenant();

    @Autowired
    SyncService sync;

    @Autowired
    EntraConnection connection;

    @BeforeEach
    void syncATenant(GraphEmulator emulator) {
        emulator.tenant().users().forEach(u -> emulator.tenant().purgeUser(u.id()));
        emulator.tenant().groups().forEach(g -> emulator.tenant().purgeGroup(g.id()));
        for (int i = 0; i < 3; i++) {
            String name = "Person" + i;
            String id = emulator.tenant()
                    .createUser(b -> b.displayName(name).givenName(name).mail(name + "@x.io"))
                    .id();
            if (i == 0) {
                var group = emulator.tenant()
                        .createGroup(io.switchboard.emulator.EntraGroup.security(
                                io.switchboard.emulator.Tenant.newObjectId(), "Team"));
                emulator.tenant().addMember(group.id(), id);
            }
        }
        EmulatedTenant.connect(api, emulator);
        jdbc.sql("INSERT INTO sync_setting (name, document, updated_at) VALUES ('user-sync', '{\"enabled\":true}',"
                        + " CURRENT_TIMESTAMP)")
                .update();
        jdbc.sql("INSERT INTO sync_setting (name, document, updated_at) VALUES ('group-sync', '{\"enabled\":true}',"
                        + " CURRENT_TIMESTAMP)")
                .update();
        assertThat(sync.runNow(SyncTrigger.MANUAL).state()).isEqualTo(RunState.SUCCEEDED);
    }

    private Map<String, String> originBySource() {
        return api.get("/api/v1/extensions")
                .body()
                .path("items")
                .valueStream()
                .collect(Collectors.toMap(
                        e -> e.path("number").asString(), e -> e.path("origin").asString()));
    }

    private JsonNode groups() {
        return api.get("/api/v1/extension-groups").body().path("items");
    }

    @Test
    void pausingUserSyncKeepsOrDeletesTheSyncedExtensions_M4() {
        Answer paused = api.put("/api/v1/integration/user-sync", "{\"enabled\":false}");
        assertThat(paused.status()).isEqualTo(200);
        assertThat(originBySource().values()).containsOnly("MICROSOFT_365").hasSize(3);
        assertThat(api.put("/api/v1/integration/user-sync", "{\"startNumber\":\"5000\"}")
                        .code())
                .isEqualTo("SETTINGS_FROZEN");
        String id = api.get("/api/v1/extensions")
                .body()
                .path("items")
                .get(0)
                .path("id")
                .asString();
        assertThat(api.delete("/api/v1/extensions/" + id).code()).isEqualTo("EXTENSION_LOCKED");

        api.put("/api/v1/integration/user-sync", "{\"enabled\":true}");
        api.put("/api/v1/integration/user-sync", "{\"enabled\":false,\"deleteSyncedExtensions\":true}");
        assertThat(originBySource()).isEmpty();
    }

    @Test
    void pausingGroupSyncKeepsOrDeletesTheSyncedGroups_M5() {
        api.put("/api/v1/integration/group-sync", "{\"enabled\":false}");
        assertThat(groups().size()).isEqualTo(1);
        assertThat(api.put(
                                "/api/v1/integration/group-sync",
                                "{\"range\":\"GROUPS\",\"groupIds\":[\"6d1c8a55-0c3a-4c55-a1c9-6c1f1f9ad001\"]}")
                        .code())
                .isEqualTo("SETTINGS_FROZEN");

        api.put("/api/v1/integration/group-sync", "{\"enabled\":true}");
        api.put("/api/v1/integration/group-sync", "{\"enabled\":false,\"deleteSyncedGroups\":true}");
        assertThat(groups().size()).isZero();
    }

    @Test
    void disablingFreezesEverythingAndKeepsObjectsLocked_M6() {
        Answer disabled = api.post("/api/v1/integration/disable", "{}");

        assertThat(disabled.text("status")).isEqualTo("DISABLED");
        assertThat(connection.ssoAllowed()).isFalse();
        assertThat(originBySource().values()).containsOnly("MICROSOFT_365").hasSize(3);
        assertThat(api.put("/api/v1/integration", "{\"tenantId\":\"other.example.com\"}")
                        .code())
                .isEqualTo("SETTINGS_FROZEN");
        assertThat(api.put("/api/v1/integration/user-sync", "{\"startNumber\":\"5000\"}")
                        .code())
                .isEqualTo("SETTINGS_FROZEN");
        assertThat(api.post("/api/v1/integration/sync", null).code()).isEqualTo("INTEGRATION_DISABLED");
        String id = api.get("/api/v1/extensions")
                .body()
                .path("items")
                .get(0)
                .path("id")
                .asString();
        assertThat(api.patch("/api/v1/extensions/" + id, "{\"firstName\":\"X\"}")
                        .code())
                .isEqualTo("EXTENSION_LOCKED");

        Answer enabled = api.post("/api/v1/integration/enable", null);
        assertThat(enabled.text("status")).isEqualTo("CONNECTED");
        assertThat(connection.ssoAllowed()).isTrue();
        assertThat(sync.runNow(SyncTrigger.MANUAL).state()).isEqualTo(RunState.SUCCEEDED);
    }

    @Test
    void disablingWithBothDeletionsRemovesTheSyncedObjects_M6() {
        api.post("/api/v1/integration/disable", "{\"deleteSyncedExtensions\":true,\"deleteSyncedGroups\":true}");

        assertThat(originBySource()).isEmpty();
        assertThat(groups().size()).isZero();
    }

    @Test
    void disconnectingReleasesWhatItKeepsAndErasesTheSecrets_M7(GraphEmulator emulator) {
        Answer disconnected = api.post("/api/v1/integration/disconnect", "{\"deleteSyncedGroups\":true}");

        assertThat(disconnected.text("status")).isEqualTo("NOT_CONNECTED");
        assertThat(originBySource().values()).containsOnly("LOCAL").hasSize(3);
        assertThat(api.get("/api/v1/extensions")
                        .body()
                        .path("items")
                        .get(0)
                        .path("label")
                        .isNull())
                .isTrue();
        assertThat(groups().size()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM integration WHERE client_secret IS NULL AND refresh_token IS NULL")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        String id = api.get("/api/v1/extensions")
                .body()
                .path("items")
                .get(0)
                .path("id")
                .asString();
        assertThat(api.delete("/api/v1/extensions/" + id).status()).isEqualTo(204);

        EmulatedTenant.connect(api, emulator);
        assertThat(api.get("/api/v1/integration").text("status")).isEqualTo("CONNECTED");
    }

    @Test
    void disablingWithTheGroupDeletionOnlyKeepsTheExtensionsLocked_M6() {
        api.post("/api/v1/integration/disable", "{\"deleteSyncedGroups\":true}");

        assertThat(groups().size()).isZero();
        assertThat(originBySource().values()).containsOnly("MICROSOFT_365").hasSize(3);
        String id = api.get("/api/v1/extensions")
                .body()
                .path("items")
                .get(0)
                .path("id")
                .asString();
        assertThat(api.delete("/api/v1/extensions/" + id).code()).isEqualTo("EXTENSION_LOCKED");
    }

    @Test
    void disconnectingWithTheExtensionDeletionReleasesTheGroupAndAnotherTenantCanBeConnected_M7() {
        Answer disconnected = api.post("/api/v1/integration/disconnect", "{\"deleteSyncedExtensions\":true}");

        assertThat(disconnected.text("status")).isEqualTo("NOT_CONNECTED");
        assertThat(originBySource()).isEmpty();
        JsonNode group = groups().get(0);
        assertThat(group.path("origin").asString()).isEqualTo("LOCAL");
        assertThat(api.patch("/api/v1/extension-groups/" + group.path("id").asString(), "{\"name\":\"Renamed\"}")
                        .status())
                .as("a released group is the PBX's to manage")
                .isEqualTo(200);

        try (GraphEmulator other = GraphEmulator.builder()
                .tenantId("0f0f0f0f-1111-2222-3333-444444444444")
                .start()) {
            other.tenant()
                    .createUser(
                            b -> b.displayName("Newcomer").givenName("Newcomer").mail("new@other.io"));
            EmulatedTenant.connect(api, other);
            Answer now = api.get("/api/v1/integration");
            assertThat(now.text("status")).isEqualTo("CONNECTED");
            assertThat(now.text("tenantId")).isEqualTo("0f0f0f0f-1111-2222-3333-444444444444");

            SyncRun run = sync.runNow(SyncTrigger.MANUAL);

            assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
            assertThat(api.get("/api/v1/extensions")
                            .body()
                            .path("items")
                            .valueStream()
                            .map(e -> e.path("email").asString())
                            .toList())
                    .contains("new@other.io")
                    .doesNotContain("Person0@x.io", "person0@x.io");
            assertThat(api.get("/api/v1/extension-groups/" + group.path("id").asString())
                            .text("origin"))
                    .as("the released group stays the PBX's")
                    .isEqualTo("LOCAL");
        }
    }
}
