package io.switchboard.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator standalone for demos: {@code GraphEmulatorMain [port] [users] [seed] [redirectUri...]}. The tenant
 * and client ids derive from the seed; the client secret is new on every start. Without redirect URIs it registers
 * {@value #SWITCHBOARD_CALLBACK}, Switchboard's callback at its default public base URL. Prints the tenant id, client
 * id, client secret and base URL, then serves until the process is stopped.
 */
public final class GraphEmulatorMain {

    static final String SWITCHBOARD_CALLBACK = "http://localhost:8080/integration/callback";

    private GraphEmulatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8900;
        int users = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42L;
        GraphEmulator.Builder builder = GraphEmulator.builder()
                .port(port)
                .tenantId(seeded("tenant", seed))
                .clientId(seeded("client", seed))
                .generatedTenant(seed, users)
                .secretValidity(Duration.ofDays(365));
        for (int i = 3; i < args.length; i++) {
            builder.redirectUri(args[i]);
        }
        if (args.length <= 3) {
            builder.redirectUri(SWITCHBOARD_CALLBACK);
        }
        long started = System.nanoTime();
        GraphEmulator emulator = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
        System.out.printf(
                "Graph emulator ready in %d ms%n  base URL (login and Graph): %s%n  tenant id:      %s%n"
                        + "  client id:      %s%n  client secret:  %s%n  sign-in account: %s%n"
                        + "  user password (login form): %s%n  redirect URIs:  %s%n"
                        + "  users: %d, groups: %d%n  control API: %s/_control/info%n  control token: %s%n",
                (System.nanoTime() - started) / 1_000_000,
                emulator.baseUrl(),
                emulator.tenantId(),
                emulator.clientId(),
                emulator.clientSecret(),
                emulator.authorizationAccount().userPrincipalName(),
                Tenant.DEFAULT_PASSWORD,
                emulator.app().redirectUris(),
                emulator.tenant().userCount(),
                emulator.tenant().groups().size(),
                emulator.baseUrl(),
                emulator.controlToken());
        new CountDownLatch(1).await();
    }

    private static String seeded(String what, long seed) {
        return UUID.nameUUIDFromBytes((what + ":" + seed).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
