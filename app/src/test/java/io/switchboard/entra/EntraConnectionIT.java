package io.switchboard.entra;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.GraphEmulatorExtension;
import io.switchboard.secrets.SecretBox;
import io.switchboard.testing.Api.Answer;
import io.switchboard.testing.EmulatedTenant;
import io.switchboard.testing.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The connection to Entra ID against the emulator, driven as the admin's browser and scripts would (C1–C7). */
@ExtendWith(OutputCaptureExtension.class)
class EntraConnectionIT extends IntegrationTest {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withGeneratedTenant(7, 300);

    @Autowired
    EntraConnection connection;

    @Autowired
    SecretBox box;

    private String secret;

    @BeforeEach
    void restoreConsent(GraphEmulator emulator) {
        emulator.app().grantAdminConsent();
    }

    private final HttpClient browser =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private void configure(GraphEmulator emulator, String mode) {
        api.patch("/api/v1/settings", "{\"publicBaseUrl\":\"" + api.base() + "\"}");
        emulator.app().addRedirectUri(api.base() + "/integration/callback");
        secret = EmulatedTenant.configure(api, emulator, mode);
    }

    /** Signs in as a browser would: API → Microsoft authorize → back to the Redirect URI. */
    private String signIn() throws Exception {
        Answer start = api.post("/api/v1/integration/sign-in", null);
        assertThat(start.status()).as(start.raw().body()).isEqualTo(200);
        String authorizationUrl = start.text("authorizationUrl");
        assertThat(authorizationUrl)
                .contains("code_challenge_method=S256")
                .contains("state=")
                .contains("nonce=");

        HttpResponse<String> atMicrosoft = browser.send(
                HttpRequest.newBuilder(URI.create(authorizationUrl)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(atMicrosoft.statusCode()).isEqualTo(302);
        String back = atMicrosoft.headers().firstValue("Location").orElseThrow();
        assertThat(back).startsWith(api.base() + "/integration/callback?");

        HttpResponse<String> callback = browser.send(
                HttpRequest.newBuilder(URI.create(back)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(callback.statusCode()).isEqualTo(302);
        return callback.headers().firstValue("Location").orElseThrow();
    }

    @Test
    void showsTheRedirectUrisBuiltFromThePublicBaseUrl_C1() {
        api.patch("/api/v1/settings", "{\"publicBaseUrl\":\"https://pbx.example.com\"}");

        Answer integration = api.get("/api/v1/integration");

        assertThat(integration.status()).isEqualTo(200);
        assertThat(integration.text("status")).isEqualTo("NOT_CONNECTED");
        assertThat(integration.text("redirectUri")).isEqualTo("https://pbx.example.com/integration/callback");
        assertThat(integration.body().path("ssoRedirectUris").get(0).asString())
                .isEqualTo("https://pbx.example.com/client/sso/callback");
        assertThat(integration.body().path("permissions").valueStream().map(n -> n.asString()))
                .contains("User.Read.All", "Group.Read.All")
                .doesNotContain("User.ReadWrite.All");
    }

    @Test
    void connectsThroughTheWholeSignInAndKeepsNoSecretInPlainText_C2_C3_C7(
            GraphEmulator emulator, CapturedOutput output) throws Exception {
        configure(emulator, "DELEGATED");

        String landing = signIn();

        assertThat(landing).endsWith("/?integration=connected");
        Answer integration = api.get("/api/v1/integration");
        assertThat(integration.text("status")).isEqualTo("CONNECTED");
        assertThat(integration.text("statusReason")).contains("users").contains("groups");
        assertThat(integration.text("authorizationAccount")).isNotBlank();
        assertThat(integration.raw().body()).doesNotContain(secret);
        assertThat(integration.body().has("clientSecret")).isFalse();

        String sealedRefresh = jdbc.sql("SELECT refresh_token FROM integration WHERE id = 1")
                .query(String.class)
                .single();
        String refreshToken = box.open(EntraConnection.REFRESH_PURPOSE, sealedRefresh);
        String accessToken = connection.accessToken();
        List<String> secrets = List.of(secret, refreshToken, accessToken);
        for (String cell : everyTextCell()) {
            for (String secret : secrets) {
                assertThat(cell).as("a database cell").doesNotContain(secret);
            }
        }
        for (String secret : secrets) {
            assertThat(output.getAll()).as("the logs").doesNotContain(secret);
        }
    }

    @Test
    void aForgedOrReplayedStateIsRefused_C2(GraphEmulator emulator) throws Exception {
        configure(emulator, "DELEGATED");
        HttpResponse<String> forged = browser.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/integration/callback?state=forged&code=abc"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.headers().firstValue("Location").orElseThrow()).endsWith("integration=failed");

        signIn();
        assertThat(api.get("/api/v1/integration").text("status")).isEqualTo("CONNECTED");
    }

    @Test
    void tokensAreRefreshedAheadOfExpiryAndTheRotatedRefreshTokenIsKept_C4(GraphEmulator emulator) throws Exception {
        configure(emulator, "DELEGATED");
        signIn();
        String first = connection.accessToken();
        String sealedFirst = jdbc.sql("SELECT refresh_token FROM integration WHERE id = 1")
                .query(String.class)
                .single();
        emulator.requestLog().clear();

        clock.advance(Duration.ofMinutes(40));
        assertThat(connection.accessToken()).as("still well ahead of expiry").isEqualTo(first);
        assertThat(emulator.requestLog().count("/oauth2/v2\\.0/token")).isZero();

        clock.advance(Duration.ofMinutes(46));
        connection.accessToken();

        assertThat(emulator.requestLog().count("/oauth2/v2\\.0/token"))
                .as("refreshed within five minutes of expiry (Entra gives 3,600-5,400 s)")
                .isEqualTo(1);
        String sealedSecond = jdbc.sql("SELECT refresh_token FROM integration WHERE id = 1")
                .query(String.class)
                .single();
        assertThat(box.open(EntraConnection.REFRESH_PURPOSE, sealedSecond))
                .as("the rotated refresh token replaces the old one")
                .isNotEqualTo(box.open(EntraConnection.REFRESH_PURPOSE, sealedFirst));
        clock.advance(Duration.ofHours(2));
        assertThat(connection.accessToken()).isNotBlank();
        assertThat(emulator.requestLog().count("/oauth2/v2\\.0/token")).isEqualTo(2);
        api.signIn();
        assertThat(api.get("/api/v1/integration").text("status")).isEqualTo("CONNECTED");
    }

    @Test
    void wrongAndExpiredSecretsGivePlainReasons_C4(GraphEmulator emulator) throws Exception {
        configure(emulator, "DELEGATED");
        signIn();

        api.put("/api/v1/integration", "{\"clientSecret\":\"not-the-secret\"}");
        clock.advance(Duration.ofHours(2));
        api.signIn();
        assertThat(refreshFails()).contains("client secret is invalid");
        assertThat(api.get("/api/v1/integration").text("status")).isEqualTo("ERROR");

        api.put("/api/v1/integration", "{\"clientSecret\":\"" + secret + "\"}");
        emulator.app().expireSecrets();
        clock.advance(Duration.ofHours(2));
        api.signIn();
        assertThat(refreshFails()).contains("client secret has expired");
        assertThat(api.get("/api/v1/integration").text("statusReason")).contains("expired");
    }

    @Test
    void aRefusedNewSecretKeepsTheOldOne_C5(GraphEmulator emulator) throws Exception {
        configure(emulator, "DELEGATED");
        signIn();

        Answer refused = api.put("/api/v1/integration/client-secret", "{\"clientSecret\":\"wrong-secret\"}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("SECRET_REJECTED");
        clock.advance(Duration.ofHours(2));
        api.signIn();
        assertThat(connection.accessToken()).isNotBlank();
        assertThat(api.get("/api/v1/integration").text("status")).isEqualTo("CONNECTED");

        Answer accepted = api.put(
                "/api/v1/integration/client-secret",
                "{\"clientSecret\":\"" + secret + "\",\"expiresAt\":\"2026-12-01\"}");
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.text("clientSecretWarning")).contains("2026-12-01");
    }

    @Test
    void revokedConsentIsDetected_C4(GraphEmulator emulator) throws Exception {
        configure(emulator, "DELEGATED");
        signIn();

        emulator.app().revokeConsent();
        clock.advance(Duration.ofHours(2));
        api.signIn();

        assertThat(refreshFails()).containsAnyOf("Consent was revoked", "no longer valid");
        assertThat(api.get("/api/v1/integration").text("status")).isEqualTo("ERROR");
    }

    @Test
    void anUnreachableTenantGivesAPlainReasonAndRecovers_C4(GraphEmulator emulator) throws Exception {
        configure(emulator, "DELEGATED");
        signIn();

        emulator.faults().dropConnection("/oauth2/v2.0/token", 100);
        clock.advance(Duration.ofHours(2));
        api.signIn();

        assertThat(refreshFails()).contains("cannot be reached");
        Answer integration = api.get("/api/v1/integration");
        assertThat(integration.text("status")).isEqualTo("ERROR");
        assertThat(integration.text("statusReason")).contains("cannot be reached");

        emulator.faults().clear();
        assertThat(connection.accessToken()).isNotBlank();
        assertThat(api.get("/api/v1/integration").text("status")).isEqualTo("CONNECTED");
    }

    @Test
    void applicationModeConnectsWithClientCredentials_C2(GraphEmulator emulator) {
        configure(emulator, "APPLICATION");

        Answer signIn = api.post("/api/v1/integration/sign-in", null);

        assertThat(signIn.body().path("authorizationUrl").isNull()).isTrue();
        Answer integration = api.get("/api/v1/integration");
        assertThat(integration.text("status"))
                .as(integration.text("statusReason"))
                .isEqualTo("CONNECTED");
        assertThat(api.get("/api/v1/integration")
                        .body()
                        .path("permissions")
                        .valueStream()
                        .map(n -> n.asString()))
                .contains("MailboxSettings.Read");
    }

    @Test
    void refusesBadSettings_C6() {
        assertThat(api.put("/api/v1/integration", "{\"clientId\":\"not-a-guid\"}")
                        .code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(api.put(
                                "/api/v1/integration",
                                "{\"cloud\":\"CUSTOM\",\"loginEndpoint\":\"http://login.example.com\","
                                        + "\"graphEndpoint\":\"https://graph.example.com\"}")
                        .text("detail"))
                .contains("loginEndpoint");
        assertThat(api.put("/api/v1/integration", "{\"cloud\":\"MARS\"}").status())
                .isEqualTo(400);
        assertThat(api.post("/api/v1/integration/sign-in", null).code()).isEqualTo("NOT_CONNECTED");
    }

    private String refreshFails() {
        try {
            connection.accessToken();
        } catch (EntraUnavailable e) {
            return e.getMessage();
        }
        throw new AssertionError("the token refresh was expected to fail");
    }

    private List<String> everyTextCell() {
        List<String> cells = new ArrayList<>();
        List<String> tables = jdbc.sql(
                        "SELECT table_name FROM information_schema.tables WHERE LOWER(table_schema) = 'public'")
                .query(String.class)
                .list();
        for (String table : tables) {
            jdbc.sql("SELECT * FROM \"" + table + "\"").query(rs -> {
                for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                    Object value = rs.getObject(c);
                    if (value instanceof String text) {
                        cells.add(text);
                    }
                }
            });
        }
        assertThat(tables).isNotEmpty();
        return cells;
    }
}
