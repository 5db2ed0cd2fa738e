package io.switchboard.softphone;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.directory.ContactInput;
import io.switchboard.directory.Extension;
import io.switchboard.directory.ExtensionInput;
import io.switchboard.directory.PhonebookDirectory;
import io.switchboard.directory.PhonebookInput;
import io.switchboard.directory.SyncedDirectory;
import io.switchboard.directory.Visibility;
import io.switchboard.emulator.EntraUser;
import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.GraphEmulatorExtension;
import io.switchboard.emulator.IdTokens;
import io.switchboard.emulator.Tenant;
import io.switchboard.testing.Api;
import io.switchboard.testing.Browser;
import io.switchboard.testing.EmulatedTenant;
import io.switchboard.testing.IntegrationTest;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Softphone sign-in with Microsoft (S1, S2) against the emulated tenant, over HTTP as a browser or
 * the mobile app would follow the redirects: the mobile flow from authorize to client token, every
 * refusal, and the separation of softphone and admin sign-ins.
 */
class SoftphoneSignInIT extends IntegrationTest {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withGeneratedTenant(19, 6);

    @Autowired
    SyncedDirectory synced;

    @Autowired
    PhonebookDirectory phonebooks;

    GraphEmulator emulator;
    EntraUser user;
    Extension extension;

    @BeforeEach
    void connectedWithSsoOn(GraphEmulator emulator) {
        this.emulator = emulator;
        jdbc.sql("DELETE FROM softphone_sso").update();
        jdbc.sql("DELETE FROM softphone_sign_in").update();
        jdbc.sql("DELETE FROM softphone_ticket").update();
        emulator.clock().set(clock.instant());
        emulator.app().requireInteractiveSignIn(false);
        api.patch("/api/v1/settings", "{\"publicBaseUrl\":\"" + api.base() + "\"}")
                .ok();
        emulator.app().addRedirectUri(api.base() + "/integration/callback");
        emulator.app().addRedirectUri(api.base() + "/client/sso/callback");
        EmulatedTenant.configure(api, emulator, "APPLICATION");
        List<EntraUser> users = emulator.tenant().users().stream()
                .filter(EntraUser::accountEnabled)
                .toList();
        user = users.get(0);
        emulator.app().signInAs(user.id());
        extension = synced.upsertExtension(
                user.id(), new ExtensionInput("2001", "Ada", "Lee", null, null, null, null), false);
        api.put("/api/v1/integration/sso", "{\"enabled\":true}").ok();
    }

    /** A browser or the mobile app: cookies kept per host, redirects followed by the test. */
    static final class Agent {
        final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        HttpResponse<String> send(String method, String url, String json, String bearer) {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30))
                    .method(
                            method,
                            json == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                r.header("Content-Type", "application/json");
            }
            if (bearer != null) {
                r.header("Authorization", "Bearer " + bearer);
            }
            r.header("Accept", "application/json, text/html");
            try {
                return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        HttpResponse<String> get(String url) {
            return send("GET", url, null, null);
        }

        static String location(HttpResponse<String> r) {
            assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(302);
            return r.headers().firstValue("Location").orElseThrow();
        }
    }

    private String authorizeUrl(Agent agent, String platform) {
        return Agent.location(agent.get(api.base() + "/client/sso/microsoft?platform=" + platform));
    }

    /** Starts a sign-in and lets the emulator sign the user in; returns the callback URL with code and state. */
    private String callbackUrl(Agent agent, String platform) {
        return Agent.location(agent.get(authorizeUrl(agent, platform)));
    }

