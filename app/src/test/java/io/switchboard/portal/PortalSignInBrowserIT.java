package io.switchboard.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.Api;
import io.switchboard.testing.Browser;
import io.switchboard.testing.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The portal's sign-in page in a real browser, in both languages (X7). */
class PortalSignInBrowserIT extends IntegrationTest {

    @Test
    void administratorSignsInAndOut() {
        try (Browser browser = Browser.start("en-US")) {
            var page = browser.driver();
            page.get(api.base() + "/");
            assertThat(page.getCurrentUrl()).endsWith("/login");
            assertThat(page.findElement(By.tagName("button")).getText()).isEqualTo("Sign in");

            page.findElement(By.id("username")).sendKeys("admin");
            page.findElement(By.id("password")).sendKeys(Api.ADMIN_PASSWORD);
            page.findElement(By.id("submit")).click();

            new WebDriverWait(page, Duration.ofSeconds(10))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("who")));
            assertThat(page.findElement(By.id("who")).getText()).isEqualTo("Signed in as admin");
            assertThat(page.findElement(By.id("integration-status")).getText())
                    .as("issue 16: the home page says the integration's status in words")
                    .isEqualTo("Not connected");
            assertThat(page.findElement(By.id("integration-reason")).getText())
                    .isEqualTo("Enter the settings of the app registration, then sign in.");
            for (String[] link : new String[][] {
                {"link-m365", "/integrations/microsoft-365"},
                {"link-users", "/integrations/microsoft-365/users"},
                {"link-groups", "/integrations/microsoft-365/groups"},
                {"link-contacts", "/integrations/microsoft-365/contacts"},
                {"link-presence", "/integrations/microsoft-365/presence"},
                {"link-sso", "/integrations/microsoft-365/sso"},
                {"link-schedule", "/integrations/microsoft-365/schedule"},
                {"link-guard", "/integrations/microsoft-365/guard"},
                {"link-extensions", "/extensions"},
                {"link-extension-groups", "/extension-groups"},
                {"link-phonebooks", "/phonebooks"},
                {"link-history", "/sync-runs"},
                {"link-settings", "/settings"},
                {"held-guard", "/integrations/microsoft-365/guard"}
            }) {
                assertThat(page.findElement(By.id(link[0])).getAttribute("href"))
                        .as("issue 16: the home page links to every section")
                        .isEqualTo(api.base() + link[1]);
            }
            browser.screenshot("portal-home-en");
            browser.assertNoSeriousAccessibilityViolations();
            page.findElement(By.cssSelector("header form button")).click();
            new WebDriverWait(page, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/login?logout"));
            assertThat(page.findElement(By.tagName("body")).getText()).contains("You have signed out.");
        }
    }

    @Test
    void wrongPasswordIsShownInChineseForAChineseBrowser() {
        try (Browser browser = Browser.start("zh-CN")) {
            var page = browser.driver();
            page.get(api.base() + "/login");
            assertThat(page.findElement(By.id("submit")).getText()).isEqualTo("登录");

            page.findElement(By.id("username")).sendKeys("admin");
            page.findElement(By.id("password")).sendKeys("wrong");
            page.findElement(By.id("submit")).click();

            new WebDriverWait(page, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/login?error"));
            assertThat(page.findElement(By.id("error")).getText()).isEqualTo("用户名或密码错误。");
            browser.screenshot("portal-login-error-zh");
            page.findElement(By.linkText("English")).click();
            new WebDriverWait(page, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("lang=en"));
            assertThat(page.findElement(By.id("submit")).getText()).isEqualTo("Sign in");
        }
        api.signIn();
    }
}
