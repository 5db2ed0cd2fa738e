package io.switchboard.demo;

import io.switchboard.directory.PbxSettingsService;
import io.switchboard.emulator.GraphEmulator;
import io.switchboard.entra.Cloud;
import io.switchboard.entra.EntraConnection;
import io.switchboard.entra.IntegrationInput;
import io.switchboard.entra.IntegrationMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Starts an emulated tenant (a generated company) next to Switchboard and fills in the
 * integration settings for it at every start (the emulator's secret is new each time); the admin
 * then only signs in. Never active in production.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
class DemoTenant {

    private static final Logger log = LoggerFactory.getLogger(DemoTenant.class);

    @Bean(destroyMethod = "close")
    GraphEmulator demoEmulator(
            PbxSettingsService pbx,
            @Value("${switchboard.demo.emulator-port:8900}") int port,
            @Value("${switchboard.demo.users:300}") int users,
            @Value("${switchboard.demo.seed:42}") long seed) {
        return GraphEmulator.builder()
                .port(port)
                .generatedTenant(seed, users)
                .redirectUri(pbx.get().publicBaseUrl() + "/integration/callback")
                .start();
    }

    @Bean
    ApplicationRunner connectDemoTenant(GraphEmulator emulator, EntraConnection connection) {
        return args -> {
            if (connection.view().enabled()) {
                connection.update(new IntegrationInput(
                        emulator.clientId(),
                        emulator.tenantId(),
                        emulator.clientSecret(),
                        Cloud.CUSTOM,
                        emulator.loginBaseUrl(),
                        emulator.graphBaseUrl(),
                        IntegrationMode.DELEGATED,
                        null));
            }
            log.info(
                    "Demo tenant '{}' emulated at {}; sign in from the portal or POST /api/v1/integration/sign-in",
                    emulator.tenantId(),
                    emulator.baseUrl());
        };
    }
}
