package io.switchboard.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.GraphEmulatorExtension;
import io.switchboard.emulator.LifecycleEvent;
import io.switchboard.emulator.Presence;
import io.switchboard.emulator.SubscriptionInfo;
import io.switchboard.emulator.Tenant;
import io.switchboard.testing.Api;
import io.switchboard.testing.Api.Answer;
import io.switchboard.testing.Browser;
import io.switchboard.testing.EmulatedTenant;
import io.switchboard.testing.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Teams presence end to end (T1–T2, issue 18) against the emulated Graph: polling with application
 * permissions, change notifications with delegated ones. Time moves on the injected clock and the
 * loop is ticked by the test; notifications really travel over HTTP from the emulator.
 */
class PresenceSyncIT extends IntegrationTest {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withEmptyTenant();

    @Autowired
    PresenceLoop loop;

    @Autowired
    PresenceApplier applier;

    @Autowired
    PresenceInbox inbox;

    private GraphEmulator emulator;
    private Tenant tenant;
    private final List<String> users = new ArrayList<>();
    private final HttpClient browser =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void emptyTenant(GraphEmulator emulator) {
        this.emulator = emulator;
        this.tenant = emulator.tenant();
        emulator.clock().set(clock.instant());
        emulator.presence().requestBudget(1_500);
        emulator.app().grantAdminConsent();
        emulator.subscriptions().forEach(s -> emulator.sendLifecycleEvent(s.id(), LifecycleEvent.SUBSCRIPTION_REMOVED));
        tenant.users().forEach(u -> tenant.purgeUser(u.id()));
        tenant.groups().forEach(g -> tenant.purgeGroup(g.id()));
        users.clear();
        resetPresence();
    }

    @AfterEach
    void resetPresence() {
        jdbc.sql("UPDATE presence_sync SET enabled = FALSE, leader = NULL, lease_until = NULL")
                .update();
        jdbc.sql("DELETE FROM presence_subscription").update();
        loop.reset();
        applier.forgetDelays();
    }

    private void createUsers(int count) {
        for (int i = 0; i < count; i++) {
            int n = users.size();
            users.add(tenant.createUser(b -> b.displayName("User " + n)
                            .givenName("User")
                            .surname("N" + n)
                            .mail("user" + n + "@contoso.example"))
                    .id());
        }
    }

    private void connectWithApplicationPermissions() {
        EmulatedTenant.configure(api, emulator, "APPLICATION");
        emulator.app()
                .setApplicationPermissions(
                        Set.of("User.Read.All", "Group.Read.All", "Directory.Read.All", "Presence.Read.All"));
        assertThat(api.post("/api/v1/integration/sign-in", null)
                        .body()
                        .path("integration")
                        .path("status")
                        .asString())
                .isEqualTo("CONNECTED");
        syncUsers();
    }

