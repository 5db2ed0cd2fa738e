package io.switchboard.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.emulator.EntraGroup;
import io.switchboard.emulator.EntraUser;
import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.GraphEmulatorExtension;
import io.switchboard.emulator.Tenant;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Integrations › Microsoft 365 in a real browser (issue 16 points 1, 2, 4): an administrator
 * connects the emulated tenant, configures user and group sync from the forms, previews, runs
 * Update now and watches its progress, approves held deletions, pauses with deletion and
 * disconnects through the confirmation dialogs, in English and in Chinese.
 */
class PortalM365BrowserIT extends IntegrationTest {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withEmptyTenant();

    private static final String M365 = "/integrations/microsoft-365";
    private static final String SALES = "Sales <script>alert(1)</script>";

    @Autowired
    SyncRuns runs;

    private GraphEmulator emulator;
    private EntraGroup sales;
    private final List<EntraUser> sellers = new ArrayList<>();

    @BeforeEach
    void tenantWithASalesGroup(GraphEmulator emulator) {
        inaccessible.clear();
        this.emulator = emulator;
        Tenant tenant = emulator.tenant();
        tenant.users().forEach(u -> tenant.purgeUser(u.id()));
        tenant.groups().forEach(g -> tenant.purgeGroup(g.id()));
        emulator.app().grantAdminConsent();
        sales = tenant.createGroup(EntraGroup.security(Tenant.newObjectId(), SALES));
        tenant.createGroup(EntraGroup.security(Tenant.newObjectId(), "Support"));
        sellers.clear();
        for (int i = 1; i <= 12; i++) {
            sellers.add(user(String.format("Seller%02d", i), i));
        }
    }

