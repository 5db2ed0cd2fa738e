package io.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.GraphEmulatorExtension;
import io.switchboard.emulator.SubscriptionInfo;
import io.switchboard.testing.Api.Answer;
import io.switchboard.testing.EmulatedTenant;
import io.switchboard.testing.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The unauthenticated Graph webhooks are bounded (issue 13.3): bodies over 256 KiB are refused in
 * any encoding, forged items cost one query per request whatever their number, genuine ones are
 * handled in a constant number of queries, and forged requests write at most one log line a
 * minute per kind.
 */
class WebhookLimitsIT extends IntegrationTest {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withEmptyTenant();

    private static final String NOTIFICATIONS = "/integration/graph-notifications";
    private static final String LIFECYCLE = "/integration/graph-lifecycle";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random = new Random(13);
    private final ListAppender<ILoggingEvent> sql = new ListAppender<>();
    private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();
    private Logger jdbcLogger;
    private Level jdbcLevel;

    @BeforeEach
    void watchStatementsAndWarnings() {
        jdbcLogger = (Logger) LoggerFactory.getLogger("org.springframework.jdbc.core.JdbcTemplate");
        jdbcLevel = jdbcLogger.getLevel();
        sql.start();
        jdbcLogger.addAppender(sql);
        warnings.start();
        ((Logger) LoggerFactory.getLogger("io.switchboard.entra.webhook")).addAppender(warnings);
    }

    @AfterEach
    void stopWatching() {
        jdbcLogger.setLevel(jdbcLevel);
        jdbcLogger.detachAppender(sql);
        ((Logger) LoggerFactory.getLogger("io.switchboard.entra.webhook")).detachAppender(warnings);
    }