    private static Map<String, String> query(String url) {
        return Arrays.stream(URI.create(url).getRawQuery().split("&"))
                .map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    private Agent signedInOnTheWeb() {
        Agent agent = new Agent();
        HttpResponse<String> landed = agent.get(callbackUrl(agent, "WEB"));
        assertThat(Agent.location(landed)).isEqualTo("/client/");
        return agent;
    }

    @Test
    void theWebSignInAsksForTheCodeWithPkceStateAndNonceAndLandsOnTheUsersExtension_S2() {
        Agent agent = new Agent();
        String authorize = authorizeUrl(agent, "WEB");
        Map<String, String> q = query(authorize);
        assertThat(authorize)
                .startsWith(emulator.loginBaseUrl() + "/" + emulator.tenantId() + "/oauth2/v2.0/authorize");
        assertThat(q)
                .containsEntry("response_type", "code")
                .containsEntry("client_id", emulator.clientId())
                .containsEntry("redirect_uri", api.base() + "/client/sso/callback")
                .containsEntry("code_challenge_method", "S256")
                .containsKeys("state", "nonce", "code_challenge");
        assertThat(q.get("scope").split(" ")).contains("openid", "profile", "email");

        HttpResponse<String> landed = agent.get(Agent.location(agent.get(authorize)));
        assertThat(Agent.location(landed)).isEqualTo("/client/");
        HttpResponse<String> me = agent.get(api.base() + "/api/v1/me");
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(me.body())
                .contains("\"number\":\"2001\"")
                .contains(extension.id().toString());
        assertThat(agent.get(api.base() + "/client/").body()).contains("2001");
    }

    @Test
    void theMobileSignInUsesTheIntegrationRedirectUriAndEndsWithAOneUseTicketForAClientToken_S2() {
        Agent app = new Agent();
        String authorize = authorizeUrl(app, "MOBILE");
        assertThat(query(authorize)).containsEntry("redirect_uri", api.base() + "/integration/callback");
        String callback = Agent.location(app.get(authorize));
        assertThat(callback).startsWith(api.base() + "/integration/callback?");

        String target = Agent.location(app.get(callback));
        assertThat(target).startsWith("switchboard://signed-in?ticket=");
        String ticket = query(target).get("ticket");
        assertThat(jdbc.sql("SELECT status FROM integration")
                        .query(String.class)
                        .single())
                .as("the admin's connection is untouched by a softphone sign-in at its callback")
                .isEqualTo("NOT_CONNECTED");

        Api.Answer token = api.anonymous("POST", "/api/v1/client/tokens", Api.json(Map.of("ticket", ticket)));
        assertThat(token.status()).as(token.raw().body()).isEqualTo(200);
        assertThat(token.text("tokenType")).isEqualTo("Bearer");
        assertThat(token.body().path("expiresIn").asLong()).isPositive();
        String clientToken = token.text("accessToken");
        Api.Answer me = api.withToken("GET", "/api/v1/me", null, clientToken);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("number")).isEqualTo("2001");

        Api.Answer again = api.anonymous("POST", "/api/v1/client/tokens", Api.json(Map.of("ticket", ticket)));
        assertThat(again.status()).as("a ticket is used once").isEqualTo(401);
        assertThat(again.code()).isEqualTo("SSO_TOKEN_INVALID");
    }

    @Test
    void aTicketOlderThanSixtySecondsIsRefused_S2() {
        Agent app = new Agent();
        String ticket =
                query(Agent.location(app.get(callbackUrl(app, "MOBILE")))).get("ticket");
        clock.advance(Duration.ofSeconds(61));
        Api.Answer late = api.anonymous("POST", "/api/v1/client/tokens", Api.json(Map.of("ticket", ticket)));
        assertThat(late.status()).isEqualTo(401);
        assertThat(late.code()).isEqualTo("SSO_TOKEN_INVALID");
    }

    private void assertRefused(HttpResponse<String> answer, Agent agent, int status, String code, String why) {
        assertThat(answer.statusCode()).as(why + ": " + answer.body()).isEqualTo(status);
        assertThat(answer.body()).as(why).contains(code);
        assertThat(answer.headers().allValues("Set-Cookie"))
                .as(why + ": no session is created")
                .noneMatch(c -> c.startsWith("SESSION=") && !c.startsWith("SESSION=;"));
        assertThat(agent.get(api.base() + "/api/v1/me").statusCode()).as(why).isEqualTo(401);
    }

