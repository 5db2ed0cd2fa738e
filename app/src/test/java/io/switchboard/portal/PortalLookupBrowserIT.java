package io.switchboard.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.Api;
import io.switchboard.testing.Browser;
import io.switchboard.testing.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The admin's caller-ID look-up box in a real browser, in both languages (X5, X7). */
class PortalLookupBrowserIT extends IntegrationTest {

    @Test
    void theAdminLooksUpANumberInAnotherFormatThanTheStoredOne_X5() {
        String alice = api.post(
                        "/api/v1/extensions",
                        "{\"number\":\"1001\",\"firstName\":\"Alice\",\"lastName\":\"Smith\","
                                + "\"mobileNumber\":\"(425) 555-0100\"}")
                .ok()
                .path("id")
                .asString();
        try (Browser browser = Browser.start("en-US")) {
            WebDriver page = signIn(browser);
            page.findElement(By.linkText("Caller-ID lookup")).click();
            wait(page).until(ExpectedConditions.presenceOfElementLocated(By.id("lookup-number")));
            assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Caller-ID lookup");

            page.findElement(By.id("lookup-number")).sendKeys("tel:+1-425-555-0100;ext=12");
            page.findElement(By.id("lookup-submit")).click();
            wait(page).until(ExpectedConditions.presenceOfElementLocated(By.id("lookup-matches")));
            var row = page.findElement(By.cssSelector("#lookup-matches .lookup-match"));
            assertThat(row.getAttribute("data-id")).isEqualTo(alice);
            assertThat(row.getText()).isEqualTo("Alice Smith Extension Mobile number");
            assertThat(page.findElement(By.id("lookup-e164")).getText())
                    .isEqualTo("In international form with the default country US: +14255550100");
            browser.screenshot("portal-lookup-en");
        }
    }

    @Test
    void theLookUpBoxSpeaksChinese_X5() {
        try (Browser browser = Browser.start("zh-CN")) {
            WebDriver page = signIn(browser);
            page.get(api.base() + "/lookup?number=abc");
            assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("来电号码查询");
            assertThat(page.findElement(By.id("lookup-invalid")).getText())
                    .isEqualTo("这不是电话号码。请输入数字，例如 +1 425 555 0100、020 7946 0958 或 1001。");
            page.get(api.base() + "/lookup?number=" + "%2B44%2020%207946%200958");
            assertThat(page.findElement(By.id("lookup-none")).getText()).isEqualTo("目录中没有人使用此号码。");
            browser.screenshot("portal-lookup-zh");
        }
    }

    private WebDriver signIn(Browser browser) {
        WebDriver page = browser.driver();
        page.get(api.base() + "/login");
        page.findElement(By.id("username")).sendKeys("admin");
        page.findElement(By.id("password")).sendKeys(Api.ADMIN_PASSWORD);
        page.findElement(By.id("submit")).click();
        wait(page).until(ExpectedConditions.presenceOfElementLocated(By.id("who")));
        return page;
    }

    private static WebDriverWait wait(WebDriver page) {
        return new WebDriverWait(page, Duration.ofSeconds(10));
    }
}
