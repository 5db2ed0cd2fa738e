package io.switchboard.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.directory.Extension;
import io.switchboard.directory.ExtensionInput;
import io.switchboard.directory.SyncedDirectory;
import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.GraphEmulatorExtension;
import io.switchboard.sync.HeldDeletions;
import io.switchboard.sync.SyncKind;
import io.switchboard.sync.SyncRun;
import io.switchboard.sync.SyncRuns;
import io.switchboard.sync.SyncTrigger;
import io.switchboard.testing.Api;
import io.switchboard.testing.Browser;
import io.switchboard.testing.EmulatedTenant;
import io.switchboard.testing.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The portal's Sync section in a real browser: last results, schedule, change trigger, Update now, held deletions. */
class PortalSyncBrowserIT extends IntegrationTest {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withEmptyTenant();

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Autowired
    SyncRuns runs;

    @Autowired
    SyncedDirectory directory;

    @Autowired
    HeldDeletions held;

    private GraphEmulator emulator;

    @BeforeEach
    void emptyTenant(GraphEmulator emulator) {
        this.emulator = emulator;
        emulator.tenant().users().forEach(u -> emulator.tenant().purgeUser(u.id()));
        emulator.tenant().groups().forEach(g -> emulator.tenant().purgeGroup(g.id()));
    }

    private void user(String name, String mail, int hour) {
        emulator.tenant()
                .createUser(b -> b.displayName(name + " Test")
                        .givenName(name)
                        .surname("Test")
                        .mail(mail)
                        .createdDateTime(Instant.parse("2020-01-01T00:00:00Z").plusSeconds(3600L * hour)));
    }