    /** The ID token's expiry is checked on the system clock, so both clocks start from now here. */
    private void connectDelegated() throws Exception {
        clock.set(Instant.now());
        emulator.clock().set(clock.instant());
        api.signIn();
        api.patch("/api/v1/settings", "{\"publicBaseUrl\":\"" + api.base() + "\"}");
        emulator.app().addRedirectUri(api.base() + "/integration/callback");
        EmulatedTenant.configure(api, emulator, "DELEGATED");
        emulator.app().signInAs(users.get(0));
        String authorizationUrl = api.post("/api/v1/integration/sign-in", null).text("authorizationUrl");
        HttpResponse<String> atMicrosoft = browser.send(
                HttpRequest.newBuilder(URI.create(authorizationUrl)).build(), HttpResponse.BodyHandlers.ofString());
        String back = atMicrosoft.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> callback =
                browser.send(HttpRequest.newBuilder(URI.create(back)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(callback.headers().firstValue("Location").orElseThrow())
                .as(() -> api.get("/api/v1/integration").body().toString())
                .endsWith("integration=connected");
        syncUsers();
    }

    private void syncUsers() {
        assertThat(api.put("/api/v1/integration/user-sync", "{\"enabled\":true,\"range\":\"ALL\"}")
                        .status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM extension WHERE source_id IS NOT NULL")
                                .query(Integer.class)
                                .single()
                        >= users.size());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/v1/sync-runs")
                        .body()
                        .path("items")
                        .valueStream()
                        .noneMatch(r -> r.path("state").asString().equals("RUNNING")));
    }

    private UUID extensionOf(String userId) {
        return jdbc.sql("SELECT id FROM extension WHERE source_id = ?")
                .param(userId)
                .query(UUID.class)
                .single();
    }

    private String presenceOf(String userId) {
        return api.get("/api/v1/extensions/" + extensionOf(userId)).text("presence");
    }

    private Answer follow(String userId, String mapping) {
        return api.put(
                "/api/v1/extensions/" + extensionOf(userId) + "/teams-presence",
                "{\"enabled\":true" + (mapping == null ? "" : ",\"mapping\":" + mapping) + "}");
    }

    private void switchOn() {
        assertThat(api.put("/api/v1/integration/presence-sync", "{\"enabled\":true}")
                        .status())
                .isEqualTo(200);
    }

    private void teams(String userId, String availability) {
        emulator.presence().set(userId, availability, availability.equals("Busy") ? "InAMeeting" : availability);
    }

    private void advance(Duration duration) {
        clock.advance(duration);
        emulator.clock().advance(duration);
        api.signIn();
    }

    private void pollAgain() {
        advance(Duration.ofSeconds(61));
        loop.tick();
    }

    @Test
    void appliesDefaultAndCustomMappingsAtOnceOnEnableThenOnEveryTeamsChange_T1_T2() {
        createUsers(3);
        connectWithApplicationPermissions();
        teams(users.get(0), "Busy");
        teams(users.get(1), "Busy");
        teams(users.get(2), "Busy");
        switchOn();

        Answer defaults = api.get("/api/v1/extensions/" + extensionOf(users.get(0)) + "/teams-presence");
        assertThat(defaults.body().path("enabled").asBoolean()).isFalse();
        assertThat(defaults.body().path("mapping").toString())
                .isEqualTo("{\"AVAILABLE\":\"AVAILABLE\",\"BUSY\":\"AWAY\",\"DO_NOT_DISTURB\":\"DO_NOT_DISTURB\","
                        + "\"BE_RIGHT_BACK\":\"AWAY\",\"APPEAR_AWAY\":\"OFF_WORK\",\"APPEAR_OFFLINE\":\"OFF_WORK\"}");

        assertThat(follow(users.get(0), null).status()).isEqualTo(200);
        assertThat(follow(users.get(1), "{\"BUSY\":\"DO_NOT_DISTURB\",\"APPEAR_OFFLINE\":\"LUNCH_BREAK\"}")
                        .body()
                        .path("mapping")
                        .path("AVAILABLE")
                        .asString())
                .isEqualTo("AVAILABLE");

        assertThat(presenceOf(users.get(0))).isEqualTo("AWAY");
        assertThat(presenceOf(users.get(1))).isEqualTo("DO_NOT_DISTURB");
        assertThat(presenceOf(users.get(2)))
                .as("not enabled for this extension")
                .isEqualTo("AVAILABLE");

        teams(users.get(0), "DoNotDisturb");
        teams(users.get(1), "Offline");
        teams(users.get(2), "DoNotDisturb");
        pollAgain();

        assertThat(presenceOf(users.get(0))).isEqualTo("DO_NOT_DISTURB");
        assertThat(presenceOf(users.get(1))).isEqualTo("LUNCH_BREAK");
        assertThat(presenceOf(users.get(2))).isEqualTo("AVAILABLE");
        Answer status = api.get("/api/v1/integration/presence-sync");
        assertThat(status.text("mode")).isEqualTo("POLLING");
        assertThat(status.text("modeReason")).isEqualTo("APPLICATION_MODE");
        assertThat(status.text("modeReasonText")).contains("application permissions");
        assertThat(status.body().path("followingUsers").asInt()).isEqualTo(2);
        assertThat(status.body().path("changesLastMinutes").asInt()).isEqualTo(2);
        assertThat(status.text("delayP95"))
                .as("from the previous poll to the write: an upper bound of the delay")
                .isEqualTo("PT1M1S");
    }

    @Test
    void keepsAPbxSetPresenceUntilTeamsChangesAndIgnoresPresenceUnknown_T2() {
        createUsers(2);
        connectWithApplicationPermissions();
        teams(users.get(0), "Available");
        teams(users.get(1), "Available");
        switchOn();
        follow(users.get(0), null);
        follow(users.get(1), null);
        assertThat(presenceOf(users.get(0))).isEqualTo("AVAILABLE");

        UUID ext = extensionOf(users.get(0));
        assertThat(api.patch("/api/v1/extensions/" + ext, "{\"presence\":\"LUNCH_BREAK\"}")
                        .status())
                .isEqualTo(200);
        int presenceRequests = emulator.requestLog().count("presence");
        assertThat(emulator.presence().get(users.get(0)).availability())
                .as("one-way: a PBX change never reaches Teams")
                .isEqualTo("Available");
        assertThat(emulator.requestLog().count("presence")).isEqualTo(presenceRequests);

        pollAgain();
        assertThat(presenceOf(users.get(0)))
                .as("a poll that sees no change re-applies nothing")
                .isEqualTo("LUNCH_BREAK");

        emulator.presence().setTeams(users.get(1), false);
        pollAgain();
        assertThat(presenceOf(users.get(1)))
                .as("PresenceUnknown changes nothing")
                .isEqualTo("AVAILABLE");

        teams(users.get(0), "BeRightBack");
        pollAgain();
        assertThat(presenceOf(users.get(0))).isEqualTo("AWAY");
    }

    @Test
    void stopsFollowingWhenDisabledPerExtensionOrGloballyAndRefusesLocalExtensions_T1() {
        createUsers(2);
        connectWithApplicationPermissions();
        teams(users.get(0), "Busy");
        teams(users.get(1), "Busy");
        follow(users.get(0), null);
        follow(users.get(1), null);
        assertThat(presenceOf(users.get(0))).as("the global switch is off").isEqualTo("AVAILABLE");

        switchOn();
        assertThat(presenceOf(users.get(0)))
                .as("applied at once when the switch goes on")
                .isEqualTo("AWAY");
        assertThat(presenceOf(users.get(1))).isEqualTo("AWAY");

        api.put("/api/v1/extensions/" + extensionOf(users.get(1)) + "/teams-presence", "{\"enabled\":false}");
        teams(users.get(0), "Available");
        teams(users.get(1), "Available");
        pollAgain();
        assertThat(presenceOf(users.get(0))).isEqualTo("AVAILABLE");
        assertThat(presenceOf(users.get(1))).isEqualTo("AWAY");

        api.put("/api/v1/integration/presence-sync", "{\"enabled\":false}");
        teams(users.get(0), "DoNotDisturb");
        pollAgain();
        assertThat(presenceOf(users.get(0))).isEqualTo("AVAILABLE");
        assertThat(api.get("/api/v1/integration/presence-sync").text("mode")).isEqualTo("OFF");

        String local = api.post(
                        "/api/v1/extensions",
                        "{\"number\":\"7001\",\"firstName\":\"Local\",\"lastName\":\"Phone\",\"presence\":\"AVAILABLE\"}")
                .text("id");
        Answer refused = api.get("/api/v1/extensions/" + local + "/teams-presence");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("NOT_SYNCED");
        assertThat(api.put("/api/v1/extensions/" + local + "/teams-presence", "{\"enabled\":true}")
                        .code())
                .isEqualTo("NOT_SYNCED");
    }

    @Test
    void pollsMoreThan650UsersInChunksAndLosesNothingWhenThrottled_T2() {
        createUsers(700);
        connectWithApplicationPermissions();
        for (String user : users) {
            assertThat(follow(user, null).status()).isEqualTo(200);
        }
        emulator.requestLog().clear();
        switchOn();
        assertThat(emulator.requestLog().matching("getPresencesByUserId"))
                .as("two requests of at most 650 ids")
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM extension WHERE presence = 'OFF_WORK' AND source_id IS NOT NULL")
                        .query(Integer.class)
                        .single())
                .as("Teams users start Offline")
                .isEqualTo(700);

        Map<String, Presence> busy = new HashMap<>();
        users.forEach(u -> busy.put(u, new Presence("Busy", "InACall")));
        emulator.presence().setAll(busy);
        advance(Duration.ofSeconds(30 - clock.instant().getEpochSecond() % 30));
        emulator.presence().requestBudget(1);
        emulator.requestLog().clear();
        loop.dueNow();
        loop.tick();

        assertThat(emulator.requestLog().matching("getPresencesByUserId"))
                .extracting(r -> r.status())
                .containsExactly(200, 429);
        Answer throttled = api.get("/api/v1/integration/presence-sync");
        assertThat(throttled.body().path("throttledUntil").isNull()).isFalse();
        assertThat(throttled.text("pollInterval")).isEqualTo("PT4S");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM extension WHERE presence = 'AWAY'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(650);

        loop.tick();
        assertThat(emulator.requestLog().count("getPresencesByUserId"))
                .as("waits for Retry-After")
                .isEqualTo(2);

        advance(Duration.ofSeconds(30));
        loop.tick();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM extension WHERE presence = 'AWAY'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(700);
    }

