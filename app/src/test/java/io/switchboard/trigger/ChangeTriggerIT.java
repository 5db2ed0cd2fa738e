package io.switchboard.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.emulator.Delivery;
import io.switchboard.emulator.EntraGroup;
import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.GraphEmulatorExtension;
import io.switchboard.emulator.LifecycleEvent;
import io.switchboard.emulator.SubscriptionInfo;
import io.switchboard.emulator.Tenant;
import io.switchboard.testing.Api.Answer;
import io.switchboard.testing.EmulatedTenant;
import io.switchboard.testing.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Change-triggered sync end to end (M2): Switchboard subscribes to users and groups at the
 * emulated Graph, which validates our notification URL and posts real change notifications to it;
 * the debounce runs on the injected clock, so the tests advance time instead of sleeping.
 */
class ChangeTriggerIT extends IntegrationTest {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withEmptyTenant();

    @Autowired
    ChangeTrigger trigger;

    private GraphEmulator emulator;
    private Tenant tenant;
    private final List<String> users = new ArrayList<>();

    @BeforeEach
    void connectAndSync(GraphEmulator emulator) {
        this.emulator = emulator;
        this.tenant = emulator.tenant();
        emulator.clock().set(clock.instant());
        emulator.app().grantAdminConsent();
        emulator.subscriptions().forEach(s -> emulator.sendLifecycleEvent(s.id(), LifecycleEvent.SUBSCRIPTION_REMOVED));
        tenant.users().forEach(u -> tenant.purgeUser(u.id()));
        tenant.groups().forEach(g -> tenant.purgeGroup(g.id()));
        users.clear();
        for (int i = 0; i < 12; i++) {
            users.add(tenant.createUser(b -> b.displayName("User " + users.size())
                            .givenName("User")
                            .surname("N" + users.size())
                            .mail("user" + users.size() + "@contoso.example"))
                    .id());
        }
        assertThat(api.patch("/api/v1/settings", "{\"publicBaseUrl\":\"http://localhost:" + port + "\"}")
                        .status())
                .isEqualTo(200);
        EmulatedTenant.connect(api, emulator);
        assertThat(api.put("/api/v1/integration/change-trigger", "{\"enabled\":true}")
                        .status())
                .isEqualTo(200);
        assertThat(api.put("/api/v1/integration/user-sync", "{\"enabled\":true,\"range\":\"ALL\"}")
                        .status())
                .isEqualTo(200);
        awaitRunCount(1);
    }

    private List<SubscriptionInfo> ours() {
        return emulator.subscriptions().stream()
                .filter(s ->
                        s.notificationUrl().equals("http://localhost:" + port + "/integration/graph-notifications"))
                .toList();
    }

    private SubscriptionInfo ours(String resource) {
        return ours().stream()
                .filter(s -> s.resource().equals(resource))
                .findFirst()
                .orElseThrow();
    }

    private JsonNode changeTrigger() {
        return api.get("/api/v1/integration/change-trigger").body();
    }

    private List<JsonNode> runs() {
        return api.get("/api/v1/sync-runs").body().path("items").valueStream().toList();
    }