    private WebDriver signIn(Browser browser) {
        WebDriver page = browser.driver();
        page.get(api.base() + "/login");
        page.findElement(By.id("username")).sendKeys("admin");
        page.findElement(By.id("password")).sendKeys(Api.ADMIN_PASSWORD);
        page.findElement(By.id("submit")).click();
        new WebDriverWait(page, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("sync")));
        return page;
    }

    /** Scrolls the element with this id to the top of the window, for the screenshot. */
    private static void show(WebDriver page, String id) {
        ((JavascriptExecutor) page).executeScript("arguments[0].scrollIntoView()", page.findElement(By.id(id)));
    }

    private static String count(WebElement section, String name) {
        return section.findElement(By.className("count-" + name)).getText();
    }

    private JsonNode finishedLastResult() {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            Api.Answer answer = api.get("/api/v1/integration/user-sync/last-result");
                            return answer.status() == 200 ? answer.body() : null;
                        },
                        java.util.Objects::nonNull);
    }

    @Test
    void showsTheLastUserSyncResultScheduleAndTriggerAndRunsUpdateNow_U8_M1_M2_M3() {
        user("Ann", "ann@x.io", 0);
        user("Bob", "shared@x.io", 1);
        user("Bea", "shared@x.io", 2);
        EmulatedTenant.connect(api, emulator);
        assertThat(api.put(
                                "/api/v1/integration/user-sync",
                                "{\"enabled\":true,\"range\":\"ALL\",\"startNumber\":\"1000\"}")
                        .status())
                .isEqualTo(200);
        JsonNode last = finishedLastResult();
        assertThat(last.path("trigger").asString()).isEqualTo("INITIAL");
        assertThat(last.path("counts").path("failed").asInt()).isEqualTo(1);
        JsonNode failure = last.path("failures").get(0);
        assertThat(failure.path("code").asString()).isEqualTo("EMAIL_TAKEN");

        try (Browser browser = Browser.start("en-US")) {
            WebDriver page = signIn(browser);
            WebElement users = page.findElement(By.id("users-sync"));
            assertThat(users.findElement(By.id("users-sync-state")).getText()).isEqualTo("On");
            assertThat(page.findElement(By.id("groups-sync-state")).getText()).isEqualTo("Paused");
            assertThat(users.findElement(By.className("last-run")).getAttribute("data-run-id"))
                    .isEqualTo(last.path("runId").asString());
            assertThat(users.findElement(By.className("state")).getText()).isEqualTo("Partly succeeded");
            assertThat(users.findElement(By.className("partial-cause")).getText())
                    .as("U8: the count that made it partial, beside it")
                    .isEqualTo("(1 failed)");
            WebElement groups = page.findElement(By.id("groups-sync"));
            JsonNode groupLast =
                    api.get("/api/v1/integration/group-sync/last-result").body();
            assertThat(groups.findElement(By.className("state")).getAttribute("data-state"))
                    .as("G5: the group section and the API's group-sync last result agree")
                    .isEqualTo(groupLast.path("state").asString())
                    .isEqualTo("SUCCEEDED");
            assertThat(groups.findElements(By.className("partial-cause"))).isEmpty();
            for (String name : new String[] {"created", "updated", "deleted", "unchanged", "failed", "held"}) {
                assertThat(count(users, name))
                        .as("U8: the %s count as the API gives it", name)
                        .isEqualTo(last.path("counts").path(name).asString());
            }
            WebElement shown = users.findElement(By.className("failure"));
            assertThat(shown.getText()).contains(failure.path("displayName").asString(), "EMAIL_TAKEN");
            assertThat(shown.findElement(By.className("reason")).getText())
                    .as("X7: the reason worded from its code, not the stored English sentence")
                    .isEqualTo("This email address already belongs to another extension (letter case does not matter)."
                            + " Use another address.");
            assertThat(users.findElement(By.className("export")).getAttribute("href"))
                    .endsWith("/api/v1/sync-runs/" + last.path("runId").asString() + "/export?format=csv");

            Instant nextRun = Instant.parse(api.get("/api/v1/integration/schedule")
                    .body()
                    .path("nextRunAt")
                    .asString());
            assertThat(page.findElement(By.id("schedule-when")).getText()).isEqualTo("Daily at 00:30 (UTC)");
            assertThat(page.findElement(By.id("schedule-next")).getText())
                    .as("M1: the next run in the PBX time zone")
                    .isEqualTo(WHEN.format(nextRun.atZone(ZoneOffset.UTC)));
            var changeTrigger = api.get("/api/v1/integration/change-trigger").body();
            assertThat(page.findElement(By.id("trigger-mode")).getAttribute("data-mode"))
                    .isEqualTo(changeTrigger.path("effectiveMode").asString());
            assertThat(page.findElement(By.id("trigger-reason")).getAttribute("data-reason"))
                    .isEqualTo(changeTrigger.path("statusReasonCode").asString());
            assertThat(page.findElement(By.id("trigger-reason")).getText()).isNotBlank();

            page.findElement(By.id("update-now")).click();

            WebElement started = new WebDriverWait(page, Duration.ofSeconds(10))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("sync-started")));
            String runId = started.getAttribute("data-run-id");
            JsonNode newest = api.get("/api/v1/sync-runs").body().path("items").get(0);
            assertThat(newest.path("id").asString()).isEqualTo(runId);
            assertThat(newest.path("trigger").asString()).isEqualTo("MANUAL");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> runId.equals(finishedLastResult().path("runId").asString()));
            page.navigate().refresh();
            WebElement lastRun = page.findElement(By.cssSelector("#users-sync .last-run"));
            assertThat(lastRun.getAttribute("data-run-id")).isEqualTo(runId);
            assertThat(lastRun.findElement(By.className("trigger")).getText()).isEqualTo("Manual");
            show(page, "sync");
            browser.screenshot("portal-sync");
        }
    }

    @Test
    void showsTheRunningSyncAndApprovesAndDiscardsHeldDeletions_M3_X2_M6() {
        EmulatedTenant.connect(api, emulator);
        SyncRun run = runs.start(SyncTrigger.SCHEDULE, SyncKind.FULL, "t").run();
        Extension a =
                directory.upsertExtension("ua", new ExtensionInput("1001", "A", null, null, null, null, null), false);
        Extension b =
                directory.upsertExtension("ub", new ExtensionInput("1002", "B", null, null, null, null, null), false);
        held.hold(run.id(), HeldDeletions.EXTENSION, a.id(), "ua", "1001 A");
        held.hold(run.id(), HeldDeletions.EXTENSION, b.id(), "ub", "1002 B");

        try (Browser browser = Browser.start("en-US")) {
            WebDriver page = signIn(browser);
            assertThat(page.findElement(By.id("sync-running")).getText())
                    .as("M3: the running sync is shown")
                    .isEqualTo("A sync is running since 2026-11-22 08:00:00 (Scheduled).");

            page.findElement(By.id("update-now")).click();

            WebElement already = new WebDriverWait(page, Duration.ofSeconds(10))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("sync-already-running")));
            assertThat(already.getAttribute("data-run-id"))
                    .as("M3: never two syncs at once; the running one is shown")
                    .isEqualTo(run.id().toString());
            assertThat(already.getText()).contains("A sync is running since 2026-11-22 08:00:00");
            assertThat(api.get("/api/v1/sync-runs").body().path("total").asInt())
                    .isEqualTo(1);
            runs.finish(run.id(), null);
            page.navigate().refresh();
            assertThat(page.findElements(By.id("sync-running"))).isEmpty();
            assertThat(page.findElement(By.id("held-count")).getAttribute("data-count"))
                    .isEqualTo("2");
            assertThat(page.findElement(By.id("held")).getText()).contains("1001 A", "1002 B");
            WebElement guardLink = page.findElement(By.id("held-guard"));
            assertThat(guardLink.getAttribute("href"))
                    .as("issue 16: the held count links to the deletion guard tab")
                    .endsWith("/integrations/microsoft-365/guard");
            assertThat(guardLink.getText()).contains("2 held");
            show(page, "held");
            browser.screenshot("portal-held-deletions");

            page.findElement(By.id("held-approve")).click();

            assertThat(new WebDriverWait(page, Duration.ofSeconds(10))
                            .until(ExpectedConditions.presenceOfElementLocated(By.id("held-approved")))
                            .getText())
                    .contains("2");
            assertThat(page.findElement(By.id("held-count")).getAttribute("data-count"))
                    .isEqualTo("0");
            assertThat(api.get("/api/v1/extensions/" + a.id()).status()).isEqualTo(404);
            assertThat(api.get("/api/v1/extensions/" + b.id()).status()).isEqualTo(404);

            Extension c = directory.upsertExtension(
                    "uc", new ExtensionInput("1003", "C", null, null, null, null, null), false);
            held.hold(run.id(), HeldDeletions.EXTENSION, c.id(), "uc", "1003 C");
            assertThat(api.post("/api/v1/integration/disable", "{}").status()).isEqualTo(200);
            page.navigate().refresh();
            assertThat(page.findElement(By.id("settings-frozen")).getText()).contains("frozen");

            page.findElement(By.id("held-approve")).click();

            assertThat(new WebDriverWait(page, Duration.ofSeconds(10))
                            .until(ExpectedConditions.presenceOfElementLocated(By.id("held-error")))
                            .getText())
                    .as("M6: the refusal as a sentence")
                    .contains("The integration is disabled");
            assertThat(api.get("/api/v1/extensions/" + c.id()).status()).isEqualTo(200);
            page.get(api.base() + "/?lang=zh-CN");
            page.findElement(By.id("held-approve")).click();
            assertThat(new WebDriverWait(page, Duration.ofSeconds(10))
                            .until(ExpectedConditions.presenceOfElementLocated(By.id("held-error")))
                            .getText())
                    .as("X7: the refusal worded from its code in the page's language")
                    .isEqualTo("集成已停用，暂缓的删除无法执行。请先启用集成，或放弃这些删除。");
            page.get(api.base() + "/?lang=en");

            page.findElement(By.id("held-discard")).click();

            assertThat(new WebDriverWait(page, Duration.ofSeconds(10))
                            .until(ExpectedConditions.presenceOfElementLocated(By.id("held-discarded")))
                            .getText())
                    .contains("1");
            assertThat(api.get("/api/v1/extensions/" + c.id()).status()).isEqualTo(200);
            assertThat(api.get("/api/v1/integration/held-deletions")
                            .body()
                            .path("items")
                            .isEmpty())
                    .isTrue();

            page.findElement(By.id("update-now")).click();

            assertThat(new WebDriverWait(page, Duration.ofSeconds(10))
                            .until(ExpectedConditions.presenceOfElementLocated(By.id("sync-error")))
                            .getText())
                    .as("M3: Update now while disabled answers with a sentence")
                    .contains("The integration is disabled");
        }
    }

    @Test
    void showsTheSyncSectionInChinese_X7() {
        user("Ann", "ann@x.io", 0);
        user("Bob", "shared@x.io", 1);
        user("Bea", "shared@x.io", 2);
        EmulatedTenant.connect(api, emulator);
        api.put("/api/v1/integration/user-sync", "{\"enabled\":true,\"range\":\"ALL\",\"startNumber\":\"1000\"}");
        finishedLastResult();

        try (Browser browser = Browser.start("zh-CN")) {
            WebDriver page = signIn(browser);
            WebElement sync = page.findElement(By.id("sync"));
            assertThat(sync.findElement(By.tagName("h2")).getText()).isEqualTo("同步");
            assertThat(page.findElement(By.id("update-now")).getText()).isEqualTo("立即更新");
            assertThat(page.findElement(By.id("users-sync")).getText())
                    .contains("用户同步", "已开启", "新建", "失败", "暂缓", "原因", "导出全部结果（CSV）");
            assertThat(page.findElement(By.cssSelector("#users-sync .partial-cause"))
                            .getText())
                    .isEqualTo("（1 个失败）");
            assertThat(page.findElement(By.id("groups-sync-state")).getText()).isEqualTo("已暂停");
            assertThat(page.findElement(By.id("schedule")).getText()).contains("同步计划", "每天 00:30（UTC）", "下次同步");
            assertThat(page.findElement(By.id("change-trigger")).getText()).contains("变更触发同步", "关闭");
            assertThat(page.findElement(By.id("trigger-reason")).getText())
                    .as("the reason in the page's language")
                    .isEqualTo("变更触发同步已关闭；仅按计划或“立即更新”同步。");
            assertThat(page.findElement(By.id("held")).getText()).contains("暂缓的删除", "没有暂缓的删除。");
            show(page, "sync");
            browser.screenshot("portal-sync-zh");
        }
    }

    @Test
    void updateNowWithBothSyncsPausedRecordsNoRunAndSaysWhyInThePagesLanguage_M3_X7() {
        EmulatedTenant.connect(api, emulator);

        try (Browser browser = Browser.start("zh-CN")) {
            WebDriver page = signIn(browser);

            page.findElement(By.id("update-now")).click();

            WebElement refused = new WebDriverWait(page, Duration.ofSeconds(10))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("sync-error")));
            assertThat(refused.getAttribute("data-code")).isEqualTo("NOTHING_TO_SYNC");
            assertThat(refused.getText()).isEqualTo("用户同步和组同步已暂停，Outlook 联系人同步也已关闭，同步不会做任何事。请先开启其中之一。");
            assertThat(api.get("/api/v1/sync-runs").body().path("total").asInt())
                    .as("no run is recorded")
                    .isZero();
        }
    }
}
