package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.emulator.AppRegistration.SignInOutcome;
import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.GraphEmulatorExtension;
import io.switchboard.testing.Api;
import io.switchboard.testing.Api.Answer;
import io.switchboard.testing.EmulatedTenant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A cancelled or failed new sign-in with Microsoft keeps the working connection (issue 13.5). */
class ReSignInIT extends SecuritySuite {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withGeneratedTenant(13, 20);

    private final HttpClient browser =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void configure(GraphEmulator emulator) {
        emulator.app().grantAdminConsent();
        api.patch("/api/v1/settings", "{\"publicBaseUrl\":\"" + api.base() + "\"}");
        emulator.app().addRedirectUri(api.base() + "/integration/callback");
        EmulatedTenant.configure(api, emulator, "DELEGATED");
    }

    /** API → Microsoft → back to the Redirect URI; returns where the callback sends the browser. */
    private String signIn() throws Exception {
        String authorizationUrl = api.post("/api/v1/integration/sign-in", null).text("authorizationUrl");
        HttpResponse<String> atMicrosoft = browser.send(
                HttpRequest.newBuilder(URI.create(authorizationUrl)).build(), HttpResponse.BodyHandlers.ofString());
        String back = atMicrosoft.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> callback =
                browser.send(HttpRequest.newBuilder(URI.create(back)).build(), HttpResponse.BodyHandlers.ofString());
        return callback.headers().firstValue("Location").orElseThrow();
    }

    private String storedRefreshToken() {
        return jdbc.sql("SELECT refresh_token FROM integration WHERE id = 1")
                .query(String.class)
                .single();
    }

    @Test
    void aCancelledReSignInKeepsTheConnectionConnectedAndSaysSo_13_5(GraphEmulator emulator) throws Exception {
        assertThat(signIn()).endsWith("integration=connected");
        String refreshBefore = storedRefreshToken();

        emulator.app().nextSignIn(SignInOutcome.DECLINE_CONSENT);
        String landing = signIn();

        assertThat(landing).isEqualTo("/?integration=kept");
        Answer integration = api.get("/api/v1/integration");
        assertThat(integration.text("status")).isEqualTo("CONNECTED");
        assertThat(integration.text("statusReason")).contains("keeps working");
        assertThat(storedRefreshToken())
                .as("only a successful sign-in replaces the tokens")
                .isEqualTo(refreshBefore);

        clock.advance(Duration.ofHours(2));
        api.signIn();
        Answer groups = api.get("/api/v1/integration/directory/groups");
        assertThat(groups.status())
                .as("Graph still answers with the kept tokens")
                .isEqualTo(200);
        assertThat(api.get("/api/v1/integration").text("status")).isEqualTo("CONNECTED");

        Browser portal = new Browser();
        portal.signIn("admin", Api.ADMIN_PASSWORD);
        assertThat(portal.get(landing).body())
                .contains("id=\"sign-in-outcome\"")
                .contains("The existing connection keeps working");
        assertThat(portal.get("/?integration=kept&lang=zh-CN").body()).contains("现有连接继续工作");

        assertThat(api.get("/api/v1/audit-events").raw().body())
                .contains("CONNECT_FAILED")
                .contains("\"connectionKept\":true");
    }

    @Test
    void aSuccessfulReSignInReplacesTheTokens_13_5(GraphEmulator emulator) throws Exception {
        signIn();
        String refreshBefore = storedRefreshToken();

        assertThat(signIn()).endsWith("integration=connected");

        assertThat(storedRefreshToken()).isNotEqualTo(refreshBefore);
        assertThat(api.get("/api/v1/integration").text("status")).isEqualTo("CONNECTED");
    }

    @Test
    void aCancelledFirstSignInStillReportsTheFailure_13_5(GraphEmulator emulator) throws Exception {
        emulator.app().nextSignIn(SignInOutcome.DECLINE_CONSENT);

        assertThat(signIn()).isEqualTo("/?integration=failed");
        assertThat(api.get("/api/v1/integration").text("status")).isEqualTo("ERROR");
    }
}
