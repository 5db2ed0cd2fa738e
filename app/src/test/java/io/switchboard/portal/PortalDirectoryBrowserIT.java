package io.switchboard.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.directory.ContactInput;
import io.switchboard.directory.Extension;
import io.switchboard.directory.ExtensionInput;
import io.switchboard.directory.SyncedDirectory;
import io.switchboard.reconcile.Action;
import io.switchboard.reconcile.ObjectType;
import io.switchboard.shared.ProblemCode;
import io.switchboard.sync.Outcome;
import io.switchboard.sync.SyncKind;
import io.switchboard.sync.SyncResult;
import io.switchboard.sync.SyncRun;
import io.switchboard.sync.SyncRuns;
import io.switchboard.sync.SyncTrigger;
import io.switchboard.testing.Api;
import io.switchboard.testing.Browser;
import io.switchboard.testing.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The directory pages and the sync history in a real Chromium (issue 16 points 3, 5, 6, 7), in
 * English and Chinese, with the axe-core check on every page.
 */
class PortalDirectoryBrowserIT extends IntegrationTest {

    @Autowired
    SyncedDirectory synced;

    @Autowired
    SyncRuns runs;

    private WebDriver signIn(Browser browser) {
        WebDriver page = browser.driver();
        page.get(api.base() + "/login");
        browser.assertNoSeriousAccessibilityViolations();
        page.findElement(By.id("username")).sendKeys("admin");
        page.findElement(By.id("password")).sendKeys(Api.ADMIN_PASSWORD);
        page.findElement(By.id("submit")).click();
        new WebDriverWait(page, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("sync")));
        return page;
    }

    private void open(WebDriver page, String path) {
        page.get(api.base() + path);
    }

    private static WebDriverWait waitFor(WebDriver page) {
        return new WebDriverWait(page, Duration.ofSeconds(10));
    }

    private static void submit(WebDriver page, String id) {
        WebElement button = page.findElement(By.id(id));
        button.click();
        waitFor(page).until(Browser.goneFromPage(button));
    }

    private String local(String number, String first, String last) {
        JsonNode created = api.post(
                        "/api/v1/extensions",
                        "{\"number\":\"" + number + "\",\"firstName\":\"" + first + "\",\"lastName\":\"" + last
                                + "\",\"email\":\"u" + number + "@x.io\"}")
                .ok();
        return created.path("id").asString();
    }

    private Extension syncedExtension() {
        return synced.upsertExtension(
                "entra-ann",
                new ExtensionInput("2001", "Ann", "Synced", "ann@contoso.com", "+1 555 0100", "Engineer", null),
                true);
    }

    private static List<String> texts(WebDriver page, String css) {
        return page.findElements(By.cssSelector(css)).stream()
                .map(WebElement::getText)
                .toList();
    }

    @Test
    void browsesSearchesSortsAndPagesTheExtensionsAndEditsOneWithLockedFields_U9_X7() {
        for (int i = 0; i < 30; i++) {
            local(String.valueOf(1000 + i), "User" + i, i % 2 == 0 ? "Even" : "Odd");
        }
        Extension ann = syncedExtension();

        try (Browser browser = Browser.start("en-US")) {
            WebDriver page = signIn(browser);
            browser.assertNoSeriousAccessibilityViolations();

            open(page, "/extensions");
            assertThat(page.findElements(By.cssSelector("#extensions tr.extension")))
                    .hasSize(25);
            assertThat(page.findElement(By.id("extension-count")).getText()).contains("31 extension(s)");
            assertThat(page.findElement(By.cssSelector(".pager .range")).getText())
                    .isEqualTo("1–25 of 31 (page 1 of 2)");
            browser.assertNoSeriousAccessibilityViolations();
            browser.screenshot("portal-extensions");

            page.findElement(By.cssSelector(".pager .next")).click();
            assertThat(texts(page, "#extensions tr.extension .number"))
                    .containsExactly("1025", "1026", "1027", "1028", "1029", "2001");
            WebElement syncedRow = page.findElement(By.cssSelector("tr.extension[data-id='" + ann.id() + "']"));
            assertThat(syncedRow.findElement(By.className("origin")).getText())
                    .as("U9: the origin label, with a lock and its words")
                    .isEqualTo("Synced from Microsoft 365");
            assertThat(syncedRow.getText()).contains("locked");

            page.findElement(By.id("q")).sendKeys("odd");
            submit(page, "search");
            assertThat(page.findElements(By.cssSelector("tr.extension"))).hasSize(15);
            page.findElement(By.id("sort-number")).click();
            assertThat(page.findElement(By.cssSelector("th[aria-sort='descending']"))
                            .getText())
                    .contains("Number");
            assertThat(texts(page, "tr.extension .number").get(0)).isEqualTo("1029");
            page.findElement(By.id("sort-name")).click();
            assertThat(texts(page, "tr.extension .name")).allMatch(n -> n.endsWith("Odd"));

            open(page, "/extensions/" + ann.id());
            browser.assertNoSeriousAccessibilityViolations();
            assertThat(page.findElement(By.id("locked-explanation")).getText()).contains("synced from Microsoft 365");
            for (String field : List.of("number", "firstName", "lastName", "email", "mobileNumber", "jobTitle")) {
                WebElement input = page.findElement(By.id(field));
                assertThat(input.getAttribute("readonly"))
                        .as("%s is locked", field)
                        .isNotNull();
                assertThat(page.findElement(By.cssSelector("label[for='" + field + "']"))
                                .getText())
                        .contains("locked");
                assertThat(page.findElement(By.id("why-" + field)).getText())
                        .contains("Change it in Microsoft Entra ID");
            }
            assertThat(page.findElements(By.id("delete")))
                    .as("a synced extension offers no delete")
                    .isEmpty();
            browser.screenshot("portal-extension-locked");

            ((JavascriptExecutor) page)
                    .executeScript(
                            "const e = document.getElementById('lastName'); e.readOnly = false; e.value = 'Hacked';");
            new Select(page.findElement(By.id("presence"))).selectByValue("AWAY");
            submit(page, "save");
            assertThat(page.findElement(By.id("error")).getText())
                    .as("U9: the refusal worded from EXTENSION_LOCKED, naming the field as the form labels it")
                    .startsWith("This extension is synced from Microsoft 365")
                    .contains("Last name");
            assertThat(api.get("/api/v1/extensions/" + ann.id())
                            .body()
                            .path("lastName")
                            .asString())
                    .isEqualTo("Synced");

            ((JavascriptExecutor) page).executeScript("document.getElementById('lastName').value = 'Synced';");
            new Select(page.findElement(By.id("presence"))).selectByValue("AWAY");
            submit(page, "save");
            assertThat(page.findElement(By.id("notice")).getText()).isEqualTo("Saved.");
            assertThat(api.get("/api/v1/extensions/" + ann.id())
                            .body()
                            .path("presence")
                            .asString())
                    .as("the presence of a synced extension stays the PBX's")
                    .isEqualTo("AWAY");

            synced.upsertPersonalContact(
                    ann.id(),
                    "outlook-1",
                    new ContactInput("Olga", "Outlook", null, null, null, null, null, null, null));
            open(page, "/extensions/" + ann.id());
            page.findElement(By.id("new-contact-firstName")).sendKeys("Lena");
            page.findElement(By.id("new-contact-lastName")).sendKeys("Local");
            page.findElement(By.id("new-contact-mobilePhone")).sendKeys("+1 555 0199");
            submit(page, "new-contact-submit");
            assertThat(texts(page, "#contacts tr.contact"))
                    .anyMatch(t -> t.contains("Lena Local") && t.contains("Local"));
            WebElement outlook = page.findElements(By.cssSelector("#contacts tr.contact")).stream()
                    .filter(r -> r.getText().contains("Olga"))
                    .findFirst()
                    .orElseThrow();
            assertThat(outlook.findElements(By.tagName("a")))
                    .as("O1: a synced contact is read-only")
                    .isEmpty();
            assertThat(outlook.getText()).contains("Synced, read-only");
            browser.assertNoSeriousAccessibilityViolations();
            page.findElement(By.linkText("Lena Local")).click();
            browser.assertNoSeriousAccessibilityViolations();
            page.findElement(By.id("delete-contact")).click();
            browser.assertNoSeriousAccessibilityViolations();
            submit(page, "confirm-delete");
            assertThat(texts(page, "#contacts tr.contact")).noneMatch(t -> t.contains("Lena"));

            open(page, "/extensions/new");
            browser.assertNoSeriousAccessibilityViolations();
            page.findElement(By.id("number")).sendKeys("1001");
            page.findElement(By.id("firstName")).sendKeys("Dup");
            submit(page, "save");
            assertThat(page.findElement(By.id("error")).getText())
                    .isEqualTo("This number is already used by another extension. Choose a free number.");
            page.findElement(By.id("number")).clear();
            page.findElement(By.id("number")).sendKeys("3001");
            submit(page, "save");
            assertThat(page.findElement(By.id("notice")).getText()).isEqualTo("Saved.");
            page.findElement(By.id("delete")).click();
            assertThat(page.findElement(By.id("confirm-question")).getText())
                    .isEqualTo(
                            "Delete extension 3001 Dup? Its personal contacts are deleted with it. This cannot be undone.");
            browser.screenshot("portal-confirm-delete");
            submit(page, "confirm-delete");
            assertThat(page.getCurrentUrl()).endsWith("/extensions");
            assertThat(page.findElement(By.id("notice")).getText()).isEqualTo("Deleted.");
            assertThat(api.get("/api/v1/extensions?q=3001").body().path("total").asInt())
                    .isZero();

            open(page, "/extensions/" + UUID.randomUUID());
            assertThat(page.findElement(By.id("page-error")).getText())
                    .as("a page that does not exist answers in words, not with the API's problem document")
                    .isEqualTo("It no longer exists: it may have been deleted meanwhile. Reload the page.");
            browser.assertNoSeriousAccessibilityViolations();
        }
    }

    @Test
    void editsGroupsThePhonebookVisibilityAndTheSettingsAndEscapesNames_G4_O4_X7() {
        String a = local("1001", "Ann", "Lee");
        String b = local("1002", "Bob", "Ray");
        String script = "<script>document.title='owned'</script>";

        try (Browser browser = Browser.start("en-US")) {
            WebDriver page = signIn(browser);
            open(page, "/extension-groups");
            page.findElement(By.id("new-group-name")).sendKeys(script);
            submit(page, "create-group");
            assertThat(page.findElement(By.tagName("h1")).getText())
                    .as("output is escaped: the name shows as text")
                    .isEqualTo("Extension group " + script);
            assertThat(page.getTitle())
                    .as("the script did not run")
                    .isEqualTo("Extension group " + script + " · Switchboard");
            page.findElement(By.id("add")).sendKeys("1001, 1002");
            submit(page, "save");
            assertThat(texts(page, "#members .member")).containsExactly("1001 Ann Lee", "1002 Bob Ray");
            browser.assertNoSeriousAccessibilityViolations();
            browser.screenshot("portal-extension-group");
            page.findElement(By.id("keep-" + b)).click();
            page.findElement(By.id("add")).sendKeys("9999");
            submit(page, "save");
            assertThat(page.findElement(By.id("error")).getText())
                    .isEqualTo("Check these fields: Add extensions by number.");
            page.findElement(By.id("keep-" + b)).click();
            submit(page, "save");
            assertThat(texts(page, "#members .member")).containsExactly("1001 Ann Lee");
            UUID groupId = UUID.fromString(page.getCurrentUrl().replaceAll(".*/", ""));

            synced.upsertGroup("entra-sales", "Sales", List.of(UUID.fromString(a)));
            open(page, "/extension-groups");
            assertThat(texts(page, "#groups .group .name")).containsExactly(script, "Sales");
            browser.assertNoSeriousAccessibilityViolations();
            browser.screenshot("portal-extension-groups");

            open(page, "/phonebooks");
            page.findElement(By.id("new-phonebook-name")).sendKeys("Suppliers");
            submit(page, "create-phonebook");
            assertThat(page.findElement(By.id("visibility-summary")).getText()).startsWith("Nobody can see");
            page.findElement(By.id("group-" + groupId)).click();
            page.findElement(By.id("add")).sendKeys("1002");
            submit(page, "save");
            assertThat(page.findElement(By.id("visibility-summary")).getText())
                    .isEqualTo("1 extension(s) and 1 extension group(s)");
            String bookId = page.getCurrentUrl().replaceAll(".*/", "");
            JsonNode visibleTo = api.get("/api/v1/phonebooks/" + bookId).body().path("visibleTo");
            assertThat(visibleTo.path("groupIds").get(0).asString()).isEqualTo(groupId.toString());
            assertThat(visibleTo.path("extensionIds").get(0).asString()).isEqualTo(b);
            page.findElement(By.id("new-contact-firstName")).sendKeys("Acme");
            page.findElement(By.id("new-contact-company")).sendKeys("Acme Ltd");
            submit(page, "new-contact-submit");
            assertThat(texts(page, "#contacts tr.contact")).anyMatch(t -> t.contains("Acme Ltd"));
            browser.assertNoSeriousAccessibilityViolations();
            browser.screenshot("portal-phonebook");
            open(page, "/phonebooks");
            browser.assertNoSeriousAccessibilityViolations();
            browser.screenshot("portal-phonebooks");

            open(page, "/settings");
            browser.assertNoSeriousAccessibilityViolations();
            WebElement capacity = page.findElement(By.id("extensionCapacity"));
            capacity.clear();
            capacity.sendKeys("1");
            submit(page, "save");
            assertThat(page.findElement(By.id("error")).getText())
                    .as("U10: the capacity cannot go below the extensions that exist")
                    .isEqualTo("Check these fields: Extension capacity.");
            assertThat(page.findElement(By.id("extensionCapacity")).getAttribute("aria-invalid"))
                    .isEqualTo("true");
            capacity = page.findElement(By.id("extensionCapacity"));
            capacity.clear();
            capacity.sendKeys("500");
            new Select(page.findElement(By.id("timeZone"))).selectByValue("Asia/Shanghai");
            new Select(page.findElement(By.id("defaultCountry"))).selectByValue("CN");
            submit(page, "save");
            assertThat(page.findElement(By.id("notice")).getText()).isEqualTo("Saved.");
            JsonNode settings = api.get("/api/v1/settings").body();
            assertThat(settings.path("extensionCapacity").asInt()).isEqualTo(500);
            assertThat(settings.path("timeZone").asString()).isEqualTo("Asia/Shanghai");
            assertThat(settings.path("defaultCountry").asString()).isEqualTo("CN");
            browser.screenshot("portal-settings");
        }
    }

    @Test
    void theApiWordsARefusalsDetailFromItsCodeInChineseWhenAskedFor_X7() throws Exception {
        Extension ann = syncedExtension();
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create(api.base() + "/api/v1/extensions/" + ann.id()))
                                .method(
                                        "PATCH",
                                        java.net.http.HttpRequest.BodyPublishers.ofString("{\"lastName\":\"Other\"}"))
                                .header("Content-Type", "application/merge-patch+json")
                                .header("Accept-Language", "zh-CN,zh;q=0.9")
                                .header("Authorization", "Bearer " + api.token())
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(answer.body())
                .contains("\"code\":\"EXTENSION_LOCKED\"")
                .contains("此分机从 Microsoft 365 同步，以下字段不能在此修改，分机也不能在此删除：lastName。");
        assertThat(api.patch("/api/v1/extensions/" + ann.id(), "{\"lastName\":\"Other\"}")
                        .text("detail"))
                .as("without Accept-Language the detail stays the refusal's own English sentence")
                .startsWith("Extension 2001 is synced from Microsoft 365, so lastName cannot be changed");
    }

    private SyncRun runWithResults(SyncTrigger trigger, int failures, Duration took) {
        SyncRun run = runs.start(trigger, SyncKind.FULL, "test").run();
        List<SyncResult> results = new ArrayList<>();
        results.add(new SyncResult(ObjectType.EXTENSION, "u1", "Ann Lee", Action.CREATE, Outcome.CREATED, null, null));
        results.add(new SyncResult(ObjectType.GROUP, "g1", "Sales", Action.UPDATE, Outcome.UPDATED, null, null));
        for (int i = 0; i < failures; i++) {
            results.add(new SyncResult(
                    ObjectType.USER,
                    "bad" + i,
                    "Bea " + i,
                    Action.CREATE,
                    Outcome.FAILED,
                    i % 2 == 0 ? ProblemCode.EMAIL_TAKEN : ProblemCode.NUMBER_INVALID,
                    "an English sentence stored in the database"));
        }
        runs.record(run.id(), results);
        clock.advance(took);
        SyncRun finished = runs.finish(run.id(), null);
        clock.advance(Duration.ofHours(6));
        return finished;
    }

    @Test
    void showsTheHistoryWithItsChartAndARunsResultsFilteredByOutcomeCodeAndType_X4_X7() {
        runWithResults(SyncTrigger.INITIAL, 0, Duration.ofSeconds(3));
        runWithResults(SyncTrigger.SCHEDULE, 1, Duration.ofSeconds(5));
        SyncRun last = runWithResults(SyncTrigger.MANUAL, 30, Duration.ofMillis(1500));

        try (Browser browser = Browser.start("en-US")) {
            WebDriver page = signIn(browser);
            open(page, "/sync-runs");
            browser.assertNoSeriousAccessibilityViolations();
            assertThat(page.findElements(By.cssSelector("#run-chart rect.bar"))).hasSizeGreaterThanOrEqualTo(7);
            assertThat(page.findElements(By.cssSelector("#run-chart circle.duration-dot")))
                    .hasSize(3);
            assertThat(page.findElement(By.id("run-chart")).getAttribute("aria-label"))
                    .contains("last 3 sync runs");
            List<WebElement> rows = page.findElements(By.cssSelector("#runs tr.run"));
            assertThat(rows).hasSize(3);
            WebElement newest = rows.get(0);
            assertThat(newest.getAttribute("data-id")).isEqualTo(last.id().toString());
            assertThat(newest.findElement(By.className("trigger")).getText()).isEqualTo("Manual");
            assertThat(newest.findElement(By.className("state")).getText()).isEqualTo("Partly succeeded");
            assertThat(newest.findElement(By.className("count-failed")).getText())
                    .isEqualTo("30");
            assertThat(newest.findElement(By.className("duration")).getText()).isEqualTo("1.5 s");
            assertThat(newest.findElement(By.className("started")).getText())
                    .as("dates in the admin's locale and the PBX time zone (UTC here)")
                    .startsWith("Nov 22, 2026, 8:00:08");
            browser.screenshot("portal-sync-runs");

            newest.findElement(By.className("started")).click();
            browser.assertNoSeriousAccessibilityViolations();
            assertThat(page.findElement(By.cssSelector(".pager .range")).getText())
                    .isEqualTo("1–25 of 32 (page 1 of 2)");
            new Select(page.findElement(By.id("outcome"))).selectByValue("FAILED");
            new Select(page.findElement(By.id("code"))).selectByValue("EMAIL_TAKEN");
            submit(page, "filter");
            List<WebElement> results = page.findElements(By.cssSelector("tr.result"));
            assertThat(results).hasSize(15).allMatch(r -> "EMAIL_TAKEN".equals(r.getAttribute("data-code")));
            assertThat(results.get(0).findElement(By.className("reason")).getText())
                    .as("the reason worded from the code, not the stored English sentence")
                    .startsWith("This email address already belongs to another extension")
                    .doesNotContain("stored in the database");
            new Select(page.findElement(By.id("outcome"))).selectByValue("");
            new Select(page.findElement(By.id("code"))).selectByValue("");
            new Select(page.findElement(By.id("type"))).selectByValue("GROUP");
            submit(page, "filter");
            assertThat(texts(page, "tr.result .object")).containsExactly("Sales");
            assertThat(page.findElement(By.id("export-csv")).getAttribute("href"))
                    .endsWith("/api/v1/sync-runs/" + last.id() + "/export?format=csv");
            assertThat(page.findElement(By.id("export-json")).getAttribute("href"))
                    .endsWith("/api/v1/sync-runs/" + last.id() + "/export?format=json");
            open(page, "/sync-runs/" + last.id() + "?outcome=FAILED");
            browser.screenshot("portal-sync-run");
        }
    }

    @Test
    void theDirectoryAndTheHistoryInChinese_X7() {
        for (int i = 0; i < 3; i++) {
            local(String.valueOf(1000 + i), "用户" + i, "张");
        }
        Extension ann = syncedExtension();
        String groupId = api.post("/api/v1/extension-groups", "{\"name\":\"销售部\",\"memberIds\":[]}")
                .ok()
                .path("id")
                .asString();
        String bookId = api.post("/api/v1/phonebooks", "{\"name\":\"供应商\"}")
                .ok()
                .path("id")
                .asString();
        SyncRun run = runWithResults(SyncTrigger.SCHEDULE, 2, Duration.ofSeconds(2));

        try (Browser browser = Browser.start("zh-CN")) {
            WebDriver page = signIn(browser);
            browser.assertNoSeriousAccessibilityViolations();

            open(page, "/extensions");
            assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("分机");
            assertThat(page.findElement(By.cssSelector("tr.extension[data-id='" + ann.id() + "'] .origin"))
                            .getText())
                    .isEqualTo("从 Microsoft 365 同步");
            browser.assertNoSeriousAccessibilityViolations();
            browser.screenshot("portal-extensions-zh");

            open(page, "/extensions/" + ann.id());
            assertThat(page.findElement(By.id("why-email")).getText()).startsWith("已锁定");
            ((JavascriptExecutor) page)
                    .executeScript(
                            "const e = document.getElementById('email'); e.readOnly = false; e.value = 'x@y.io';");
            submit(page, "save");
            assertThat(page.findElement(By.id("error")).getText())
                    .as("the refusal in the admin's language")
                    .isEqualTo("此分机从 Microsoft 365 同步，以下字段不能在此修改，分机也不能在此删除：邮箱。"
                            + "请在 Microsoft Entra ID 中修改该用户，下次同步会带来更改。");
            browser.assertNoSeriousAccessibilityViolations();
            browser.screenshot("portal-extension-locked-zh");

            open(page, "/extension-groups");
            browser.assertNoSeriousAccessibilityViolations();
            browser.screenshot("portal-extension-groups-zh");
            open(page, "/extension-groups/" + groupId);
            browser.assertNoSeriousAccessibilityViolations();
            browser.screenshot("portal-extension-group-zh");
            open(page, "/phonebooks");
            browser.assertNoSeriousAccessibilityViolations();
            browser.screenshot("portal-phonebooks-zh");
            open(page, "/phonebooks/" + bookId);
            assertThat(page.findElement(By.id("visibility-summary")).getText()).startsWith("目前无人能看到");
            browser.assertNoSeriousAccessibilityViolations();
            browser.screenshot("portal-phonebook-zh");
            open(page, "/settings");
            assertThat(page.findElement(By.cssSelector("label[for='timeZone']")).getText())
                    .isEqualTo("时区");
            browser.assertNoSeriousAccessibilityViolations();
            browser.screenshot("portal-settings-zh");

            open(page, "/sync-runs");
            WebElement row = page.findElement(By.cssSelector("#runs tr.run"));
            assertThat(row.findElement(By.className("trigger")).getText()).isEqualTo("定时");
            assertThat(row.findElement(By.className("state")).getText()).isEqualTo("部分成功");
            assertThat(row.findElement(By.className("started")).getText())
                    .as("dates in Chinese")
                    .startsWith("2026年11月22日");
            browser.assertNoSeriousAccessibilityViolations();
            browser.screenshot("portal-sync-runs-zh");

            open(page, "/sync-runs/" + run.id() + "?outcome=FAILED");
            assertThat(texts(page, "tr.result .reason"))
                    .hasSize(2)
                    .anyMatch(r -> r.startsWith("此邮箱地址已属于其他分机"))
                    .anyMatch(r -> r.startsWith("从用户属性读取的号码缺失"));
            assertThat(new Select(page.findElement(By.id("outcome")))
                            .getFirstSelectedOption()
                            .getText())
                    .isEqualTo("失败");
            browser.assertNoSeriousAccessibilityViolations();
            browser.screenshot("portal-sync-run-zh");
        }
    }
}