    private EntraUser user(String name, int hour) {
        EntraUser user = emulator.tenant()
                .createUser(b -> b.displayName(name + " Test")
                        .givenName(name)
                        .surname("Test")
                        .mail(name.toLowerCase() + "@x.io")
                        .createdDateTime(Instant.parse("2020-01-01T00:00:00Z").plusSeconds(3600L * hour)));
        emulator.tenant().addMember(sales.id(), user.id());
        return user;
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

    private final List<String> inaccessible = new ArrayList<>();

    /** Takes the page's screenshot and runs the axe-core check on it, collecting what it finds. */
    private void look(Browser browser, String name) {
        browser.screenshot(name);
        try {
            browser.assertNoSeriousAccessibilityViolations();
        } catch (AssertionError e) {
            inaccessible.add(name + ": " + e.getMessage());
        }
    }

    private void assertAccessible() {
        assertThat(inaccessible)
                .as("issue 16 point 7: no serious or critical axe-core violation on any tab, page or open dialog")
                .isEmpty();
    }

    private void open(WebDriver page, String path) {
        page.get(api.base() + M365 + path);
    }

    /** Clicks what submits a form and waits for the next page. */
    private static void submit(WebDriver page, By what) {
        WebElement before = page.findElement(By.tagName("html"));
        page.findElement(what).click();
        new WebDriverWait(page, Duration.ofSeconds(20)).until(Browser.goneFromPage(before));
    }

    private static String text(WebDriver page, String id) {
        return page.findElement(By.id(id)).getText();
    }

    /** Opens a confirmation dialog with its button and returns it, open and modal. */
    private static WebElement dialog(WebDriver page, String opener, String id) {
        page.findElement(By.id(opener)).click();
        WebElement dialog = new WebDriverWait(page, Duration.ofSeconds(5))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        assertThat((Boolean) ((JavascriptExecutor) page).executeScript("return arguments[0].matches(':modal')", dialog))
                .as("the dialog is modal: nothing happens before it is answered")
                .isTrue();
        return dialog;
    }

    private void awaitNoRun() {
        await().atMost(Duration.ofSeconds(30)).until(() -> runs.running().isEmpty());
    }

    private long total(String path) {
        return api.get(path).body().path("total").asLong();
    }

    private void pickSales(WebDriver page) {
        WebElement search = page.findElement(By.id("group-search"));
        search.sendKeys("Sal");
        By pick = By.cssSelector("#group-results button.pick[data-id='" + sales.id() + "']");
        // Results are redrawn as each keystroke's search answers: click the one that stays.
        new WebDriverWait(page, Duration.ofSeconds(10)).until(d -> {
            try {
                WebElement button =
                        ExpectedConditions.elementToBeClickable(pick).apply(d);
                if (button == null) {
                    return false;
                }
                button.click();
                return true;
            } catch (WebDriverException e) {
                if (Browser.detached(e)) {
                    return false;
                }
                throw e;
            }
        });
        assertThat(page.findElement(By.cssSelector("#chosen-groups .chip[data-id='" + sales.id() + "']"))
                        .getText())
                .as("X7: a group named with markup shows as text")
                .contains(SALES);
    }

    @Test
    void
            anAdministratorConnectsConfiguresPreviewsSyncsApprovesPausesAndDisconnectsFromThePortal_C1_U1_G1_X1_X2_M3_M4_M7() {
        emulator.app().setApplicationPermissions(Set.of("User.Read.All", "Group.Read.All", "Directory.Read.All"));
        String secret = emulator.app().addSecret(Duration.ofDays(365)).value();

        try (Browser browser = Browser.start("en-US")) {
            WebDriver page = signIn(browser);
            open(page, "");
            assertThat(text(page, "m365-status")).isEqualTo("Not connected");
            assertThat(page.findElement(By.id("redirect-uri")).getText()).endsWith("/integration/callback");
            assertThat(page.findElements(By.cssSelector("button.copy"))).hasSize(2);
            assertThat(page.findElement(By.id("custom-endpoints")).isDisplayed())
                    .as("C6: custom endpoints only for the custom cloud")
                    .isFalse();

            page.findElement(By.id("client-id")).sendKeys(emulator.clientId());
            page.findElement(By.id("tenant-id")).sendKeys(emulator.tenantId());
            new Select(page.findElement(By.id("mode"))).selectByValue("APPLICATION");
            new Select(page.findElement(By.id("cloud"))).selectByValue("CUSTOM");
            page.findElement(By.id("login-endpoint")).sendKeys(emulator.loginBaseUrl());
            page.findElement(By.id("graph-endpoint")).sendKeys(emulator.graphBaseUrl());
            page.findElement(By.id("client-secret")).sendKeys(secret);
            ((JavascriptExecutor) page)
                    .executeScript("arguments[0].value = '2026-12-10'", page.findElement(By.id("secret-expires")));
            submit(page, By.id("save-settings"));

            assertThat(text(page, "notice")).isEqualTo("Settings saved.");
            assertThat(text(page, "m365-reason"))
                    .isEqualTo("Settings saved. Sign in with the authorization account to connect.");
            assertThat(text(page, "secret-warning"))
                    .as("C5: the early warning, 18 days ahead")
                    .contains("expires on 2026-12-10");
            assertThat(page.findElement(By.id("permissions")).getText())
                    .as("C2: the application permissions")
                    .contains("MailboxSettings.Read")
                    .doesNotContain("Contacts.Read.Shared");
            look(browser, "m365-connection-settings");

            submit(page, By.id("m365-sign-in"));

            assertThat(text(page, "m365-status")).isEqualTo("Connected");
            assertThat(text(page, "m365-reason")).contains("12 users and 2 groups can be read");
            WebElement again = page.findElement(By.id("m365-sign-in"));
            assertThat(again.getText())
                    .as("once connected, signing in is no longer the main action")
                    .isEqualTo("Connect again");
            assertThat(again.getAttribute("class")).contains("secondary");

            submit(page, By.id("m365-test"));
            assertThat(text(page, "notice")).isEqualTo("Microsoft Graph answered: users and groups can be read.");
            look(browser, "m365-connection");

            open(page, "/users");
            page.findElement(By.id("range-GROUPS")).click();
            pickSales(page);
            page.findElement(By.id("start-number")).clear();
            page.findElement(By.id("start-number")).sendKeys("2000");
            page.findElement(By.id("out-of-scope-DELETE")).click();
            look(browser, "m365-users");
            submit(page, By.id("save-users"));

            assertThat(text(page, "notice")).isEqualTo("User sync settings saved; user sync is on.");
            assertThat(text(page, "user-sync-state")).isEqualTo("On");
            assertThat(page.findElement(By.cssSelector("#chosen-groups .chip")).getText())
                    .contains(SALES);
            var users = api.get("/api/v1/integration/user-sync").body();
            assertThat(users.path("range").asString()).isEqualTo("GROUPS");
            assertThat(users.path("groupIds").get(0).asString()).isEqualTo(sales.id());
            assertThat(users.path("startNumber").asString()).isEqualTo("2000");
            assertThat(users.path("whenOutOfScope").asString()).isEqualTo("DELETE");
            awaitNoRun();
            assertThat(total("/api/v1/extensions")).isEqualTo(12);

            open(page, "/groups");
            assertThat(text(page, "groups-frozen"))
                    .as("M5: paused group sync shows its settings frozen, with the reason")
                    .contains("Group sync is paused");
            submit(page, By.id("edit-groups"));
            page.findElement(By.id("range-GROUPS")).click();
            pickSales(page);
            submit(page, By.id("save-groups"));
            assertThat(text(page, "notice")).isEqualTo("Group sync settings saved; group sync is on.");
            assertThat(api.get("/api/v1/integration/group-sync")
                            .body()
                            .path("groupIds")
                            .get(0)
                            .asString())
                    .isEqualTo(sales.id());
            look(browser, "m365-groups");
            awaitNoRun();
            assertThat(total("/api/v1/extension-groups")).isEqualTo(1);

            open(page, "/guard");
            page.findElement(By.id("guard-minimum")).clear();
            page.findElement(By.id("guard-minimum")).sendKeys("2");
            submit(page, By.id("save-guard"));
            assertThat(text(page, "notice")).isEqualTo("Deletion guard saved.");
            assertThat(api.get("/api/v1/integration/deletion-guard")
                            .body()
                            .path("minimum")
                            .asInt())
                    .isEqualTo(2);

            for (int i = 0; i < 3; i++) {
                emulator.tenant().removeMember(sales.id(), sellers.get(i).id());
            }
            user("Newcomer", 20);

            open(page, "");
            submit(page, By.id("m365-preview"));
            assertThat(page.findElement(By.id("preview-CREATE_EXTENSION")).getText())
                    .as("X1: the preview grouped by action")
                    .contains("Extensions to create (1)", "Newcomer Test");
            WebElement heldPreview = page.findElement(By.id("preview-held"));
            assertThat(heldPreview.getText())
                    .as("X1, X2: the deletions the guard would hold, and why")
                    .contains("Deletions the guard would hold (3)", "Seller01 Test", "more than 10 %");
            assertThat(page.findElements(By.id("preview-DELETE_EXTENSION"))).isEmpty();
            look(browser, "m365-preview");

            SyncRun scheduled =
                    runs.start(SyncTrigger.SCHEDULE, SyncKind.FULL, "test").run();
            open(page, "");
            WebElement progress = page.findElement(By.id("sync-progress"));
            assertThat(progress.getText()).contains("A sync is running since 2026-11-22 08:00:00");
            WebElement bar = page.findElement(By.id("sync-progress-bar"));
            assertThat((Boolean) ((JavascriptExecutor) page).executeScript("return arguments[0].position === -1", bar))
                    .as("M3: without a progress report yet, the bar is indeterminate (it moves by itself)")
                    .isTrue();
            look(browser, "m365-progress");
            ((JavascriptExecutor) page)
                    .executeScript("var real = window.fetch; window.fetch = function (url, options) {"
                            + " return real(url, options).then(function (r) { return r.clone().json().then(function (run) {"
                            + " run.progress = {phase: 'APPLYING', pagesRead: 3, planned: 10, applied: 4, failed: 1};"
                            + " return {ok: true, json: function () { return Promise.resolve(run); }}; }); }); };");
            new WebDriverWait(page, Duration.ofSeconds(5))
                    .until(d -> "determinate".equals(progress.getAttribute("data-mode")));
            assertThat((Double) ((JavascriptExecutor) page).executeScript("return arguments[0].position", bar))
                    .as("M3: with the run's progress (API.md) the bar stands at applied + failed of planned")
                    .isEqualTo(0.5);
            assertThat(text(page, "sync-progress-text"))
                    .isEqualTo("Applying: 3 pages read, 4 of 10 changes applied, 1 failed");
            runs.finish(scheduled.id(), null);
            assertThat(new WebDriverWait(page, Duration.ofSeconds(15))
                            .until(ExpectedConditions.presenceOfElementLocated(By.id("sync-finished")))
                            .getAttribute("data-run-id"))
                    .as("M3: the page updates by itself when the run ends")
                    .isEqualTo(scheduled.id().toString());
            assertThat(page.findElements(By.id("sync-progress"))).isEmpty();

            submit(page, By.id("m365-update-now"));
            String manual = page.getCurrentUrl().replaceAll(".*[?&]run=([0-9a-f-]+).*", "$1");
            assertThat(api.get("/api/v1/sync-runs/" + manual)
                            .body()
                            .path("trigger")
                            .asString())
                    .isEqualTo("MANUAL");
            WebElement finished = new WebDriverWait(page, Duration.ofSeconds(30))
                    .until(ExpectedConditions.presenceOfElementLocated(
                            By.cssSelector("#sync-finished[data-run-id='" + manual + "']")));
            assertThat(finished.getText()).contains("The sync finished: Partly succeeded", "Created 1", "held 3");

            open(page, "/schedule");
            assertThat(text(page, "schedule-when")).isEqualTo("Daily at 00:30 (UTC)");
            look(browser, "m365-schedule");
            open(page, "/guard");
            assertThat(page.findElement(By.id("held-count")).getAttribute("data-count"))
                    .isEqualTo("3");
            assertThat(page.findElement(By.id("held-table")).getText()).contains("Seller01 Test", "Extension");
            look(browser, "m365-guard");
            WebElement approve = dialog(page, "held-approve-open", "approve-dialog");
            assertThat(approve.getText())
                    .as("X2: Approve asks first, with the count")
                    .contains("Delete 3 held object(s)?", "3 extension(s) and 0 extension group(s)");
            look(browser, "m365-approve-dialog");
            approve.findElement(By.cssSelector("a[data-close]")).click();
            assertThat(approve.isDisplayed()).isFalse();
            assertThat(total("/api/v1/extensions"))
                    .as("cancelled: nothing deleted")
                    .isEqualTo(13);

            dialog(page, "held-approve-open", "approve-dialog");
            submit(page, By.id("approve-confirm"));
            assertThat(text(page, "notice")).isEqualTo("3 held deletion(s) carried out.");
            assertThat(page.findElement(By.id("held-count")).getAttribute("data-count"))
                    .isEqualTo("0");
            assertThat(total("/api/v1/extensions")).isEqualTo(10);

            open(page, "/users");
            WebElement pause = dialog(page, "pause-users", "pause-users-dialog");
            assertThat(pause.getText()).contains("Pause user sync?", "Delete the synced extensions now");
            page.findElement(By.id("pause-users-delete")).click();
            look(browser, "m365-pause-dialog");
            submit(page, By.id("pause-users-confirm"));
            assertThat(text(page, "notice")).isEqualTo("User sync is paused and the synced extensions were deleted.");
            assertThat(text(page, "user-sync-state")).isEqualTo("Paused");
            assertThat(text(page, "users-frozen")).contains("cannot change while it is paused");
            assertThat(page.findElement(By.id("save-users")).isEnabled())
                    .as("M4: paused settings are shown frozen")
                    .isFalse();
            assertThat(total("/api/v1/extensions")).isZero();

            open(page, "");
            WebElement disconnect = dialog(page, "m365-disconnect", "disconnect-dialog");
            assertThat(disconnect.getText()).contains("Disconnect Microsoft 365?", "every token will be erased");
            page.findElement(By.id("disconnect-delete-groups")).click();
            look(browser, "m365-disconnect-dialog");
            submit(page, By.id("disconnect-confirm"));
            assertThat(text(page, "notice")).isEqualTo("Disconnected: the client secret and every token were erased.");
            assertThat(text(page, "m365-status")).isEqualTo("Not connected");
            assertThat(text(page, "m365-reason"))
                    .isEqualTo("Disconnected. Enter the settings of a tenant to connect again.");
            assertThat(total("/api/v1/extension-groups"))
                    .as("M7: deleted as chosen")
                    .isZero();
            assertAccessible();
        }
    }

    @Test
    void theTabsAndDialogsSpeakChineseAndADisabledIntegrationShowsItsSettingsFrozen_X7_M6_M5() {
        EmulatedTenant.connect(api, emulator);

        try (Browser browser = Browser.start("zh-CN")) {
            WebDriver page = signIn(browser);
            open(page, "");
            assertThat(text(page, "m365-status")).isEqualTo("已连接");
            assertThat(text(page, "m365-reason")).isEqualTo("已连接。数据初始化成功：可读取 12 个用户和 2 个组。");
            assertThat(text(page, "m365-sign-in")).isEqualTo("重新连接");
            assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Microsoft 365");
            look(browser, "m365-connection-zh");

            open(page, "/groups");
            assertThat(text(page, "groups-title")).contains("组同步", "已暂停");
            page.findElement(By.id("range-GROUPS")).click();
            pickSales(page);
            look(browser, "m365-groups-zh");
            submit(page, By.id("save-groups"));
            assertThat(text(page, "notice")).isEqualTo("组同步设置已保存；组同步已开启。");
            awaitNoRun();

            open(page, "/users");
            assertThat(text(page, "users-frozen")).contains("用户同步已暂停");
            assertThat(page.findElement(By.id("save-users")).isEnabled()).isFalse();
            submit(page, By.id("edit-users"));
            assertThat(page.findElement(By.id("user-sync")).getText()).contains("同步哪些用户", "分机号码", "起始号码");
            assertThat(text(page, "save-users")).isEqualTo("保存并开启");
            submit(page, By.id("save-users"));
            assertThat(text(page, "notice")).isEqualTo("用户同步设置已保存；用户同步已开启。");
            look(browser, "m365-users-zh");
            awaitNoRun();

            open(page, "/schedule");
            page.findElement(By.id("frequency-WEEKLY")).click();
            page.findElement(By.id("weekday-MONDAY")).click();
            submit(page, By.id("save-schedule"));
            assertThat(text(page, "notice")).isEqualTo("同步计划已保存。");
            assertThat(text(page, "schedule-when")).contains("每周");
            assertThat(api.get("/api/v1/integration/schedule")
                            .body()
                            .path("frequency")
                            .asString())
                    .isEqualTo("WEEKLY");
            page.findElement(By.id("trigger-enabled")).click();
            page.findElement(By.id("trigger-mode-POLLING")).click();
            submit(page, By.id("save-trigger"));
            assertThat(text(page, "notice")).isEqualTo("变更触发设置已保存。");
            var trigger = api.get("/api/v1/integration/change-trigger").body();
            assertThat(trigger.path("enabled").asBoolean()).isTrue();
            assertThat(trigger.path("mode").asString()).isEqualTo("POLLING");
            look(browser, "m365-schedule-zh");

            open(page, "/guard");
            WebElement percent = page.findElement(By.id("guard-percent"));
            ((JavascriptExecutor) page).executeScript("arguments[0].removeAttribute('max')", percent);
            percent.clear();
            percent.sendKeys("150");
            submit(page, By.id("save-guard"));
            assertThat(text(page, "error"))
                    .as("X7: a validation worded from its field in the page's language")
                    .isEqualTo("百分比必须在 0 到 100 之间。");
            look(browser, "m365-guard-error-zh");

            open(page, "/groups");
            WebElement pause = dialog(page, "pause-groups", "pause-groups-dialog");
            assertThat(pause.getText()).contains("暂停组同步？", "保留已同步的分机组");
            look(browser, "m365-pause-dialog-zh");
            submit(page, By.id("pause-groups-confirm"));
            assertThat(text(page, "notice")).isEqualTo("组同步已暂停；已同步的分机组保留。");
            assertThat(total("/api/v1/extension-groups"))
                    .as("M5: kept as chosen")
                    .isEqualTo(1);

            open(page, "");
            WebElement disable = dialog(page, "m365-disable", "disable-dialog");
            assertThat(disable.getText()).contains("停用 Microsoft 365 集成？", "同时删除已同步的分机");
            look(browser, "m365-disable-dialog-zh");
            submit(page, By.id("disable-confirm"));
            assertThat(text(page, "notice")).isEqualTo("集成已停用：设置已冻结，不再同步。");
            assertThat(text(page, "m365-status")).isEqualTo("已停用");
            assertThat(text(page, "frozen")).contains("其设置已冻结");
            assertThat(page.findElement(By.id("client-id")).isEnabled()).isFalse();
            assertThat(total("/api/v1/extensions")).as("M6: kept as chosen").isEqualTo(12);

            page.get(api.base() + "/");
            assertThat(text(page, "integration-status")).isEqualTo("已停用");
            submit(page, By.id("connect"));
            assertThat(text(page, "connect-error"))
                    .as("X7: the home page's refusal worded from its code")
                    .isEqualTo("集成已停用。请先启用。");
            look(browser, "portal-home-zh");

            open(page, "/guard");
            assertThat(page.findElement(By.id("guard-percent")).isEnabled())
                    .as("M6: frozen while disabled")
                    .isFalse();
            look(browser, "m365-guard-zh");
            open(page, "/schedule");
            assertThat(page.findElement(By.id("schedule-time")).isEnabled()).isFalse();

            open(page, "");
            submit(page, By.id("m365-enable"));
            assertThat(text(page, "m365-status")).isEqualTo("已连接");

            open(page, "/preview");
            assertThat(text(page, "preview-title")).isEqualTo("下一次同步的预览");
            assertThat(text(page, "preview-empty")).startsWith("无需更改：").endsWith("个对象已同步。");
            look(browser, "m365-preview-zh");

            user("Newcomer", 20);
            open(page, "/preview");
            assertThat(page.findElement(By.id("preview-CREATE_EXTENSION")).getText())
                    .as("X1, X7: each change's reason worded from its code")
                    .contains("Newcomer Test", "同步范围内的新用户");
            look(browser, "m365-preview-changes-zh");
            assertAccessible();
        }
    }
}