    @Test
    void nobodySignsInWhileSsoIsOffOrTheIntegrationIsDisabled_S2() {
        api.put("/api/v1/integration/sso", "{\"enabled\":false}").ok();
        Agent agent = new Agent();
        HttpResponse<String> off = agent.get(api.base() + "/client/sso/microsoft?platform=WEB");
        assertRefused(off, agent, 403, "SSO_DISABLED", "SSO off");
        assertThat(off.body()).contains("switched off");

        api.put("/api/v1/integration/sso", "{\"enabled\":true}").ok();
        assertThat(agent.get(api.base() + "/client/sso/microsoft?platform=FAX").statusCode())
                .as("an unknown platform")
                .isEqualTo(400);
        String callback = callbackUrl(agent, "WEB");
        api.post("/api/v1/integration/disable", "{}").ok();
        assertRefused(agent.get(callback), agent, 403, "SSO_DISABLED", "disabled between authorize and callback");
        assertRefused(
                agent.get(api.base() + "/client/sso/microsoft?platform=MOBILE"),
                agent,
                403,
                "SSO_DISABLED",
                "integration disabled");
    }

    @Test
    void aMicrosoftUserWithoutASyncedExtensionIsRefused_S2() {
        synced.releaseExtension(extension.id());
        Agent agent = new Agent();
        assertRefused(agent.get(callbackUrl(agent, "WEB")), agent, 403, "SSO_USER_NOT_SYNCED", "released extension");
    }

    @Test
    void everyIdTokenThatFailsACheckIsRefused_S2() {
        for (IdTokens.Fault fault : IdTokens.Fault.values()) {
            Agent agent = new Agent();
            String callback = callbackUrl(agent, "WEB");
            emulator.idTokens().tamperNext(fault);
            assertRefused(agent.get(callback), agent, 401, "SSO_TOKEN_INVALID", fault.name());
        }
        Agent agent = new Agent();
        assertThat(Agent.location(agent.get(callbackUrl(agent, "WEB"))))
                .as("a correct token after the faulty ones")
                .isEqualTo("/client/");
    }

    @Test
    void aReplayedStateOrCodeIsRefused_S2() {
        Agent agent = new Agent();
        String callback = callbackUrl(agent, "WEB");
        assertThat(Agent.location(agent.get(callback))).isEqualTo("/client/");

        Agent other = new Agent();
        assertRefused(other.get(callback), other, 401, "SSO_TOKEN_INVALID", "replayed state and code");

        String fresh = callbackUrl(other, "WEB");
        String replayedCode =
                fresh.replaceFirst("code=[^&]+", "code=" + query(callback).get("code"));
        assertRefused(other.get(replayedCode), other, 401, "SSO_TOKEN_INVALID", "replayed code with a new state");
        assertRefused(other.get(fresh), other, 401, "SSO_TOKEN_INVALID", "the state was spent by the refusal");

        Agent thief = new Agent();
        assertRefused(
                thief.get(callbackUrl(new Agent(), "WEB")),
                thief,
                401,
                "SSO_TOKEN_INVALID",
                "a callback from another browser than the one that started");
    }

    @Test
    void aRotatedSigningKeyIsPickedUp_S2() {
        signedInOnTheWeb();
        emulator.rotateSigningKey();
        signedInOnTheWeb();
    }

    @Test
    void aUserWhoseExtensionIsReleasedOrDeletedLosesTheSessionAtTheNextRequest_S2() {
        Agent agent = signedInOnTheWeb();
        Agent app = new Agent();
        String ticket =
                query(Agent.location(app.get(callbackUrl(app, "MOBILE")))).get("ticket");
        String clientToken = api.anonymous("POST", "/api/v1/client/tokens", Api.json(Map.of("ticket", ticket)))
                .text("accessToken");
        assertThat(agent.get(api.base() + "/api/v1/me").statusCode()).isEqualTo(200);

        synced.releaseExtension(extension.id());

        assertThat(agent.get(api.base() + "/api/v1/me").statusCode()).isEqualTo(401);
        assertThat(Agent.location(agent.get(api.base() + "/client/"))).endsWith("/client/sign-in");
        assertThat(api.withToken("GET", "/api/v1/me", null, clientToken).status())
                .isEqualTo(401);
    }

