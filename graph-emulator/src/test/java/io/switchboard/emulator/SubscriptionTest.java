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
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** §12 "Subscriptions" and "Delivery simulator", against a small notification receiver on loopback. */
class SubscriptionTest {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withGeneratedTenant(5, 40)
            .configure(b -> b.redirectUri(TestClient.REDIRECT)
                    .validationTimeout(Duration.ofMillis(800))
                    .deliveryTimeout(Duration.ofMillis(500)));

    /** How the receiver answers validation requests. */
    enum Mode {
        ECHO,
        WRONG_TOKEN,
        /** Answers with the token as it appears in the query, still URL-encoded. */
        ECHO_ENCODED,
        ERROR_STATUS,
        SLOW
    }

    /** One request the receiver got. */
    record Seen(String method, String path, String query, String contentType, String body) {}

    private HttpServer receiver;
    private ExecutorService receiverThreads;
    private volatile Mode mode = Mode.ECHO;
    /** When set, how {@code /lifecycle} answers validation requests (else {@link #mode}). */
    private volatile Mode lifecycleMode;
    /** How many of the next notification POSTs are answered only after a second. */
    private final AtomicInteger slowNotifications = new AtomicInteger();

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
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
        receiverThreads = Executors.newCachedThreadPool();
        receiver.setExecutor(receiverThreads);
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
        receiverThreads.shutdownNow();
    }

    private void receive(HttpExchange exchange, BlockingQueue<String> sink) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String path = exchange.getRequestURI().getPath();
        String requestBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        seen.add(new Seen(
                exchange.getRequestMethod(),
                path,
                query,
                exchange.getRequestHeaders().getFirst("Content-Type"),
                requestBody));
        byte[] response;
        int status;
        if (query != null && query.contains("validationToken=")) {
            String tokenValue = HttpMessages.parseForm(query).get("validationToken");
            Mode mode = path.startsWith("/lifecycle") && lifecycleMode != null ? lifecycleMode : this.mode;
            if (mode == Mode.ECHO_ENCODED) {
                tokenValue = query.substring(query.indexOf("validationToken=") + "validationToken=".length());
            }
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
            sink.add(requestBody);
            if (sink == notifications && slowNotifications.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
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
        List<Instant> tries = graph.emulator().deliveries().stream()
                .filter(d -> d.kind().equals("notification") && d.body().contains(group.id()))
                .sorted(java.util.Comparator.comparingInt(Delivery::attempt))
                .map(Delivery::at)
                .toList();
        Duration base = new Settings().deliveryRetryBase();
        for (int i = 1; i < 4; i++) {
            assertThat(Duration.between(tries.get(i - 1), tries.get(i)))
                    .as("back-off before attempt %d", i + 1)
                    .isGreaterThanOrEqualTo(base.multipliedBy(1L << (i - 1)));
        }
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

    // ---- checklist items not covered above (reference §8, §12 "Subscriptions" and "Delivery simulator")

    private HttpResponse<String> createWith(
            String bearer,
            String resource,
            String changeType,
            String clientState,
            boolean withLifecycleUrl,
            Instant expiration) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("changeType", changeType);
        body.put("notificationUrl", url("/notify?tenant=a"));
        if (withLifecycleUrl) {
            body.put("lifecycleNotificationUrl", url("/lifecycle"));
        }
        body.put("resource", resource);
        body.put("expirationDateTime", expiration.toString());
        body.put("clientState", clientState);
        return client.sendJson("POST", "/v1.0/subscriptions", bearer, body);
    }

    private String createdId(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return (String) json(response).get("id");
    }

    /** The items of the next change-notification collection the receiver gets. */
    private List<Map<String, Object>> nextBatch() throws InterruptedException {
        String body = notifications.poll(5, TimeUnit.SECONDS);
        assertThat(body).as("a change-notification collection").isNotNull();
        return value(Json.readObject(body.getBytes(StandardCharsets.UTF_8)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resourceData(Map<String, Object> item) {
        return (Map<String, Object>) item.get("resourceData");
    }

    private SubscriptionInfo info(String id) {
        return graph.emulator().subscriptions().stream()
                .filter(s -> s.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private HttpResponse<String> patchExpiration(String id, Instant expiration) {
        return client.sendJson(
                "PATCH", "/v1.0/subscriptions/" + id, token, Map.of("expirationDateTime", expiration.toString()));
    }

    @Test
    void theHundredAndFirstDirectorySubscriptionOfTheAppGets403NamingTheLimit() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ids.add(createdId(
                    createWith(token, i % 2 == 0 ? "users" : "groups", "updated", "s" + i, false, inDays(1))));
        }
        HttpResponse<String> overQuota = createWith(token, "users", "updated", "s100", false, inDays(1));
        assertThat(overQuota.statusCode()).as(overQuota.body()).isEqualTo(403);
        assertThat((String) error(overQuota).get("message")).contains("100").containsIgnoringCase("quota");
        assertThat(graph.emulator().subscriptions()).hasSize(100);
        assertThat(client.sendJson("DELETE", "/v1.0/subscriptions/" + ids.get(0), token, null)
                        .statusCode())
                .isEqualTo(204);
        createdId(createWith(token, "users", "updated", "s101", false, inDays(1)));
    }

    @Test
    void lifecycleNotificationUrlCannotBeAddedByPatch() {
        Instant expiration = inDays(1);
        String id = createdId(createWith(token, "users", "updated", "s", false, expiration));
        HttpResponse<String> patched = client.sendJson(
                "PATCH",
                "/v1.0/subscriptions/" + id,
                token,
                Map.of(
                        "lifecycleNotificationUrl",
                        url("/lifecycle"),
                        "expirationDateTime",
                        inDays(2).toString()));
        assertThat(patched.statusCode()).isEqualTo(400);
        assertThat((String) error(patched).get("message")).contains("lifecycleNotificationUrl");
        Map<String, Object> stored = json(client.get("/v1.0/subscriptions/" + id, token));
        assertThat(stored.get("lifecycleNotificationUrl")).isNull();
        assertThat(stored).containsEntry("expirationDateTime", expiration.toString());
    }

    @Test
    void patchOfTheExpirationReturnsTheSubscriptionAndReauthorizesAPausedOne() throws Exception {
        String id = createdId(createWith(token, "users", "updated", "s", true, inDays(1)));
        graph.emulator().sendLifecycleEvent(id, LifecycleEvent.REAUTHORIZATION_REQUIRED);
        assertThat(info(id).paused()).isTrue();
        Instant renewed = inDays(10);
        HttpResponse<String> patched = patchExpiration(id, renewed);
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(json(patched))
                .containsEntry("id", id)
                .containsEntry("resource", "users")
                .containsEntry("expirationDateTime", renewed.toString())
                .containsKey("@odata.context");
        assertThat(info(id).paused()).isFalse();
        EntraUser user = graph.emulator().tenant().users().get(5);
        graph.emulator().tenant().updateUser(user.id(), b -> b.jobTitle("After renewal"));
        assertThat(nextBatch())
                .singleElement()
                .satisfies(item -> assertThat(item)
                        .containsEntry("subscriptionId", id)
                        .containsEntry("subscriptionExpirationDateTime", renewed.toString()));
    }

    @Test
    void reauthorizeResumesDeliveryWithoutExtendingAndAnsweres404ForUnknownIds() {
        Instant expiration = inDays(1);
        String id = createdId(createWith(token, "groups", "updated", "s", true, expiration));
        graph.emulator().sendLifecycleEvent(id, LifecycleEvent.REAUTHORIZATION_REQUIRED);
        assertThat(client.sendJson("POST", "/v1.0/subscriptions/" + id + "/reauthorize", token, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(info(id).paused()).isFalse();
        assertThat(info(id).expirationDateTime()).isEqualTo(expiration);
        assertThat(client.sendJson(
                                "POST",
                                "/v1.0/subscriptions/" + java.util.UUID.randomUUID() + "/reauthorize",
                                token,
                                null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void getReturnsOneSubscriptionAndTheList() {
        String users = createdId(createWith(token, "users", "updated,deleted", "u", false, inDays(1)));
        String groups = createdId(createWith(token, "groups", "updated", "g", false, inDays(1)));
        assertThat(json(client.get("/v1.0/subscriptions/" + users, token)))
                .containsEntry("id", users)
                .containsEntry("changeType", "updated,deleted")
                .containsEntry("clientState", "u")
                .containsEntry("notificationUrl", url("/notify?tenant=a"));
        assertThat(value(json(client.get("/v1.0/subscriptions", token))))
                .extracting(s -> s.get("id"))
                .containsExactlyInAnyOrder(users, groups);
    }

    @Test
    void expirationBeyond41760MinutesOrInThePastGets400AtCreateAndOnPatch() {
        String quoted = "Subscription expiration can only be 41760 minutes in the future.";
        Instant now = graph.emulator().clock().instant();
        for (String resource : List.of(
                "users",
                "groups",
                "groups/" + graph.emulator().tenant().groups().get(0).id() + "/members")) {
            HttpResponse<String> tooLong =
                    createWith(token, resource, "updated", "s", false, now.plus(Duration.ofMinutes(41_761)));
            assertThat(tooLong.statusCode()).as(resource).isEqualTo(400);
            assertThat(error(tooLong)).containsEntry("message", quoted);
        }
        HttpResponse<String> past = createWith(token, "users", "updated", "s", false, now.minusSeconds(60));
        assertThat(past.statusCode()).isEqualTo(400);
        assertThat((String) error(past).get("message")).contains("future");
        Instant expiration = inDays(1);
        String id = createdId(createWith(token, "users", "updated", "s", false, expiration));
        HttpResponse<String> patchTooLong = patchExpiration(id, now.plus(Duration.ofMinutes(41_761)));
        assertThat(patchTooLong.statusCode()).isEqualTo(400);
        assertThat(error(patchTooLong)).containsEntry("message", quoted);
        assertThat(patchExpiration(id, now.minusSeconds(60)).statusCode()).isEqualTo(400);
        assertThat(info(id).expirationDateTime()).isEqualTo(expiration);
        assertThat(patchExpiration(id, now.plus(Duration.ofMinutes(41_700))).statusCode())
                .isEqualTo(200);
    }

    @Test
    void usersAndGroupsRefuseCreatedAndUnknownChangeTypes() {
        for (String resource : List.of("users", "groups")) {
            HttpResponse<String> created = createWith(token, resource, "created", "s", false, inDays(1));
            assertThat(created.statusCode()).isEqualTo(400);
            assertThat(error(created)).containsEntry("code", "InvalidRequest");
            assertThat((String) error(created).get("message")).contains("created");
            assertThat(createWith(token, resource, "updated,renamed", "s", false, inDays(1))
                            .statusCode())
                    .isEqualTo(400);
        }
        assertThat(graph.emulator().subscriptions()).isEmpty();
        createdId(createWith(token, "users", "updated,deleted", "s", false, inDays(1)));
        createdId(createWith(token, "groups", "deleted", "s", false, inDays(1)));
    }

    @Test
    void creationAndSoftDeletionArriveAsUpdatedAndOnlyAPurgeAsDeleted() throws Exception {
        String updatedOnly = createdId(createWith(token, "users", "updated", "u", false, inDays(1)));
        String both = createdId(createWith(token, "users", "updated,deleted", "ud", false, inDays(1)));
        Tenant tenant = graph.emulator().tenant();

        EntraUser user = tenant.createUser(b -> b.displayName("Fresh Notified"));
        assertThat(nextBatch())
                .allSatisfy(item -> assertThat(item).containsEntry("changeType", "updated"))
                .allSatisfy(item -> assertThat(resourceData(item)).containsEntry("id", user.id()))
                .extracting(item -> item.get("subscriptionId"))
                .containsExactlyInAnyOrder(updatedOnly, both);

        tenant.deleteUser(user.id());
        assertThat(nextBatch())
                .allSatisfy(item -> assertThat(item).containsEntry("changeType", "updated"))
                .extracting(item -> item.get("subscriptionId"))
                .containsExactlyInAnyOrder(updatedOnly, both);

        tenant.purgeUser(user.id());
        assertThat(nextBatch())
                .singleElement()
                .satisfies(item ->
                        assertThat(item).containsEntry("subscriptionId", both).containsEntry("changeType", "deleted"));

        String groups = createdId(createWith(token, "groups", "updated,deleted", "g", false, inDays(1)));
        EntraGroup group = tenant.createGroup(EntraGroup.security(Tenant.newObjectId(), "Fresh Notified Group"));
        assertThat(nextBatch()).singleElement().satisfies(item -> {
            assertThat(item).containsEntry("subscriptionId", groups).containsEntry("changeType", "updated");
            assertThat(resourceData(item))
                    .containsEntry("id", group.id())
                    .containsEntry("@odata.type", "#Microsoft.Graph.Group");
        });
        tenant.deleteGroup(group.id());
        assertThat(nextBatch())
                .singleElement()
                .satisfies(item -> assertThat(item)
                        .containsEntry("subscriptionId", groups)
                        .containsEntry("changeType", "updated"));
    }

    @Test
    void validationIsATextPlainPostWhoseDecodedTokenMustBeEchoedExactly() {
        createdId(createWith(token, "users", "updated", "s", true, inDays(1)));
        List<Seen> validations = seen.stream()
                .filter(r -> r.query() != null && r.query().contains("validationToken="))
                .toList();
        assertThat(validations).extracting(Seen::path).containsExactlyInAnyOrder("/notify", "/lifecycle");
        assertThat(validations).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.contentType()).isEqualTo("text/plain; charset=utf-8");
            assertThat(r.body()).isEmpty();
            String raw = r.query().substring(r.query().indexOf("validationToken=") + 16);
            assertThat(HttpMessages.parseForm(r.query()).get("validationToken"))
                    .as("the token needs URL-decoding")
                    .isNotEqualTo(raw);
        });
        assertThat(validations.get(0).query())
                .as("the notification URL's own query is kept")
                .contains("tenant=a");

        mode = Mode.ECHO_ENCODED;
        HttpResponse<String> encoded = createWith(token, "users", "updated", "s", false, inDays(1));
        assertThat(encoded.statusCode()).isEqualTo(400);
        assertThat(error(encoded))
                .containsEntry("code", "InvalidRequest")
                .containsEntry(
                        "message",
                        "Subscription validation request failed. Response must exactly match validationToken query parameter.");
    }

    @Test
    void graphsDefaultTimeoutsAreTenSecondsForValidationAndThreeForDelivery() {
        Settings defaults = new Settings();
        assertThat(defaults.validationTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.deliveryTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aFailedLifecycleUrlValidationFailsTheCreateWithTheSameMessages() {
        Map<Mode, String> expected = Map.of(
                Mode.ERROR_STATUS,
                "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.",
                Mode.WRONG_TOKEN,
                "Subscription validation request failed. Response must exactly match validationToken query parameter.",
                Mode.SLOW,
                "Subscription validation request timed out.");
        expected.forEach((failure, message) -> {
            lifecycleMode = failure;
            HttpResponse<String> response = createWith(token, "users", "updated", "s", true, inDays(1));
            assertThat(response.statusCode()).as(failure.name()).isEqualTo(400);
            assertThat(error(response)).containsEntry("code", "InvalidRequest").containsEntry("message", message);
        });
        assertThat(graph.emulator().subscriptions()).isEmpty();
        lifecycleMode = null;
        createdId(createWith(token, "users", "updated", "s", true, inDays(1)));
    }

    @Test
    void oneCollectionCarriesTheItemsOfSeveralSubscriptionsWithTheirOwnClientState() throws Exception {
        EntraUser user = graph.emulator().tenant().users().get(6);
        String all = createdId(createWith(token, "users", "updated", "state-all", false, inDays(1)));
        String one = createdId(createWith(token, "users/" + user.id(), "updated", "state-one", false, inDays(1)));
        seen.clear();
        graph.emulator().tenant().updateUser(user.id(), b -> b.jobTitle("Batched"));
        List<Map<String, Object>> items = nextBatch();
        assertThat(items).extracting(i -> i.get("subscriptionId")).containsExactlyInAnyOrder(all, one);
        assertThat(items)
                .filteredOn(i -> i.get("subscriptionId").equals(all))
                .singleElement()
                .satisfies(i -> assertThat(i).containsEntry("clientState", "state-all"));
        assertThat(items)
                .filteredOn(i -> i.get("subscriptionId").equals(one))
                .singleElement()
                .satisfies(i -> assertThat(i).containsEntry("clientState", "state-one"));
        assertThat(items).allSatisfy(i -> {
            assertThat(i).containsEntry("resource", "Users/" + user.id()).containsKey("id");
            assertThat(resourceData(i))
                    .containsEntry("id", user.id())
                    .containsEntry("@odata.id", "Users/" + user.id())
                    .containsEntry("organizationId", graph.emulator().tenantId());
        });
        assertThat(seen)
                .filteredOn(r -> r.path().equals("/notify"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.method()).isEqualTo("POST");
                    assertThat(r.query()).isEqualTo("tenant=a");
                    assertThat(r.contentType()).startsWith("application/json");
                });
    }

    @Test
    void aDeliveryThatTimesOutIsRetried() {
        createdId(createWith(token, "users", "updated", "s", false, inDays(1)));
        slowNotifications.set(1);
        EntraUser user = graph.emulator().tenant().users().get(7);
        graph.emulator().tenant().updateUser(user.id(), b -> b.jobTitle("Slow receiver"));
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(graph.emulator().deliveries())
                        .filteredOn(d -> d.kind().equals("notification"))
                        .extracting(Delivery::attempt, Delivery::status)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple(1, -1),
                                org.assertj.core.groups.Tuple.tuple(2, 202)));
    }

    @Test
    void httpNotificationUrlsAreRefusedEvenOnLoopbackUnlessAllowed() {
        try (GraphEmulator strict = GraphEmulator.builder()
                .redirectUri(TestClient.REDIRECT)
                .allowHttpLoopbackNotifications(false)
                .validationTimeout(Duration.ofMillis(800))
                .start()) {
            TestClient strictClient = new TestClient(strict);
            String strictToken = strictClient.appToken();
            Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of(
                    "changeType",
                    "updated",
                    "resource",
                    "users",
                    "expirationDateTime",
                    strict.clock().instant().plus(Duration.ofDays(1)).toString()));
            body.put("notificationUrl", url("/notify"));
            HttpResponse<String> http = strictClient.sendJson("POST", "/v1.0/subscriptions", strictToken, body);
            assertThat(http.statusCode()).isEqualTo(400);
            assertThat((String) error(http).get("message")).contains("HTTPS");
            body.put("notificationUrl", url("/notify").replace("http://", "https://"));
            body.put("lifecycleNotificationUrl", url("/lifecycle"));
            HttpResponse<String> httpLifecycle =
                    strictClient.sendJson("POST", "/v1.0/subscriptions", strictToken, body);
            assertThat(httpLifecycle.statusCode()).isEqualTo(400);
            assertThat((String) error(httpLifecycle).get("message")).contains("HTTPS");
            assertThat(seen).as("no handshake for a refused URL").isEmpty();
            body.remove("lifecycleNotificationUrl");
            HttpResponse<String> https = strictClient.sendJson("POST", "/v1.0/subscriptions", strictToken, body);
            assertThat(https.statusCode()).isEqualTo(400);
            assertThat((String) error(https).get("message"))
                    .as("https passes the scheme check and goes on to the handshake")
                    .startsWith("Subscription validation request")
                    .doesNotContain("HTTPS");
        }
        assertThat(createWith(token, "users", "updated", "s", true, inDays(1)).statusCode())
                .as("this class's emulator allows http on loopback")
                .isEqualTo(201);
    }

    @Test
    void changesWhilePausedAreNeverDeliveredEvenAfterReauthorization() throws Exception {
        String paused = createdId(createWith(token, "users", "updated", "p", true, inDays(1)));
        String active = createdId(createWith(token, "users", "updated", "a", false, inDays(1)));
        graph.emulator().sendLifecycleEvent(paused, LifecycleEvent.REAUTHORIZATION_REQUIRED);
        Tenant tenant = graph.emulator().tenant();
        EntraUser user = tenant.users().get(8);

        tenant.updateUser(user.id(), b -> b.jobTitle("In the gap"));
        long gap = tenant.changeSequence();
        assertThat(nextBatch())
                .as("the paused subscription gets nothing")
                .singleElement()
                .satisfies(i -> assertThat(i).containsEntry("subscriptionId", active));

        assertThat(client.sendJson("POST", "/v1.0/subscriptions/" + paused + "/reauthorize", token, null)
                        .statusCode())
                .isEqualTo(204);
        tenant.updateUser(user.id(), b -> b.jobTitle("After the gap"));
        long after = tenant.changeSequence();
        List<Map<String, Object>> items = nextBatch();
        assertThat(items).extracting(i -> i.get("subscriptionId")).containsExactlyInAnyOrder(paused, active);
        assertThat(items)
                .allSatisfy(i -> assertThat(((Number) resourceData(i).get("sequenceNumber")).longValue())
                        .isEqualTo(after)
                        .isNotEqualTo(gap));
    }

    @Test
    void anExpiredSubscriptionDeliversNothingAndDisappears() throws Exception {
        String expiring = createdId(createWith(token, "groups", "updated", "e", false, inDays(1)));
        String lasting = createdId(createWith(token, "groups", "updated", "l", false, inDays(3)));
        graph.emulator().clock().advance(Duration.ofDays(2));
        try {
            EntraGroup group = graph.emulator().tenant().groups().get(1);
            graph.emulator().tenant().updateGroup(group.id(), g -> g.withDescription("after expiry"));
            assertThat(nextBatch())
                    .singleElement()
                    .satisfies(i -> assertThat(i).containsEntry("subscriptionId", lasting));
            assertThat(graph.emulator().subscriptions())
                    .extracting(SubscriptionInfo::id)
                    .containsExactly(lasting);
            String fresh = client.appToken();
            assertThat(value(json(client.get("/v1.0/subscriptions", fresh))))
                    .extracting(s -> s.get("id"))
                    .containsExactly(lasting);
            assertThat(client.get("/v1.0/subscriptions/" + expiring, fresh).statusCode())
                    .isEqualTo(404);
            assertThat(client.sendJson(
                                    "PATCH",
                                    "/v1.0/subscriptions/" + expiring,
                                    fresh,
                                    Map.of("expirationDateTime", inDays(1).toString()))
                            .statusCode())
                    .isEqualTo(404);
        } finally {
            graph.emulator().clock().advance(Duration.ofDays(-2));
        }
    }

    @Test
    void applicationRolesDecideWhichDirectoryResourcesCanBeSubscribed() {
        AppRegistration app = graph.emulator().app();
        Set<String> defaults = app.grantedApplicationPermissions();
        try {
            app.setApplicationPermissions(Set.of("User.Read.All"));
            String usersOnly = client.appToken();
            createdId(createWith(usersOnly, "users", "updated", "s", false, inDays(1)));
            HttpResponse<String> groups = createWith(usersOnly, "groups", "updated", "s", false, inDays(1));
            assertThat(groups.statusCode()).isEqualTo(403);
            assertThat((String) error(groups).get("message")).contains("Insufficient privileges");

            app.setApplicationPermissions(Set.of("Group.Read.All"));
            String groupsOnly = client.appToken();
            createdId(createWith(groupsOnly, "groups", "updated", "s", false, inDays(1)));
            assertThat(createWith(groupsOnly, "users", "updated", "s", false, inDays(1))
                            .statusCode())
                    .isEqualTo(403);

            app.setApplicationPermissions(Set.of("Directory.Read.All"));
            String directory = client.appToken();
            createdId(createWith(directory, "users", "updated", "s", false, inDays(1)));
            createdId(createWith(directory, "groups", "updated", "s", false, inDays(1)));

            app.setApplicationPermissions(Set.of("Mail.Read"));
            String neither = client.appToken();
            assertThat(createWith(neither, "users", "updated", "s", false, inDays(1))
                            .statusCode())
                    .isEqualTo(403);
        } finally {
            app.setApplicationPermissions(defaults);
        }
    }

    @Test
    void delegatedScopesDecideWhichDirectoryResourcesCanBeSubscribed() {
        String usersOnly = (String) client.signIn("openid https://graph.microsoft.com/User.Read.All")
                .get("access_token");
        createdId(createWith(usersOnly, "users", "updated", "s", false, inDays(1)));
        assertThat(createWith(usersOnly, "groups", "updated", "s", false, inDays(1))
                        .statusCode())
                .isEqualTo(403);
        String plainUserRead = (String)
                client.signIn("openid https://graph.microsoft.com/User.Read").get("access_token");
        assertThat(createWith(plainUserRead, "users", "updated", "s", false, inDays(1))
                        .statusCode())
                .isEqualTo(403);
        String directory = (String) client.signIn("openid https://graph.microsoft.com/Directory.Read.All")
                .get("access_token");
        createdId(createWith(directory, "users", "updated", "s", false, inDays(1)));
        createdId(createWith(directory, "groups", "updated", "s", false, inDays(1)));
    }
}