    private JsonNode awaitRunCount(int count) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<JsonNode> runs = runs();
            assertThat(runs).as(runs::toString).hasSizeGreaterThanOrEqualTo(count);
            assertThat(runs.get(0).path("state").asString()).as(runs::toString).isNotEqualTo("RUNNING");
        });
        List<JsonNode> runs = runs();
        assertThat(runs).hasSize(count);
        return runs.get(0);
    }

    private long notificationsDelivered() {
        return emulator.deliveries().stream()
                .filter(d -> d.kind().equals("notification") && d.status() == 202)
                .count();
    }

    private void awaitPending(int events) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> changeTrigger().path("pendingEvents").asInt() == events);
    }

    private void advance(Duration duration) {
        clock.advance(duration);
        emulator.clock().advance(duration);
        api.signIn();
    }

    @Test
    void subscribesToUsersAndGroupsThroughAValidatedNotificationUrl_M2() {
        List<SubscriptionInfo> subscriptions = ours();

        assertThat(subscriptions).extracting(SubscriptionInfo::resource).containsExactlyInAnyOrder("users", "groups");
        assertThat(subscriptions).allSatisfy(s -> {
            assertThat(s.changeType()).isEqualTo("updated,deleted");
            assertThat(s.lifecycleNotificationUrl())
                    .isEqualTo("http://localhost:" + port + "/integration/graph-lifecycle");
            assertThat(s.clientState()).hasSizeBetween(32, 128);
            assertThat(s.expirationDateTime()).isAfter(clock.instant().plus(Duration.ofDays(2)));
        });
        assertThat(subscriptions.get(0).clientState())
                .isNotEqualTo(subscriptions.get(1).clientState());
        assertThat(emulator.deliveries().stream().filter(d -> d.kind().equals("validation")))
                .hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(d -> assertThat(d.status()).isEqualTo(200));
        JsonNode view = changeTrigger();
        assertThat(view.path("effectiveMode").asString()).isEqualTo("WEBHOOK");
        assertThat(view.path("delay").asString()).isEqualTo("PT10M");
        assertThat(view.path("eventThreshold").asInt()).isEqualTo(10);
        assertThat(view.path("subscriptions")).hasSize(2);
        assertThat(view.toString()).doesNotContain(subscriptions.get(0).clientState());
        String stored = jdbc.sql("SELECT client_state_hash FROM graph_subscription WHERE id = ?")
                .param(subscriptions.get(0).id())
                .query(String.class)
                .single();
        assertThat(stored).isNotEqualTo(subscriptions.get(0).clientState());
    }

    @Test
    void aChangeSyncsWhenTheTenMinuteDelayEnds_M2() {
        tenant.updateUser(users.get(0), b -> b.jobTitle("Head of Sales"));
        awaitPending(1);

        advance(Duration.ofMinutes(9).plusSeconds(59));
        assertThat(trigger.fireIfDue()).isFalse();
        assertThat(runs()).hasSize(1);

        advance(Duration.ofSeconds(1));
        trigger.fireIfDue();
        JsonNode run = awaitRunCount(2);

        assertThat(run.path("trigger").asString()).isEqualTo("CHANGE");
        assertThat(run.path("kind").asString()).isEqualTo("DELTA");
        assertThat(run.path("counts").path("updated").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/extensions?q=user0@contoso.example")
                        .body()
                        .path("items")
                        .get(0)
                        .path("jobTitle")
                        .asString())
                .isEqualTo("Head of Sales");
        assertThat(changeTrigger().path("pendingEvents").asInt()).isZero();
    }

    @Test
    void tenGatheredChangesSyncAtOnce_M2() {
        for (int i = 0; i < 9; i++) {
            int n = i;
            tenant.updateUser(users.get(i), b -> b.jobTitle("Title " + n));
        }
        awaitPending(9);
        assertThat(runs()).hasSize(1);

        tenant.updateUser(users.get(9), b -> b.jobTitle("Title 9"));
        JsonNode run = awaitRunCount(2);

        assertThat(run.path("trigger").asString()).isEqualTo("CHANGE");
        assertThat(run.path("counts").path("updated").asInt()).isEqualTo(10);
    }

    @Test
    void anInstantTriggerSyncsAtTheFirstChange_M2() {
        assertThat(api.put("/api/v1/integration/change-trigger", "{\"delay\":\"PT0S\"}")
                        .status())
                .isEqualTo(200);

        tenant.updateUser(users.get(3), b -> b.jobTitle("Instant"));

        assertThat(awaitRunCount(2).path("trigger").asString()).isEqualTo("CHANGE");
    }

    @Test
    void aNotificationWithAWrongClientStateIsRefusedAndTriggersNothing_M2() {
        tenant.updateUser(users.get(1), b -> b.jobTitle("Genuine"));
        await().atMost(Duration.ofSeconds(10)).until(() -> notificationsDelivered() == 1);
        awaitPending(1);
        Delivery genuine = emulator.deliveries().stream()
                .filter(d -> d.kind().equals("notification"))
                .findFirst()
                .orElseThrow();
        String clientState = ours("users").clientState();
        String forged = genuine.body().replace(clientState, "not-the-client-state");
        assertThat(forged).isNotEqualTo(genuine.body());

        for (int i = 0; i < 12; i++) {
            Answer answer = api.anonymous("POST", "/integration/graph-notifications", forged);
            assertThat(answer.status()).isEqualTo(202);
        }

        assertThat(changeTrigger().path("pendingEvents").asInt()).isEqualTo(1);
        assertThat(runs()).hasSize(1);
        Answer replayed = api.anonymous("POST", "/integration/graph-notifications", genuine.body());
        assertThat(replayed.status()).isEqualTo(202);
        assertThat(changeTrigger().path("pendingEvents").asInt()).isEqualTo(2);
    }

    @Test
    void theValidationHandshakeEchoesTheTokenAsPlainText_M2() throws Exception {
        String token = "Validation: Testing client application reachability <script>&</script>";
        var response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                                        + "/integration/graph-notifications?validationToken="
                                        + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8)))
                                .header("Content-Type", "text/plain; charset=utf-8")
                                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(token);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    }

    @Test
    void changesOutsideTheSyncScopeCountForNothing_M2() {
        EntraGroup sales = tenant.createGroup(EntraGroup.security(Tenant.newObjectId(), "Sales"));
        tenant.addMember(sales.id(), users.get(0));
        assertThat(api.put(
                                "/api/v1/integration/user-sync",
                                "{\"range\":\"GROUPS\",\"groupIds\":[\"" + sales.id() + "\"]}")
                        .status())
                .isEqualTo(200);
        trigger.fireIfDue();
        await().atMost(Duration.ofSeconds(10)).until(() -> notificationsDelivered() >= 1);
        assertThat(api.post("/api/v1/integration/sync", null).status()).isEqualTo(202);
        awaitRunCount(2);
        long before = notificationsDelivered();
        int pendingBefore = changeTrigger().path("pendingEvents").asInt();

        tenant.updateUser(users.get(5), b -> b.jobTitle("Not in Sales"));
        await().atMost(Duration.ofSeconds(10)).until(() -> notificationsDelivered() > before);

        assertThat(changeTrigger().path("pendingEvents").asInt()).isEqualTo(pendingBefore);
        tenant.updateUser(users.get(0), b -> b.jobTitle("In Sales"));
        awaitPending(pendingBefore + 1);
    }

    @Test
    void aReauthorizationLifecycleEventRenewsTheSubscriptionAndRunsADeltaSync_M2() {
        SubscriptionInfo users = ours("users");
        advance(Duration.ofHours(2));

        assertThat(emulator.sendLifecycleEvent(users.id(), LifecycleEvent.REAUTHORIZATION_REQUIRED))
                .isTrue();

        await().atMost(Duration.ofSeconds(15))
                .until(() -> ours().stream()
                        .anyMatch(s -> s.id().equals(users.id())
                                && !s.paused()
                                && s.expirationDateTime().isAfter(users.expirationDateTime())));
        JsonNode run = awaitRunCount(2);
        assertThat(run.path("trigger").asString()).isEqualTo("CHANGE");
        assertThat(run.path("kind").asString()).isEqualTo("DELTA");
    }

    @Test
    void aRemovedSubscriptionIsCreatedAgainAndADeltaSyncRuns_M2() {
        SubscriptionInfo groups = ours("groups");

        emulator.sendLifecycleEvent(groups.id(), LifecycleEvent.SUBSCRIPTION_REMOVED);

        await().atMost(Duration.ofSeconds(15))
                .until(() ->
                        ours().stream().anyMatch(s -> s.resource().equals("groups") && !s.id().equals(groups.id())));
        assertThat(ours()).hasSize(2);
        assertThat(awaitRunCount(2).path("trigger").asString()).isEqualTo("CHANGE");
    }

    @Test
    void subscriptionsGoOnPauseDisableAndDisconnectAndComeBackOnResume_M2_M4_M6_M7() {
        assertThat(ours()).hasSize(2);

        api.put("/api/v1/integration/user-sync", "{\"enabled\":false}");
        assertThat(ours()).isEmpty();
        assertThat(changeTrigger().path("effectiveMode").asString()).isEqualTo("OFF");

        api.put("/api/v1/integration/user-sync", "{\"enabled\":true}");
        assertThat(ours()).hasSize(2);

        assertThat(api.post("/api/v1/integration/disable", "{}").status()).isEqualTo(200);
        assertThat(ours()).isEmpty();
        assertThat(api.put("/api/v1/integration/change-trigger", "{\"delay\":\"PT5M\"}")
                        .code())
                .isEqualTo("SETTINGS_FROZEN");
        assertThat(api.put("/api/v1/integration/schedule", "{\"time\":\"03:00\"}")
                        .code())
                .isEqualTo("SETTINGS_FROZEN");
        assertThat(api.put("/api/v1/integration/deletion-guard", "{\"minimum\":50}")
                        .code())
                .isEqualTo("SETTINGS_FROZEN");
        tenant.updateUser(users.get(2), b -> b.jobTitle("While disabled"));
        assertThat(trigger.pollIfDue()).isFalse();

        assertThat(api.post("/api/v1/integration/enable", null).status()).isEqualTo(200);
        assertThat(ours()).hasSize(2);

        assertThat(api.post("/api/v1/integration/disconnect", "{}").status()).isEqualTo(200);
        assertThat(emulator.subscriptions()).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM graph_subscription")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void withoutAnHttpsPublicUrlChangesArePolled_M2() {
        api.patch("/api/v1/settings", "{\"publicBaseUrl\":\"http://pbx.contoso.example\"}");
        trigger.maintain();

        JsonNode view = changeTrigger();
        assertThat(view.path("effectiveMode").asString()).isEqualTo("POLLING");
        assertThat(view.path("statusReason").asString()).contains("https");
        assertThat(view.path("statusReasonCode").asString()).isEqualTo("HTTPS_REQUIRED");
        assertThat(ours()).isEmpty();
    }

    @Test
    void pollingGraphDeltaFeedsTheSameTrigger_M2() {
        assertThat(api.put("/api/v1/integration/change-trigger", "{\"mode\":\"POLLING\",\"pollInterval\":\"PT5M\"}")
                        .status())
                .isEqualTo(200);
        assertThat(ours()).isEmpty();
        assertThat(changeTrigger().path("effectiveMode").asString()).isEqualTo("POLLING");

        tenant.updateUser(users.get(4), b -> b.jobTitle("Polled"));
        tenant.updateUser(users.get(5), b -> b.jobTitle("Polled too"));
        assertThat(trigger.pollIfDue()).isTrue();
        assertThat(changeTrigger().path("pendingEvents").asInt()).isEqualTo(2);

        assertThat(trigger.pollIfDue()).as("the interval has not passed").isFalse();
        advance(Duration.ofMinutes(5));
        assertThat(trigger.pollIfDue()).isTrue();
        assertThat(changeTrigger().path("pendingEvents").asInt())
                .as("a change is counted once")
                .isEqualTo(2);

        advance(Duration.ofMinutes(5));
        trigger.fireIfDue();
        JsonNode run = awaitRunCount(2);
        assertThat(run.path("trigger").asString()).isEqualTo("CHANGE");
        assertThat(run.path("counts").path("updated").asInt()).isEqualTo(2);
        Set<String> titles = api.get("/api/v1/extensions?size=50")
                .body()
                .path("items")
                .valueStream()
                .map(e -> e.path("jobTitle").asString())
                .collect(Collectors.toSet());
        assertThat(titles).contains("Polled", "Polled too");
        assertThat(changeTrigger().path("lastPolledAt").asString()).isNotEmpty();
        assertThat(Instant.parse(changeTrigger().path("lastPolledAt").asString()))
                .isBeforeOrEqualTo(clock.instant());
    }

    @Test
    void subscriptionsAreRenewedWhenLessThanADayIsLeft_M2() {
        SubscriptionInfo before = ours("users");

        advance(Duration.ofHours(47));
        trigger.maintain();
        assertThat(ours()).extracting(SubscriptionInfo::expirationDateTime).contains(before.expirationDateTime());

        advance(Duration.ofHours(2));
        trigger.maintain();
        SubscriptionInfo after = ours().stream()
                .filter(s -> s.id().equals(before.id()))
                .findFirst()
                .orElseThrow();
        assertThat(after.expirationDateTime())
                .isAfter(before.expirationDateTime().plus(Duration.ofDays(1)));
        assertThat(ours()).hasSize(2);
        assertThat(changeTrigger().path("effectiveMode").asString()).isEqualTo("WEBHOOK");
    }

    @Test
    void aMissedNotificationsEventRunsADeltaSync_M2() {
        SubscriptionInfo users = ours().get(0);

        emulator.sendLifecycleEvent(users.id(), LifecycleEvent.MISSED);

        JsonNode run = awaitRunCount(2);
        assertThat(run.path("trigger").asString()).isEqualTo("CHANGE");
        assertThat(ours()).extracting(SubscriptionInfo::id).contains(users.id());
    }

    @Test
    void aNewConnectionSubscribesAgainAtOnce_M2() {
        api.post("/api/v1/integration/disconnect", "{}");
        assertThat(ours()).isEmpty();

        EmulatedTenant.connect(api, emulator);

        await().atMost(Duration.ofSeconds(15)).until(() -> ours().size() == 2);
        assertThat(changeTrigger().path("effectiveMode").asString()).isEqualTo("WEBHOOK");
    }

    @Test
    void noRecurringJobFiresByItselfInTheTestsOnlyWhenTheTestCallsIt_M2() {
        assertThat(jdbc.sql("SELECT task_name FROM scheduled_tasks")
                        .query(String.class)
                        .list())
                .as(
                        "the tick, the upkeep, the janitor and the outbox wait for the test; the schedule follows its clock")
                .containsExactly("scheduled-sync");
    }
}