    @Test
    void aSoftphoneSignInNeverReachesTheAdminApiOrPortalAndAnAdminIsNoSoftphoneUser_S2() {
        Agent agent = signedInOnTheWeb();
        HttpResponse<String> adminApi = agent.get(api.base() + "/api/v1/extensions");
        assertThat(adminApi.statusCode()).as(adminApi.body()).isEqualTo(403);
        assertThat(adminApi.body()).contains("FORBIDDEN");
        assertThat(agent.get(api.base() + "/").statusCode()).isEqualTo(403);
        assertThat(agent.get(api.base() + "/api/v1/integration/sso").statusCode())
                .isEqualTo(403);

        Agent app = new Agent();
        String ticket =
                query(Agent.location(app.get(callbackUrl(app, "MOBILE")))).get("ticket");
        String clientToken = api.anonymous("POST", "/api/v1/client/tokens", Api.json(Map.of("ticket", ticket)))
                .text("accessToken");
        assertThat(api.withToken("GET", "/api/v1/extensions", null, clientToken).status())
                .isEqualTo(403);

        Api.Answer adminAsUser = api.get("/api/v1/me");
        assertThat(adminAsUser.status()).isEqualTo(403);
        assertThat(adminAsUser.raw().body()).contains("administrator session is not a softphone sign-in");
    }

    @Test
    void theSsoSettingsTakeOnlyAnOfferedRedirectUriAreFrozenWhileDisabledAndGoOnDisconnect_S1() {
        assertThat(api.get("/api/v1/integration")
                        .body()
                        .path("ssoRedirectUris")
                        .get(0)
                        .asString())
                .as("C1: the SSO redirect URI is the client's real address")
                .isEqualTo(api.base() + "/client/sso/callback");
        assertThat(api.get("/api/v1/integration/sso").text("webRedirectUri"))
                .isEqualTo(api.base() + "/client/sso/callback");
        Api.Answer other = api.put("/api/v1/integration/sso", "{\"webRedirectUri\":\"https://evil.example.com/cb\"}");
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.raw().body()).contains("webRedirectUri");

        api.post("/api/v1/integration/disable", "{}").ok();
        assertThat(api.put("/api/v1/integration/sso", "{\"enabled\":false}").code())
                .isEqualTo("SETTINGS_FROZEN");
        api.post("/api/v1/integration/enable", "{}").ok();
        assertThat(api.get("/api/v1/integration/sso").body().path("enabled").asBoolean())
                .isTrue();