    private List<SubscriptionInfo> presenceSubscriptions() {
        return emulator.subscriptions().stream()
                .filter(s -> s.resource().startsWith("communications/presences"))
                .toList();
    }

    @Test
    void followsNotificationsInSubscriptionsRenewedAndRecreatedWhenLost_T2() throws Exception {
        createUsers(3);
        connectDelegated();
        teams(users.get(0), "Available");
        for (String user : users) {
            follow(user, null);
        }
        switchOn();

        List<SubscriptionInfo> subscriptions = presenceSubscriptions();
        assertThat(subscriptions).hasSize(1);
        SubscriptionInfo first = subscriptions.get(0);
        assertThat(first.changeType()).isEqualTo("updated");
        assertThat(first.delegated()).isTrue();
        assertThat(first.notificationUrl()).endsWith("/integration/graph-notifications?kind=presence");
        assertThat(first.resource()).contains(users.get(0)).contains(users.get(2));
        assertThat(first.expirationDateTime()).isBefore(clock.instant().plus(Duration.ofMinutes(60)));
        Answer status = api.get("/api/v1/integration/presence-sync");
        assertThat(status.text("mode")).isEqualTo("NOTIFICATIONS");
        assertThat(status.text("modeReason")).isEqualTo("NOTIFICATIONS_ACTIVE");
        assertThat(status.text("pollInterval")).isEqualTo("PT1M");

        teams(users.get(0), "DoNotDisturb");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> presenceOf(users.get(0)).equals("DO_NOT_DISTURB"));

