package io.switchboard.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.Api.Answer;
import io.switchboard.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

class SettingsApiIT extends IntegrationTest {

    @Test
    void readsDefaultsAndChangesOnlyTheFieldsGiven() {
        Answer defaults = api.get("/api/v1/settings");
        assertThat(defaults.body().path("extensionCapacity").asInt()).isEqualTo(1000);

        Answer changed = api.patch(
                "/api/v1/settings",
                "{\"timeZone\":\"Asia/Shanghai\",\"publicBaseUrl\":\"https://pbx.example.com/\",\"defaultCountry\":\"cn\"}");

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.text("timeZone")).isEqualTo("Asia/Shanghai");
        assertThat(changed.text("publicBaseUrl")).isEqualTo("https://pbx.example.com");
        assertThat(changed.text("defaultCountry")).isEqualTo("CN");
        assertThat(changed.body().path("extensionCapacity").asInt()).isEqualTo(1000);
        assertThat(api.get("/api/v1/settings").text("timeZone")).isEqualTo("Asia/Shanghai");
    }

    @Test
    void capacityCannotGoBelowTheExtensionsThatExist_U10() {
        api.post("/api/v1/extensions", "{\"number\":\"1001\",\"firstName\":\"A\"}");
        api.post("/api/v1/extensions", "{\"number\":\"1002\",\"firstName\":\"B\"}");

        Answer answer = api.patch("/api/v1/settings", "{\"extensionCapacity\":1}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text("detail")).contains("2 extensions");
        assertThat(api.patch("/api/v1/settings", "{\"extensionCapacity\":2}").status())
                .isEqualTo(200);
    }

    @Test
    void capacityAcceptsOneMillionExtensions_U10() {
        assertThat(api.patch("/api/v1/settings", "{\"extensionCapacity\":1000000}")
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/settings").body().path("extensionCapacity").asInt())
                .isEqualTo(1_000_000);

        Answer tooMany = api.patch("/api/v1/settings", "{\"extensionCapacity\":1000001}");

        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.text("detail")).contains("extensionCapacity");
        api.patch("/api/v1/settings", "{\"extensionCapacity\":1000}");
    }
}
