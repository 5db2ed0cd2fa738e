package io.switchboard.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.GraphEmulatorExtension;
import io.switchboard.testing.Api;
import io.switchboard.testing.Browser;
import io.switchboard.testing.EmulatedTenant;
import io.switchboard.testing.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The admin connects the emulated tenant from the portal in a real browser (C1–C3). */
class PortalConnectBrowserIT extends IntegrationTest {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withGeneratedTenant(11, 50);

    @Test
    void signsInWithMicrosoftFromThePortal_C1_C2_C3(GraphEmulator emulator) {
        api.patch("/api/v1/settings", "{\"publicBaseUrl\":\"" + api.base() + "\"}");
        emulator.app().addRedirectUri(api.base() + "/integration/callback");
        EmulatedTenant.configure(api, emulator, "DELEGATED");

        try (Browser browser = Browser.start("en-US")) {
            var page = browser.driver();
            page.get(api.base() + "/login");
            page.findElement(By.id("username")).sendKeys("admin");
            page.findElement(By.id("password")).sendKeys(Api.ADMIN_PASSWORD);
            page.findElement(By.id("submit")).click();
            new WebDriverWait(page, Duration.ofSeconds(10))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("integration-status")));
            assertThat(page.findElement(By.id("integration-status")).getText())
                    .as("issue 16: the status in words")
                    .isEqualTo("Not connected");
            assertThat(page.findElement(By.id("integration-status")).getAttribute("data-status"))
                    .isEqualTo("NOT_CONNECTED");
            assertThat(page.findElement(By.id("redirect-uri")).getText())
                    .isEqualTo(api.base() + "/integration/callback");
            assertThat(page.findElement(By.className("sso-redirect-uri")).getText())
                    .as("C1: both URIs to register are shown")
                    .isEqualTo(api.base() + "/client/sso/callback");
            assertThat(page.findElement(By.id("permissions")).getText())
                    .as("C2: the delegated permissions to grant")
                    .contains("User.Read.All", "Group.Read.All", "Contacts.Read.Shared", "Presence.Read.All");

            page.findElement(By.id("connect")).click();

            new WebDriverWait(page, Duration.ofSeconds(15))
                    .until(ExpectedConditions.urlContains("integration=connected"));
            assertThat(page.findElement(By.id("integration-status")).getText()).isEqualTo("Connected");
            assertThat(page.findElement(By.id("integration-reason")).getText()).contains("50 users");
            browser.screenshot("portal-connected");
        }
    }
}
