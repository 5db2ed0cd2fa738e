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
        var info = TestClient.json(new TestClient(emulator).get("/_control/info", null));
        assertThat(info).containsEntry("clientId", emulator.clientId()).containsEntry("tenantId", emulator.tenantId());
    }
}
