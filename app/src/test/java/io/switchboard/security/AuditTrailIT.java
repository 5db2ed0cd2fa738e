package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.GraphEmulatorExtension;
import io.switchboard.testing.Api;
import io.switchboard.testing.Api.Answer;
import io.switchboard.testing.EmulatedTenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/** The audit trail (issue 12.8): recorded in the database, served newest first, logged, never a secret. */
@ExtendWith(OutputCaptureExtension.class)
class AuditTrailIT extends SecuritySuite {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withGeneratedTenant(17, 20);

    private List<JsonNode> events() {
        Answer answer = api.get("/api/v1/audit-events?size=200");
        assertThat(answer.status()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        answer.body().path("items").forEach(events::add);
        return events;
    }

    private static List<String> actions(List<JsonNode> events) {
        return events.stream().map(e -> e.path("action").asString()).toList();
    }

    private static JsonNode first(List<JsonNode> events, String action) {
        return events.stream()
                .filter(e -> e.path("action").asString().equals(action))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + action + " in " + actions(events)));
    }

    @Test
    void settingsChangesKeepTheFieldsThatChangedBeforeAndAfter_12_8(CapturedOutput output) {
        api.patch("/api/v1/settings", "{\"extensionCapacity\":500,\"timeZone\":\"Asia/Shanghai\"}");
        api.patch("/api/v1/settings", "{\"extensionCapacity\":500}");

        List<JsonNode> events = events();
        assertThat(actions(events)).containsExactly("SETTINGS_CHANGED", "SIGNED_IN");
        JsonNode changed = events.get(0);
        assertThat(changed.path("actor").asString()).isEqualTo("admin");
        assertThat(changed.path("target").asString()).isEqualTo("pbx-settings");
        assertThat(changed.path("at").asString()).isEqualTo("2026-11-22T08:00:00Z");
        JsonNode changes = changed.path("details").path("changes");
        assertThat(changes.path("extensionCapacity").path("before").asInt()).isEqualTo(1000);
        assertThat(changes.path("extensionCapacity").path("after").asInt()).isEqualTo(500);
        assertThat(changes.path("timeZone").path("after").asString()).isEqualTo("Asia/Shanghai");
        assertThat(changes.has("defaultCountry"))
                .as("unchanged fields are left out")
                .isFalse();

        assertThat(output.getAll()).contains("Audit: SETTINGS_CHANGED by admin on pbx-settings");
    }

    @Test
    void theAuditTrailIsPagedNewestFirstAndOnlyForTheAdministrator_12_8() {
        for (int capacity = 501; capacity <= 505; capacity++) {
            api.patch("/api/v1/settings", "{\"extensionCapacity\":" + capacity + "}");
        }

        Answer page = api.get("/api/v1/audit-events?page=0&size=2");
        assertThat(page.body().path("total").asInt()).isEqualTo(6);
        assertThat(page.body().path("size").asInt()).isEqualTo(2);
        assertThat(page.body()
                        .path("items")
                        .get(0)
                        .path("details")
                        .path("changes")
                        .path("extensionCapacity")
                        .path("after")
                        .asInt())
                .isEqualTo(505);
        Answer last = api.get("/api/v1/audit-events?page=2&size=2");
        assertThat(last.body().path("items").get(1).path("action").asString()).isEqualTo("SIGNED_IN");

        assertThat(api.anonymous("GET", "/api/v1/audit-events", null).status()).isEqualTo(401);
    }

    @Test
    void connectingSyncingHeldDeletionsAndDisconnectingAreRecordedWithoutSecrets_12_8(
            GraphEmulator emulator, CapturedOutput output) {
        String secret = EmulatedTenant.configure(api, emulator, "APPLICATION");
        api.post("/api/v1/integration/sign-in", null);
        api.put("/api/v1/integration/user-sync", "{\"enabled\":true,\"range\":\"ALL\",\"startNumber\":\"2000\"}");
        await().atMost(Duration.ofSeconds(60)).until(() -> actions(events()).contains("SYNC_FINISHED"));

        UUID heldTarget = UUID.randomUUID();
        jdbc.sql("INSERT INTO held_deletion (id, run_id, object_type, target_id, source_id, display_name, created_at)"
                        + " VALUES (?, ?, 'EXTENSION', ?, 'source', '2042 Held Person', CURRENT_TIMESTAMP)")
                .params(UUID.randomUUID(), UUID.randomUUID(), heldTarget)
                .update();
        assertThat(api.post("/api/v1/integration/held-deletions/discard", "{}").status())
                .isEqualTo(200);
        api.post("/api/v1/integration/disable", "{}");
        api.post("/api/v1/integration/enable", "{}");
        api.post("/api/v1/integration/disconnect", "{}");

        List<JsonNode> events = events();
        assertThat(actions(events))
                .containsSubsequence(
                        "DISCONNECTED",
                        "ENABLED",
                        "DISABLED",
                        "DELETIONS_DISCARDED",
                        "SYNC_FINISHED",
                        "SYNC_STARTED",
                        "CONNECTED",
                        "SETTINGS_CHANGED");
        JsonNode settings = events.stream()
                .filter(e -> e.path("target").asString().equals("integration"))
                .filter(e -> e.path("action").asString().equals("SETTINGS_CHANGED"))
                .reduce((newer, older) -> older)
                .orElseThrow();
        assertThat(settings.path("details")
                        .path("changes")
                        .path("clientSecret")
                        .path("changed")
                        .asBoolean())
                .isTrue();
        assertThat(settings.path("details")
                        .path("changes")
                        .path("clientId")
                        .path("after")
                        .asString())
                .isEqualTo(emulator.clientId());
        JsonNode userSync = events.stream()
                .filter(e -> e.path("target").asString().equals("integration/user-sync"))
                .findFirst()
                .orElseThrow();
        assertThat(userSync.path("details")
                        .path("changes")
                        .path("enabled")
                        .path("after")
                        .asBoolean())
                .isTrue();
        JsonNode finished = first(events, "SYNC_FINISHED");
        assertThat(finished.path("target").asString()).startsWith("sync-run/");
        assertThat(finished.path("details").path("created").asInt()).isPositive();
        assertThat(first(events, "DELETIONS_DISCARDED")
                        .path("details")
                        .path("count")
                        .asInt())
                .isEqualTo(1);
        assertThat(first(events, "DISCONNECTED").path("details").has("deleteSyncedExtensions"))
                .isTrue();

        String everything = api.get("/api/v1/audit-events?size=200").raw().body();
        assertThat(everything).doesNotContain(secret).doesNotContain(Api.ADMIN_PASSWORD);
        assertThat(output.getAll()).doesNotContain(secret).contains("Audit: SYNC_FINISHED");
    }

    @Test
    void thePortalShowsRecentActivityInBothLanguages_12_8() {
        api.patch("/api/v1/settings", "{\"extensionCapacity\":600}");
        Browser portal = new Browser();
        portal.signIn("admin", Api.ADMIN_PASSWORD);

        String english = portal.get("/?lang=en").body();
        assertThat(english)
                .contains("Recent activity")
                .contains("Settings changed")
                .contains("data-action=\"SIGNED_IN\"");
        String chinese = portal.get("/?lang=zh-CN").body();
        assertThat(chinese).contains("最近活动").contains("设置已更改");
        assertThat(Map.of("english", english, "chinese", chinese).values())
                .allSatisfy(page -> assertThat(page).doesNotContain(Api.ADMIN_PASSWORD));
    }
}