    /** How many SQL statements the request threads ran while {@code call} ran. */
    private <T> Counted<T> counting(Supplier<T> call) {
        jdbcLogger.setLevel(Level.DEBUG);
        sql.list.clear();
        T result = call.get();
        jdbcLogger.setLevel(jdbcLevel);
        List<String> statements = List.copyOf(sql.list).stream()
                .filter(e -> e.getThreadName().startsWith("http-nio"))
                .map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("Executing") && m.contains(" ["))
                .toList();
        return new Counted<>(result, statements);
    }

    private record Counted<T>(T result, List<String> sql) {
        long statements() {
            return sql.size();
        }
    }

    private static String item(String subscriptionId, String clientState, String resource, String id) {
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"subscriptionId\":\"" + subscriptionId
                + "\",\"subscriptionExpirationDateTime\":\"2026-12-01T00:00:00Z\",\"clientState\":\"" + clientState
                + "\",\"changeType\":\"updated\",\"resource\":\"" + resource + "/" + id
                + "\",\"tenantId\":\"" + UUID.randomUUID() + "\",\"resourceData\":{\"@odata.type\":\"#Microsoft.Graph."
                + resource + "\",\"@odata.id\":\"" + resource + "/" + id + "\",\"id\":\"" + id
                + "\",\"organizationId\":\"" + UUID.randomUUID() + "\"}}";
    }

    private static String collection(List<String> items) {
        return "{\"value\":[" + String.join(",", items) + "]}";
    }

    /** A clientState shaped like ours (64 base64url characters) that is not ours. */
    private String plausibleClientState() {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Test
    void aWebhookBodyOver256KiBIs413ByDeclaredLengthAndChunked_13_3() throws Exception {
        List<String> items = new ArrayList<>();
        while (items.size() * 450 < 300 * 1024) {
            items.add(item(
                    UUID.randomUUID().toString(),
                    plausibleClientState(),
                    "users",
                    UUID.randomUUID().toString()));
        }
        byte[] body = collection(items).getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).isGreaterThan(256 * 1024);

        for (String path : List.of(NOTIFICATIONS, LIFECYCLE)) {
            HttpResponse<String> declared = post(path, HttpRequest.BodyPublishers.ofByteArray(body));
            HttpResponse<String> chunked =
                    post(path, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

            for (HttpResponse<String> answer : List.of(declared, chunked)) {
                assertThat(answer.statusCode()).as(path + " " + answer.body()).isEqualTo(413);
                assertThat(answer.body()).contains("PAYLOAD_TOO_LARGE").contains("256 KiB");
            }
        }
        byte[] small = collection(items.subList(0, 100)).getBytes(StandardCharsets.UTF_8);
        assertThat(post(NOTIFICATIONS, HttpRequest.BodyPublishers.ofByteArray(small))
                        .statusCode())
                .isEqualTo(202);
    }

    @Test
    void forgedItemsCostAtMostOneQueryPerRequestHoweverManyTheyAre_13_3() {
        List<String> plausible = new ArrayList<>();
        List<String> implausible = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String user = UUID.randomUUID().toString();
            plausible.add(item(UUID.randomUUID().toString(), plausibleClientState(), "users", user));
            implausible.add(item(UUID.randomUUID().toString(), "forged-" + i, "users", user));
        }

        Counted<Answer> shaped = counting(() -> api.anonymous("POST", NOTIFICATIONS, collection(plausible)));
        Counted<Answer> junk = counting(() -> api.anonymous("POST", NOTIFICATIONS, collection(implausible)));
        Counted<Answer> lifecycle = counting(() -> api.anonymous(
                "POST",
                LIFECYCLE,
                collection(plausible.stream()
                        .map(p -> p.replace("\"changeType\":\"updated\"", "\"lifecycleEvent\":\"missed\""))
                        .toList())));

        System.out.printf(
                "WebhookLimitsIT: 400 forged items cost %d statement(s); 400 implausible %d; 400 lifecycle %d%n",
                shaped.statements(), junk.statements(), lifecycle.statements());
        assertThat(shaped.result().status()).isEqualTo(202);
        assertThat(shaped.statements()).as("%s", shaped.sql()).isLessThanOrEqualTo(1);
        assertThat(junk.result().status()).isEqualTo(202);
        assertThat(junk.statements()).as("%s", junk.sql()).isZero();
        assertThat(lifecycle.result().status()).isEqualTo(202);
        assertThat(lifecycle.statements()).as("%s", lifecycle.sql()).isLessThanOrEqualTo(1);
        assertThat(api.get("/api/v1/integration/change-trigger")
                        .body()
                        .path("pendingEvents")
                        .asInt())
                .isZero();
    }

    @Test
    void genuineItemsAreHandledInAConstantNumberOfQueries_13_3(GraphEmulator emulator) {
        SubscriptionInfo users = subscribe(emulator);
        Supplier<Answer> notifyOne = () -> api.anonymous(
                "POST",
                NOTIFICATIONS,
                collection(List.of(item(
                        users.id(),
                        users.clientState(),
                        "users",
                        UUID.randomUUID().toString()))));
        notifyOne.get();
        int before = pending();

        Counted<Answer> one = counting(notifyOne);
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            many.add(item(
                    users.id(), users.clientState(), "users", UUID.randomUUID().toString()));
        }
        many.add(item(
                users.id(), plausibleClientState(), "users", UUID.randomUUID().toString()));
        Counted<Answer> fourHundred = counting(() -> api.anonymous("POST", NOTIFICATIONS, collection(many)));

        System.out.printf(
                "WebhookLimitsIT: 1 genuine item cost %d statement(s), 400 genuine items %d%n",
                one.statements(), fourHundred.statements());
        assertThat(one.result().status()).isEqualTo(202);
        assertThat(fourHundred.result().status()).isEqualTo(202);
        assertThat(pending()).isEqualTo(before + 1 + 400);
        assertThat(fourHundred.statements())
                .as("statements for 400 items %s, against these for one: %s", fourHundred.sql(), one.sql())
                .isLessThanOrEqualTo(one.statements())
                .isLessThan(40);
    }

    @Test
    void forgedRequestsWriteAtMostOneLogLineAMinutePerKind_13_3() {
        clock.set(START.plus(Duration.ofDays(60)));
        String forged = collection(List.of(item(UUID.randomUUID().toString(), plausibleClientState(), "users", "x")));

        for (int i = 0; i < 200; i++) {
            assertThat(api.anonymous("POST", NOTIFICATIONS, forged).status()).isEqualTo(202);
        }
        for (int i = 0; i < 50; i++) {
            assertThat(api.anonymous("POST", NOTIFICATIONS, "not json").status())
                    .isEqualTo(400);
        }

        assertThat(forgedLines("change notification")).hasSize(1);
        assertThat(forgedLines("not a Graph notification")).hasSize(1);

        clock.advance(Duration.ofSeconds(61));
        api.anonymous("POST", NOTIFICATIONS, forged);

        await().atMost(Duration.ofSeconds(5))
                .until(() -> forgedLines("change notification").size() == 2);
        assertThat(forgedLines("change notification").get(1))
                .contains("Ignored")
                .contains("request(s)");
        assertThat(forgedLines("change notification").get(1)).doesNotContain(forged);
    }

    private List<String> forgedLines(String about) {
        return List.copyOf(warnings.list).stream()
                .filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains(about))
                .toList();
    }

    private int pending() {
        return api.get("/api/v1/integration/change-trigger")
                .body()
                .path("pendingEvents")
                .asInt();
    }

    /** Connects the emulated tenant with user sync on and a change window that never falls due. */
    private SubscriptionInfo subscribe(GraphEmulator emulator) {
        emulator.clock().set(clock.instant());
        emulator.app().grantAdminConsent();
        assertThat(api.patch("/api/v1/settings", "{\"publicBaseUrl\":\"http://localhost:" + port + "\"}")
                        .status())
                .isEqualTo(200);
        EmulatedTenant.connect(api, emulator);
        assertThat(api.put(
                                "/api/v1/integration/change-trigger",
                                "{\"enabled\":true,\"delay\":\"PT24H\",\"eventThreshold\":10000}")
                        .status())
                .isEqualTo(200);
        assertThat(api.put("/api/v1/integration/user-sync", "{\"enabled\":true,\"range\":\"ALL\"}")
                        .status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(emulator.subscriptions().stream()
                                .filter(s -> s.notificationUrl().equals("http://localhost:" + port + NOTIFICATIONS))
                                .filter(s -> s.resource().equals("users")))
                        .hasSize(1));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !api.get("/api/v1/sync-runs")
                        .body()
                        .path("items")
                        .path(0)
                        .path("state")
                        .asString()
                        .equals("RUNNING"));
        return emulator.subscriptions().stream()
                .filter(s -> s.notificationUrl().equals("http://localhost:" + port + NOTIFICATIONS))
                .filter(s -> s.resource().equals("users"))
                .findFirst()
                .orElseThrow();
    }

    private HttpResponse<String> post(String path, HttpRequest.BodyPublisher body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(body)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
