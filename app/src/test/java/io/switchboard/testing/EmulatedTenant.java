package io.switchboard.testing;

import io.switchboard.emulator.GraphEmulator;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Points Switchboard's integration at the emulated tenant through the API, as an admin would. */
public final class EmulatedTenant {

    private EmulatedTenant() {}

    /**
     * Saves the integration settings for the emulator with a fresh client secret (restoring the
     * application permissions a test may have removed) and returns that secret.
     */
    public static String configure(Api api, GraphEmulator emulator, String mode) {
        emulator.app().setApplicationPermissions(Set.of("User.Read.All", "Group.Read.All", "Directory.Read.All"));
        String secret = emulator.app().addSecret(Duration.ofDays(365)).value();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("clientId", emulator.clientId());
        settings.put("tenantId", emulator.tenantId());
        settings.put("clientSecret", secret);
        settings.put("cloud", "CUSTOM");
        settings.put("loginEndpoint", emulator.loginBaseUrl());
        settings.put("graphEndpoint", emulator.graphBaseUrl());
        settings.put("mode", mode);
        Api.Answer saved = api.put("/api/v1/integration", Api.json(settings));
        if (saved.status() != 200) {
            throw new IllegalStateException(
                    "Cannot configure the integration: " + saved.raw().body());
        }
        return secret;
    }

    /** Configures the integration in application mode and connects it. */
    public static void connect(Api api, GraphEmulator emulator) {
        configure(api, emulator, "APPLICATION");
        String status = api.post("/api/v1/integration/sign-in", null)
                .body()
                .path("integration")
                .path("status")
                .asString();
        if (!"CONNECTED".equals(status)) {
            throw new IllegalStateException("The emulated tenant did not connect: " + status);
        }
    }

    /** Empties the emulated tenant of users and groups, grants admin consent and connects in application mode. */
    public static void connectEmpty(Api api, GraphEmulator emulator) {
        emulator.app().grantAdminConsent();
        emulator.tenant().users().forEach(u -> emulator.tenant().purgeUser(u.id()));
        emulator.tenant().groups().forEach(g -> emulator.tenant().purgeGroup(g.id()));
        connect(api, emulator);
    }
}
