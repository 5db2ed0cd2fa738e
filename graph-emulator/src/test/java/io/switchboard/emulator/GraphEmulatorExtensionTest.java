package io.switchboard.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JUnit 5 extension starts one emulator per class, resolves it as a parameter and resets logs per test. */
class GraphEmulatorExtensionTest {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withEmptyTenant()
            .configure(b -> b.clientId("11111111-2222-3333-4444-555555555555")
                    .clientSecret("abc~fixed-secret")
                    .tenantId("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee")
                    .redirectUri(TestClient.REDIRECT));

    @Test
    void resolvesTheRunningEmulatorWithConfiguredRegistration(GraphEmulator emulator) {
        assertThat(emulator).isSameAs(graph.emulator());
        assertThat(emulator.clientId()).isEqualTo("11111111-2222-3333-4444-555555555555");
        assertThat(emulator.clientSecret()).isEqualTo("abc~fixed-secret");
        assertThat(emulator.tenantId()).isEqualTo("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
        assertThat(emulator.baseUrl()).startsWith("http://127.0.0.1:");
        assertThat(emulator.tokenEndpoint())
                .isEqualTo(emulator.baseUrl() + "/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/oauth2/v2.0/token");
        assertThat(emulator.tenant().userCount()).isEqualTo(1);
        assertThat(emulator.authorizationAccount().displayName()).isEqualTo("MOD Administrator");
    }

    @Test
    void requestLogStartsEmptyInEveryTest(GraphEmulator emulator) {
        assertThat(emulator.requestLog().all()).isEmpty();
        new TestClient(emulator).appToken();
        assertThat(emulator.requestLog().count("/oauth2/v2.0/token")).isEqualTo(1);
    }

    @Test
    void secondTestAlsoStartsWithAnEmptyLog(GraphEmulator emulator) {
        assertThat(emulator.requestLog().all()).isEmpty();
    }

    @Test
    void controlApiServesInfoForTheDemo(GraphEmulator emulator) {
        var info = TestClient.json(new TestClient(emulator).get("/_control/info", emulator.controlToken()));
        assertThat(info).containsEntry("clientId", emulator.clientId()).containsEntry("tenantId", emulator.tenantId());
    }

    @Test
    void controlApiHandsNothingToACallerWithoutTheControlToken(GraphEmulator emulator) {
        TestClient client = new TestClient(emulator);

        var anonymous = client.get("/_control/info", null);
        var forged = client.get("/_control/info", "not-the-token");
        var rotate = client.sendJson("POST", "/_control/secrets", null, java.util.Map.of());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(rotate.statusCode()).isEqualTo(401);
        for (var answer : java.util.List.of(anonymous, forged, rotate)) {
            assertThat(answer.body()).doesNotContain(emulator.clientSecret());
        }
    }

    @Test
    void controlApiRefusesAWebPageOrARebindingHostEvenWithTheToken(GraphEmulator emulator) throws Exception {
        TestClient client = new TestClient(emulator);

        var fromAWebPage = client.get("/_control/info", emulator.controlToken(), "Origin", "https://evil.example");
        assertThat(fromAWebPage.statusCode()).isEqualTo(403);

        String rebound = rawGet(emulator, "/_control/info", "evil.example:8900", emulator.controlToken());
        assertThat(rebound).startsWith("HTTP/1.1 403").doesNotContain(emulator.clientSecret());
    }

    private static String rawGet(GraphEmulator emulator, String path, String host, String token) throws Exception {
        java.net.URI base = java.net.URI.create(emulator.baseUrl());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream()
                    .write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
