package io.switchboard.emulator;

import static io.switchboard.emulator.TestClient.error;
import static io.switchboard.emulator.TestClient.json;
import static io.switchboard.emulator.TestClient.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** §12 "Subscriptions" and "Delivery simulator", against a small notification receiver on loopback. */
class SubscriptionTest {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withGeneratedTenant(5, 40)
            .configure(b -> b.redirectUri(TestClient.REDIRECT).validationTimeout(Duration.ofMillis(800)));

    /** How the receiver answers validation requests. */
    enum Mode {
        ECHO,
        WRONG_TOKEN,
        ERROR_STATUS,
        SLOW
    }

    private HttpServer receiver;
    private volatile Mode mode = Mode.ECHO;
    private volatile int notificationStatus = 202;
    private final BlockingQueue<String> notifications = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> lifecycle = new LinkedBlockingQueue<>();
    private TestClient client;
    private String token;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/notify", exchange -> receive(exchange, notifications));
        receiver.createContext("/lifecycle", exchange -> receive(exchange, lifecycle));
        receiver.start();
        client = new TestClient(graph.emulator());
        token = client.appToken();
        graph.emulator()
                .subscriptions()
                .forEach(s -> client.sendJson("DELETE", "/v1.0/subscriptions/" + s.id(), token, null));
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private void receive(HttpExchange exchange, BlockingQueue<String> sink) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        byte[] response;
        int status;
        if (query != null && query.contains("validationToken=")) {
            String tokenValue = HttpMessages.parseForm(query).get("validationToken");
            if (mode == Mode.SLOW) {
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            status = mode == Mode.ERROR_STATUS ? 500 : 200;
            response = (mode == Mode.WRONG_TOKEN ? "nope" : tokenValue).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
        } else {
            sink.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            status = notificationStatus;
            response = new byte[0];
        }
        exchange.sendResponseHeaders(status, response.length == 0 ? -1 : response.length);
        if (response.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
            }
        }
        exchange.close();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private HttpResponse<String> create(String resource, String changeType, Instant expiration) {
        return client.sendJson(
                "POST",
                "/v1.0/subscriptions",
                token,
                Map.of(
                        "changeType",
                        changeType,
                        "notificationUrl",
                        url("/notify?tenant=a"),
                        "lifecycleNotificationUrl",
                        url("/lifecycle"),
                        "resource",
                        resource,
                        "expirationDateTime",
                        expiration.toString(),
                        "clientState",
                        "secret-state"));
    }

    private Instant inDays(int days) {
        return graph.emulator().clock().instant().plus(Duration.ofDays(days));
    }

    @Test
    void createRunsTheValidationHandshakeAndReturns201() {
        HttpResponse<String> response = create("users", "updated,deleted", inDays(2));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Map<String, Object> body = json(response);
        assertThat(body)
                .containsKeys("id", "applicationId", "creatorId")
                .containsEntry("resource", "users")
                .containsEntry("clientState", "secret-state")
                .containsEntry("changeType", "updated,deleted");
        assertThat(graph.emulator().deliveries())
                .filteredOn(d -> d.kind().equals("validation"))
                .hasSize(2)
                .allSatisfy(d -> assertThat(d.url()).contains("validationToken=Validation%3A"));
    }

    @Test
    void wrongEchoErrorStatusAndTimeoutFailValidationWithGraphMessages() {
        mode = Mode.WRONG_TOKEN;
        assertThat((String) error(create("users", "updated", inDays(1))).get("message"))
                .isEqualTo(
                        "Subscription validation request failed. Response must exactly match validationToken query parameter.");
        mode = Mode.ERROR_STATUS;
        assertThat((String) error(create("users", "updated", inDays(1))).get("message"))
                .isEqualTo(
                        "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.");
        mode = Mode.SLOW;
        HttpResponse<String> slow = create("users", "updated", inDays(1));
        assertThat(slow.statusCode()).isEqualTo(400);
        assertThat((String) error(slow).get("message")).isEqualTo("Subscription validation request timed out.");
        assertThat(graph.emulator().subscriptions()).isEmpty();
    }

