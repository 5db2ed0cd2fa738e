package io.switchboard.entra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CloudTest {

    @Test
    void theFourCloudsUseTheHostsOfTheReference_C6() {
        assertThat(Cloud.GLOBAL.loginEndpoint()).isEqualTo("https://login.microsoftonline.com");
        assertThat(Cloud.GLOBAL.graphEndpoint()).isEqualTo("https://graph.microsoft.com");
        assertThat(Cloud.US_GOV_GCC_HIGH.loginEndpoint()).isEqualTo("https://login.microsoftonline.us");
        assertThat(Cloud.US_GOV_GCC_HIGH.graphEndpoint()).isEqualTo("https://graph.microsoft.us");
        assertThat(Cloud.US_GOV_DOD.loginEndpoint()).isEqualTo("https://login.microsoftonline.us");
        assertThat(Cloud.US_GOV_DOD.graphEndpoint()).isEqualTo("https://dod-graph.microsoft.us");
        assertThat(Cloud.CHINA.loginEndpoint()).isEqualTo("https://login.chinacloudapi.cn");
        assertThat(Cloud.CHINA.graphEndpoint()).isEqualTo("https://microsoftgraph.chinacloudapi.cn");
        assertThat(Cloud.CUSTOM.loginEndpoint()).isNull();
    }

    @Test
    void endpointsOfAnIntegrationFollowItsCloud_C6() {
        Integration china = new Integration(
                "c",
                "t",
                null,
                null,
                Cloud.CHINA,
                "http://ignored",
                "http://ignored",
                IntegrationMode.DELEGATED,
                true,
                IntegrationStatus.NOT_CONNECTED,
                null,
                null,
                null);
        Integration custom = new Integration(
                "c",
                "tenant",
                null,
                null,
                Cloud.CUSTOM,
                "http://127.0.0.1:9",
                "http://127.0.0.1:8",
                IntegrationMode.DELEGATED,
                true,
                IntegrationStatus.NOT_CONNECTED,
                null,
                null,
                null);

        assertThat(IdentityPlatform.tokenEndpoint(china))
                .isEqualTo("https://login.chinacloudapi.cn/t/oauth2/v2.0/token");
        assertThat(custom.graphEndpoint()).isEqualTo("http://127.0.0.1:8");
        assertThat(IdentityPlatform.authorizeEndpoint(custom))
                .isEqualTo("http://127.0.0.1:9/tenant/oauth2/v2.0/authorize");
    }

    @Test
    void microsoftErrorsBecomePlainReasons_C4() {
        var mapper = tools.jackson.databind.json.JsonMapper.builder().build();
        assertThat(IdentityPlatform.refused(
                                mapper.readTree("{\"error\":\"invalid_client\",\"error_codes\":[7000222]}"), 401)
                        .getMessage())
                .contains("expired");
        assertThat(IdentityPlatform.refused(
                                mapper.readTree(
                                        "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid\"}"),
                                401)
                        .getMessage())
                .contains("invalid");
        assertThat(IdentityPlatform.refused(
                                mapper.readTree("{\"error\":\"invalid_grant\",\"error_codes\":[65001]}"), 400)
                        .getMessage())
                .contains("Consent");
    }
}