        advance(Duration.ofMinutes(45));
        loop.tick();
        assertThat(presenceSubscriptions()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(first.id());
            assertThat(s.expirationDateTime()).isAfter(first.expirationDateTime());
        });

        emulator.sendLifecycleEvent(first.id(), LifecycleEvent.SUBSCRIPTION_REMOVED);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> presenceSubscriptions().size() == 1
                        && !presenceSubscriptions().get(0).id().equals(first.id()));
        inbox.settle();
        String second = presenceSubscriptions().get(0).id();

        advance(Duration.ofMinutes(61));
        teams(users.get(1), "Busy");
        loop.tick();
        assertThat(presenceSubscriptions())
                .as("a lapsed subscription is recreated")
                .singleElement()
                .satisfies(s -> assertThat(s.id()).isNotEqualTo(second));
        assertThat(presenceOf(users.get(1)))
                .as("the users of a lost subscription are read at once")
                .isEqualTo("AWAY");

        String forged = "{\"value\":[{\"subscriptionId\":\""
                + presenceSubscriptions().get(0).id()
                + "\",\"clientState\":\"not-ours\",\"changeType\":\"updated\",\"resourceData\":{\"id\":\""
                + users.get(2) + "\"}}]}";
        inbox.settle();
        emulator.requestLog().clear();
        Answer answered = api.anonymous("POST", "/integration/graph-notifications?kind=presence", forged);
        assertThat(answered.status()).isEqualTo(202);
        inbox.settle();
        assertThat(emulator.requestLog().count("getPresencesByUserId"))
                .as("a notification without our clientState reads nothing")
                .isZero();
    }

    @Test
    void recreatesASubscriptionGraphDroppedSilentlyWhenItsRenewalAnswers404AndReadsItsUsersAtOnce_T2()
            throws Exception {
        createUsers(2);
        connectDelegated();
        for (String user : users) {
            follow(user, null);
        }
        switchOn();
        SubscriptionInfo dropped = presenceSubscriptions().get(0);
        assertThat(presenceSubscriptions()).hasSize(1);

        assertThat(emulator.dropSubscription(dropped.id())).isTrue();
        teams(users.get(1), "DoNotDisturb");
        inbox.settle();
        assertThat(presenceOf(users.get(1)))
                .as("Graph no longer notifies a dropped subscription")
                .isNotEqualTo("DO_NOT_DISTURB");

        advance(Duration.ofMinutes(45));
        emulator.requestLog().clear();
        loop.tick();

        assertThat(emulator.requestLog().matching("/subscriptions/" + dropped.id()))
                .singleElement()
                .satisfies(renewal -> {
                    assertThat(renewal.method()).isEqualTo("PATCH");
                    assertThat(renewal.status()).isEqualTo(404);
                });
        assertThat(presenceSubscriptions())
                .as("recreated for the same users")
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.id()).isNotEqualTo(dropped.id());
                    assertThat(s.resource()).contains(users.get(0)).contains(users.get(1));
                });
        assertThat(emulator.requestLog().count("getPresencesByUserId"))
                .as("one read of the lost subscription's users at once, one by the safety-net poll")
                .isEqualTo(2);
        assertThat(presenceOf(users.get(1)))
                .as("the change made while nothing was notified is not lost")
                .isEqualTo("DO_NOT_DISTURB");
        assertThat(api.get("/api/v1/integration/presence-sync").text("mode")).isEqualTo("NOTIFICATIONS");

        teams(users.get(0), "Busy");
        await().atMost(Duration.ofSeconds(10))
                .alias("the new subscription delivers")
                .until(() -> presenceOf(users.get(0)).equals("AWAY"));
    }

    @Test
    void disablingFreezesAndDisconnectingForgetsPresenceSettings_M6_M7() throws Exception {
        createUsers(2);
        connectDelegated();
        follow(users.get(0), "{\"BUSY\":\"LUNCH_BREAK\"}");
        switchOn();
        assertThat(presenceSubscriptions()).hasSize(1);

        assertThat(api.post(
                                "/api/v1/integration/disable",
                                "{\"deleteSyncedExtensions\":false,\"deleteSyncedGroups\":false}")
                        .status())
                .isEqualTo(200);
        assertThat(presenceSubscriptions())
                .as("removed while the tokens still work")
                .isEmpty();
        Answer frozen = api.put("/api/v1/integration/presence-sync", "{\"enabled\":false}");
        assertThat(frozen.status()).isEqualTo(409);
        assertThat(frozen.code()).isEqualTo("SETTINGS_FROZEN");
        assertThat(api.put("/api/v1/extensions/" + extensionOf(users.get(0)) + "/teams-presence", "{\"enabled\":false}")
                        .code())
                .isEqualTo("SETTINGS_FROZEN");
        assertThat(api.get("/api/v1/integration/presence-sync").text("modeReason"))
                .isEqualTo("NOT_CONNECTED");

        api.post("/api/v1/integration/enable", null);
        assertThat(api.get("/api/v1/integration/presence-sync")
                        .body()
                        .path("enabled")
                        .asBoolean())
                .isTrue();
        assertThat(api.post(
                                "/api/v1/integration/disconnect",
                                "{\"deleteSyncedExtensions\":false,\"deleteSyncedGroups\":false}")
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/integration/presence-sync")
                        .body()
                        .path("enabled")
                        .asBoolean())
                .isFalse();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM presence_follow")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void thePortalTurnsPresenceSyncOnShowsTheSourceAndEditsAnExtensionsMappingInChinese_T1() {
        createUsers(1);
        connectWithApplicationPermissions();
        teams(users.get(0), "Busy");
        UUID ext = extensionOf(users.get(0));
        try (Browser browser = Browser.start("zh-CN")) {
            WebDriver page = signedIn(browser);

            page.get(api.base() + "/integrations/microsoft-365/presence");
            assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Teams 状态");
            assertThat(page.findElement(By.cssSelector("nav.tabs a[aria-current=page]"))
                            .getAttribute("href"))
                    .endsWith("/integrations/microsoft-365/presence");
            assertThat(page.findElement(By.id("presence-mode")).getAttribute("data-mode"))
                    .isEqualTo("OFF");
            page.findElement(By.id("presence-enabled")).click();
            page.findElement(By.id("presence-save")).click();
            new WebDriverWait(page, Duration.ofSeconds(10))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("presence-saved")));
            assertThat(page.findElement(By.id("presence-mode")).getAttribute("data-mode"))
                    .isEqualTo("POLLING");
            assertThat(page.findElement(By.id("presence-reason")).getAttribute("data-reason"))
                    .isEqualTo("APPLICATION_MODE");
            assertThat(page.findElement(By.id("presence-reason")).getText()).contains("委托权限");
            browser.assertNoSeriousAccessibilityViolations();
            browser.screenshot("m365-presence-zh");

            page.get(api.base() + "/extensions/" + ext + "/teams-presence");
            assertThat(page.findElement(By.id("teams-presence-note")).getText()).contains("无法区分");
            new Select(page.findElement(By.id("mapping-BUSY"))).selectByValue("LUNCH_BREAK");
            page.findElement(By.id("teams-presence-enabled")).click();
            page.findElement(By.id("teams-presence-save")).click();
            new WebDriverWait(page, Duration.ofSeconds(10))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("teams-presence-saved")));
            assertThat(new Select(page.findElement(By.id("mapping-BUSY")))
                            .getFirstSelectedOption()
                            .getAttribute("value"))
                    .isEqualTo("LUNCH_BREAK");
            browser.assertNoSeriousAccessibilityViolations();
            browser.screenshot("portal-teams-presence-zh");
        }
        assertThat(presenceOf(users.get(0))).isEqualTo("LUNCH_BREAK");

        try (Browser browser = Browser.start("en")) {
            WebDriver page = signedIn(browser);
            page.get(api.base() + "/integrations/microsoft-365/presence");
            assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Teams presence");
            assertThat(page.findElement(By.id("presence-mode")).getAttribute("data-mode"))
                    .isEqualTo("POLLING");
            browser.assertNoSeriousAccessibilityViolations();
            browser.screenshot("m365-presence");
            page.get(api.base() + "/extensions/" + ext + "/teams-presence");
            assertThat(page.findElement(By.cssSelector("label[for=mapping-BUSY]"))
                            .getText())
                    .isNotBlank();
            browser.assertNoSeriousAccessibilityViolations();
            browser.screenshot("portal-teams-presence");
        }
    }

    private WebDriver signedIn(Browser browser) {
        WebDriver page = browser.driver();
        page.get(api.base() + "/login");
        page.findElement(By.id("username")).sendKeys("admin");
        page.findElement(By.id("password")).sendKeys(Api.ADMIN_PASSWORD);
        page.findElement(By.id("submit")).click();
        new WebDriverWait(page, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("sync")));
        return page;
    }
}