    @Test
    void directoryResourcesRejectCreatedChangeTypeAndTooLongExpiration() {
        assertThat(create("users", "created,updated", inDays(1)).statusCode()).isEqualTo(400);
        HttpResponse<String> tooLong =
                create("groups", "updated", graph.emulator().clock().instant().plus(Duration.ofMinutes(41_761)));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat((String) error(tooLong).get("message")).contains("41760");
        assertThat(create(
                                "groups",
                                "updated",
                                graph.emulator().clock().instant().plus(Duration.ofMinutes(41_700)))
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void nonHttpsNotificationUrlIsRejected() {
        HttpResponse<String> response = client.sendJson(
                "POST",
                "/v1.0/subscriptions",
                token,
                Map.of(
                        "changeType",
                        "updated",
                        "notificationUrl",
                        "http://pbx.example/notify",
                        "resource",
                        "users",
                        "expirationDateTime",
                        inDays(1).toString()));
        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void subscribingNeedsReadPermission() {
        String groupsOnly = (String) client.signIn("openid https://graph.microsoft.com/Group.Read.All")
                .get("access_token");
        HttpResponse<String> response = client.sendJson(
                "POST",
                "/v1.0/subscriptions",
                groupsOnly,
                Map.of(
                        "changeType",
                        "updated",
                        "notificationUrl",
                        url("/notify"),
                        "resource",
                        "users",
                        "expirationDateTime",
                        inDays(1).toString()));
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    @SuppressWarnings("unchecked")
    void tenantChangesAreDeliveredAsBatchedNotificationsWithClientState() throws Exception {
        String subscriptionId =
                (String) json(create("users", "updated,deleted", inDays(2))).get("id");
        EntraUser user = graph.emulator().tenant().users().get(3);
        graph.emulator().tenant().updateUser(user.id(), b -> b.jobTitle("Notified"));
        graph.emulator()
                .tenant()
                .purgeUser(graph.emulator().tenant().users().get(4).id());
        String body = notifications.poll(5, TimeUnit.SECONDS);
        assertThat(body).isNotNull();
        List<Map<String, Object>> items = value(Json.readObject(body.getBytes(StandardCharsets.UTF_8)));
        while (items.size() < 2) {
            String more = notifications.poll(5, TimeUnit.SECONDS);
            assertThat(more).isNotNull();
            items = new java.util.ArrayList<>(items);
            items.addAll(value(Json.readObject(more.getBytes(StandardCharsets.UTF_8))));
        }
        Map<String, Object> first = items.get(0);
        assertThat(first)
                .containsEntry("subscriptionId", subscriptionId)
                .containsEntry("clientState", "secret-state")
                .containsEntry("changeType", "updated")
                .containsEntry("resource", "Users/" + user.id())
                .containsEntry("tenantId", graph.emulator().tenantId())
                .containsKey("subscriptionExpirationDateTime");
        assertThat((Map<String, Object>) first.get("resourceData"))
                .containsEntry("id", user.id())
                .containsEntry("@odata.type", "#Microsoft.Graph.User");
        assertThat(items.get(1)).containsEntry("changeType", "deleted");
    }

    @Test
    void failedDeliveriesAreRetried() {
        create("groups", "updated", inDays(1));
        notificationStatus = 500;
        EntraGroup group = graph.emulator().tenant().groups().get(0);
        graph.emulator().tenant().updateGroup(group.id(), g -> g.withDescription("retry me"));
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(graph.emulator().deliveries())
                        .filteredOn(
                                d -> d.kind().equals("notification") && d.body().contains(group.id()))
                        .extracting(Delivery::attempt)
                        .contains(1, 2, 3, 4));
        assertThat(notifications).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void patchRenewsAndDeleteRemoves() {
        String id = (String) json(create("users", "updated", inDays(1))).get("id");
        Instant renewed = inDays(20);
        HttpResponse<String> patched = client.sendJson(
                "PATCH", "/v1.0/subscriptions/" + id, token, Map.of("expirationDateTime", renewed.toString()));
        assertThat(json(patched)).containsEntry("expirationDateTime", renewed.toString());
        assertThat(client.sendJson(
                                "PATCH",
                                "/v1.0/subscriptions/" + id,
                                token,
                                Map.of("lifecycleNotificationUrl", url("/x")))
                        .statusCode())
                .isEqualTo(400);
        assertThat(value(json(client.get("/v1.0/subscriptions", token))))
                .extracting(s -> s.get("id"))
                .contains(id);
        assertThat(client.sendJson("DELETE", "/v1.0/subscriptions/" + id, token, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(client.get("/v1.0/subscriptions/" + id, token).statusCode()).isEqualTo(404);
    }

    @Test
    void subscriptionsExpireWithTheClock() {
        String id = (String) json(create("users", "updated", inDays(1))).get("id");
        graph.emulator().clock().advance(Duration.ofDays(2));
        try {
            assertThat(client.get("/v1.0/subscriptions/" + id, client.appToken())
                            .statusCode())
                    .isEqualTo(404);
        } finally {
            graph.emulator().clock().advance(Duration.ofDays(-2));
        }
    }

    @Test
    void lifecycleEventsAreDeliveredOnDemandAndReauthorizationPausesDelivery() throws Exception {
        String id = (String) json(create("users", "updated", inDays(1))).get("id");
        for (LifecycleEvent event : List.of(LifecycleEvent.MISSED, LifecycleEvent.REAUTHORIZATION_REQUIRED)) {
            assertThat(graph.emulator().sendLifecycleEvent(id, event)).isTrue();
            String body = lifecycle.poll(5, TimeUnit.SECONDS);
            assertThat(body).isNotNull();
            assertThat(value(Json.readObject(body.getBytes(StandardCharsets.UTF_8)))
                            .get(0))
                    .containsEntry("lifecycleEvent", event.wireName())
                    .containsEntry("subscriptionId", id)
                    .containsEntry("clientState", "secret-state");
        }
        EntraUser user = graph.emulator().tenant().users().get(2);
        graph.emulator().tenant().updateUser(user.id(), b -> b.jobTitle("While paused"));
        assertThat(notifications.poll(300, TimeUnit.MILLISECONDS))
                .as("paused until reauthorized")
                .isNull();
        assertThat(client.sendJson("POST", "/v1.0/subscriptions/" + id + "/reauthorize", token, null)
                        .statusCode())
                .isEqualTo(204);
        graph.emulator().tenant().updateUser(user.id(), b -> b.jobTitle("After reauthorize"));
        assertThat(notifications.poll(5, TimeUnit.SECONDS)).isNotNull();
        graph.emulator().sendLifecycleEvent(id, LifecycleEvent.SUBSCRIPTION_REMOVED);
        assertThat(lifecycle.poll(5, TimeUnit.SECONDS)).contains("subscriptionRemoved");
        assertThat(graph.emulator().subscriptions())
                .extracting(SubscriptionInfo::id)
                .doesNotContain(id);
    }

    @Test
    void revokedConsentSendsReauthorizationRequired() throws Exception {
        String id = (String) json(create("users", "updated", inDays(1))).get("id");
        try {
            graph.emulator().app().revokeConsent();
            String body = lifecycle.poll(5, TimeUnit.SECONDS);
            assertThat(body).contains("reauthorizationRequired").contains(id);
            assertThat(graph.emulator().subscriptions())
                    .filteredOn(s -> s.id().equals(id))
                    .singleElement()
                    .extracting(SubscriptionInfo::paused)
                    .isEqualTo(true);
        } finally {
            graph.emulator().app().grantAdminConsent();
        }
    }
}