        api.post("/api/v1/integration/disconnect", "{}").ok();
        assertThat(api.get("/api/v1/integration/sso").body().path("enabled").asBoolean())
                .as("gone on disconnect")
                .isFalse();
    }

    @Test
    void theSignedInUserSeesTheirContactsAndVisiblePhonebooksAndSetsPresence_S2() {
        synced.upsertPersonalContact(
                extension.id(),
                "outlook-1",
                new ContactInput("Grace", "Hopper", "Navy", null, "+1 425 555 0100", null, null, null, null));
        var book = phonebooks.create(new PhonebookInput("Sales", new Visibility(List.of(extension.id()), List.of())));
        phonebooks.addContact(
                book.id(), new ContactInput("Alan", "Turing", null, null, "+44 20 7946 0000", null, null, null, null));
        var board = phonebooks.create(new PhonebookInput("Board", new Visibility(List.of(), List.of())));
        phonebooks.addContact(
                board.id(),
                new ContactInput("Ada", "Lovelace", null, null, "+44 20 7946 0001", null, null, null, null));
        Agent agent = signedInOnTheWeb();
        assertThat(agent.get(api.base() + "/api/v1/me/personal-contacts").body())
                .contains("Grace")
                .contains("\"readOnly\":true");
        String books = agent.get(api.base() + "/api/v1/me/phonebooks").body();
        assertThat(books).contains("Sales").doesNotContain("Board");
        assertThat(agent.get(api.base() + "/api/v1/me/lookup?number=tel:%2B14255550100")
                        .body())
                .contains("Grace Hopper");
        assertThat(agent.get(api.base() + "/api/v1/me/lookup?number=0044%2020%207946%200000")
                        .body())
                .contains("Alan Turing")
                .contains("\"type\":\"PHONEBOOK_CONTACT\"");
        assertThat(agent.get(api.base() + "/api/v1/me/lookup?number=%2B442079460001")
                        .body())
                .doesNotContain("Ada");

        Agent app = new Agent();
        String ticket =
                query(Agent.location(app.get(callbackUrl(app, "MOBILE")))).get("ticket");
        String clientToken = api.anonymous("POST", "/api/v1/client/tokens", Api.json(Map.of("ticket", ticket)))
                .text("accessToken");
        Api.Answer away = api.withToken("PATCH", "/api/v1/me", "{\"presence\":\"AWAY\"}", clientToken);
        assertThat(away.status()).as(away.raw().body()).isEqualTo(200);
        assertThat(away.text("presence")).isEqualTo("AWAY");
        var lockedOne = api.withToken("GET", "/api/v1/me/personal-contacts", null, clientToken)
                .body()
                .path("items")
                .get(0);
        assertThat(api.withToken(
                                "DELETE",
                                "/api/v1/me/personal-contacts/"
                                        + lockedOne.path("id").asString(),
                                null,
                                clientToken)
                        .code())
                .isEqualTo("CONTACT_LOCKED");
    }

    private static void fullPage(WebDriver page) {
        ((org.openqa.selenium.JavascriptExecutor) page).executeScript("window.scrollTo(0, 0)");
        Long height = (Long) ((org.openqa.selenium.JavascriptExecutor) page)
                .executeScript("return document.documentElement.scrollHeight");
        Dimension size = page.manage().window().getSize();
        page.manage().window().setSize(new Dimension(size.getWidth(), (int) Math.min(3000, height + 140)));
    }

    private void signInThroughTheLoginPage(WebDriver page) {
        page.get(api.base() + "/client/");
        WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(15));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in-microsoft")))
                .click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("i0116"))).sendKeys(user.userPrincipalName());
        page.findElement(By.id("i0118")).sendKeys(Tenant.DEFAULT_PASSWORD);
        page.findElement(By.id("idSIButton9")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("me-number")));
    }

    @Test
    void aSyncedUserSignsInAtTheMicrosoftLoginPageAndUsesTheWebClient_S2() {
        synced.upsertPersonalContact(
                extension.id(),
                "outlook-1",
                new ContactInput("Grace", "Hopper", "Navy", null, "+1 425 555 0100", null, null, null, null));
        var book = phonebooks.create(new PhonebookInput("Sales", new Visibility(List.of(extension.id()), List.of())));
        phonebooks.addContact(
                book.id(), new ContactInput("Alan", "Turing", null, null, "+44 20 7946 0000", null, null, null, null));
        emulator.app().requireInteractiveSignIn(true);

        try (Browser browser = Browser.start("en-US")) {
            WebDriver page = browser.driver();
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(15));
            signInThroughTheLoginPage(page);
            assertThat(page.getCurrentUrl()).isEqualTo(api.base() + "/client/");
            assertThat(page.findElement(By.id("me-number")).getText()).isEqualTo("2001");
            assertThat(page.findElement(By.id("me-name")).getText()).isEqualTo("Ada Lee");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("contacts"), "Grace Hopper"));
            assertThat(page.findElement(By.id("contacts")).getText()).contains("From Outlook, read-only");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("phonebook-contacts"), "Alan Turing"));
            wait.until(ExpectedConditions.attributeToBe(By.id("teams"), "data-state", "shown"));
            assertThat(page.findElement(By.id("teams-enabled")).isSelected()).isFalse();
            page.findElement(By.id("teams-enabled")).click();
            new Select(page.findElement(By.id("teams-BUSY"))).selectByValue("DO_NOT_DISTURB");
            page.findElement(By.cssSelector("#teams-form button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("teams-status"), "Saved."));
            page.navigate().refresh();
            wait.until(ExpectedConditions.attributeToBe(By.id("teams"), "data-state", "shown"));
            assertThat(page.findElement(By.id("teams-enabled")).isSelected())
                    .as("the user's choice to follow Teams is kept (T1)")
                    .isTrue();
            assertThat(new Select(page.findElement(By.id("teams-BUSY")))
                            .getFirstSelectedOption()
                            .getAttribute("value"))
                    .isEqualTo("DO_NOT_DISTURB");

            new Select(page.findElement(By.id("presence"))).selectByValue("AWAY");
            page.findElement(By.cssSelector("#presence-form button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("presence-status"), "Saved."));
            assertThat(jdbc.sql("SELECT presence FROM extension WHERE id = ?")
                            .param(extension.id())
                            .query(String.class)
                            .single())
                    .isEqualTo("AWAY");

            page.findElement(By.cssSelector("#contacts-title ~ details summary"))
                    .click();
            page.findElement(By.id("c-first")).sendKeys("Linus");
            page.findElement(By.id("c-mobile")).sendKeys("+1 555 0199");
            page.findElement(By.cssSelector("#contact-form button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("contacts"), "Linus"));

            page.findElement(By.id("lookup-number")).sendKeys("+1 (425) 555-0100\n");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("lookup-result"), "Grace Hopper"));
            fullPage(page);
            browser.screenshot("client-en");
            browser.assertNoSeriousAccessibilityViolations();
            page.manage().window().setSize(new Dimension(390, 1900));
            fullPage(page);
            browser.screenshot("client-en-phone");
            browser.assertNoSeriousAccessibilityViolations();
        }
        try (Browser browser = Browser.start("zh-CN")) {
            WebDriver page = browser.driver();
            signInThroughTheLoginPage(page);
            new WebDriverWait(page, Duration.ofSeconds(15))
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.id("contacts"), "来自 Outlook，只读"));
            assertThat(page.findElement(By.id("me-title")).getText()).isEqualTo("我的分机");
            fullPage(page);
            browser.screenshot("client-zh");
            browser.assertNoSeriousAccessibilityViolations();
            page.findElement(By.id("sign-out")).click();
            new WebDriverWait(page, Duration.ofSeconds(15))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("signed-out")));
            browser.screenshot("client-sign-in-zh");
            browser.assertNoSeriousAccessibilityViolations();

            page.get(api.base() + "/login");
            page.findElement(By.id("username")).sendKeys("admin");
            page.findElement(By.id("password")).sendKeys(Api.ADMIN_PASSWORD);
            page.findElement(By.id("submit")).click();
            new WebDriverWait(page, Duration.ofSeconds(15))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("integration-status")));
            page.get(api.base() + "/integrations/microsoft-365/sso");
            assertThat(page.findElement(By.id("sso-enabled")).isSelected()).isTrue();
            assertThat(new Select(page.findElement(By.id("sso-redirect")))
                            .getFirstSelectedOption()
                            .getText())
                    .isEqualTo(api.base() + "/client/sso/callback");
            page.findElement(By.id("sso-enabled")).click();
            page.findElement(By.id("sso-save")).click();
            new WebDriverWait(page, Duration.ofSeconds(15))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("sso-saved")));
            assertThat(api.get("/api/v1/integration/sso").body().path("enabled").asBoolean())
                    .as("S1: switched off in the portal")
                    .isFalse();
            browser.screenshot("portal-sso-zh");
            browser.assertNoSeriousAccessibilityViolations();

            page.get(api.base() + "/client/sso/microsoft?platform=WEB");
            assertThat(page.findElement(By.id("sso-error-code")).getText()).isEqualTo("SSO_DISABLED");
            assertThat(page.findElement(By.id("sso-error")).getText()).contains("管理员");
            browser.screenshot("client-refused-zh");
            browser.assertNoSeriousAccessibilityViolations();
        }
    }
}
