package io.switchboard.emulator;

import static io.switchboard.emulator.TestClient.error;
import static io.switchboard.emulator.TestClient.json;
import static io.switchboard.emulator.TestClient.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** §3.4, §3.5 and §12 "Throttling simulation" for Outlook: per-mailbox limits, $batch on mailbox paths, control API. */
class GraphEmulatorMailboxThrottleTest {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withEmptyTenant();

    static TestClient client;
    static String appToken;
    static Mailboxes boxes;

    @BeforeAll
    static void setUp() {
        graph.emulator()
                .app()
                .setApplicationPermissions(Set.of("User.Read.All", "Contacts.Read", "MailboxSettings.Read"));
        client = new TestClient(graph.emulator());
        appToken = client.appToken();
        boxes = graph.emulator().mailboxes();
    }

    static EntraUser mailboxUser(GraphEmulator emulator, String alias) {
        EntraUser user = emulator.tenant()
                .createUser(b -> b.displayName(alias)
                        .userPrincipalName(alias + "@" + emulator.tenant().domain())
                        .mail(alias + "@" + emulator.tenant().domain()));
        emulator.mailboxes().addContact(user.id(), null, OutlookContact.of(alias, "Contact", "+1 425 555 0100"));
        return user;
    }

    @Test
    void forcedApplicationThrottledAnswersCarryRetryAfterAndHitOnlyThatMailbox() {
        EntraUser hot = mailboxUser(graph.emulator(), "hot");
        EntraUser calm = mailboxUser(graph.emulator(), "calm");
        boxes.throttle().force(hot.id(), 2, "2.128");
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> throttled = client.get("/v1.0/users/" + hot.id() + "/contacts", appToken);
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("Retry-After")).contains("2.128");
            assertThat(error(throttled))
                    .containsEntry("code", "ApplicationThrottled")
                    .containsEntry("message", "Application is over its MailboxConcurrency limit.");
            assertThat(client.get("/v1.0/users/" + calm.id() + "/contacts", appToken)
                            .statusCode())
                    .isEqualTo(200);
        }
        assertThat(client.get("/v1.0/users/" + hot.id() + "/contacts", appToken).statusCode())
                .isEqualTo(200);
    }

    @Test
    void moreThanFourConcurrentRequestsToOneMailboxAreThrottledOthersAreNot() {
        EntraUser busy = mailboxUser(graph.emulator(), "busy");
        EntraUser quiet = mailboxUser(graph.emulator(), "quiet");
        boxes.throttle().serviceTime(Duration.ofMillis(2500));
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(client.http.sendAsync(
                    HttpRequest.newBuilder(
                                    URI.create(graph.emulator().graphV1Url() + "/users/" + busy.id() + "/contacts"))
                            .header("Authorization", "Bearer " + appToken)
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        calls.add(client.http.sendAsync(
                HttpRequest.newBuilder(URI.create(graph.emulator().graphV1Url() + "/users/" + quiet.id() + "/contacts"))
                        .header("Authorization", "Bearer " + appToken)
                        .build(),
                HttpResponse.BodyHandlers.ofString()));
        List<HttpResponse<String>> responses =
                calls.stream().map(CompletableFuture::join).toList();
        Map<Integer, Long> busyStatuses = responses.subList(0, 6).stream()
                .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        assertThat(busyStatuses).containsEntry(200, 4L).containsEntry(429, 2L);
        HttpResponse<String> throttled = responses.subList(0, 6).stream()
                .filter(r -> r.statusCode() == 429)
                .findFirst()
                .orElseThrow();
        assertThat(error(throttled)).containsEntry("code", "ApplicationThrottled");
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        assertThat(responses.get(6).statusCode()).isEqualTo(200);
    }

    @Test
    void theRequestsPerTenMinutesLimitThrottlesUntilTheWindowEnds() {
        EmulatorClock clock =
                EmulatorClock.following(Clock.fixed(Instant.parse("2026-01-01T00:01:40Z"), ZoneOffset.UTC));
        try (GraphEmulator own = GraphEmulator.builder().clock(clock).start()) {
            own.app().setApplicationPermissions(Set.of("Contacts.Read"));
            own.mailboxes().throttle().limits(4, 5);
            TestClient c = new TestClient(own);
            String t = c.appToken();
            EntraUser user = mailboxUser(own, "counted");
            for (int i = 0; i < 5; i++) {
                assertThat(c.get("/v1.0/users/" + user.id() + "/contacts", t).statusCode())
                        .isEqualTo(200);
            }
            HttpResponse<String> throttled = c.get("/v1.0/users/" + user.id() + "/contacts", t);
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(error(throttled)).containsEntry("code", "ApplicationThrottled");
            assertThat(throttled.headers().firstValue("Retry-After")).contains("500");
            assertThat(own.mailboxes().throttle().requestsInWindow(user.id())).isEqualTo(6);
            clock.advance(Duration.ofSeconds(500));
            assertThat(c.get("/v1.0/users/" + user.id() + "/contacts", c.appToken())
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void mailboxRequestsAreNotChargedToTheDirectoryResourceUnitBucket() {
        EmulatorClock clock =
                EmulatorClock.following(Clock.fixed(Instant.parse("2026-01-01T00:00:01Z"), ZoneOffset.UTC));
        try (GraphEmulator own =
                GraphEmulator.builder().clock(clock).resourceUnitBudget(3).start()) {
            own.app().setApplicationPermissions(Set.of("Contacts.Read", "User.Read.All"));
            TestClient c = new TestClient(own);
            String t = c.appToken();
            EntraUser user = mailboxUser(own, "outlook");
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> contacts = c.get("/v1.0/users/" + user.id() + "/contacts", t);
                assertThat(contacts.statusCode()).isEqualTo(200);
                assertThat(contacts.headers().firstValue("x-ms-resource-unit")).isEmpty();
            }
            assertThat(c.get("/v1.0/users", t).statusCode()).isEqualTo(200);
            assertThat(c.get("/v1.0/users", t).statusCode()).isEqualTo(429);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void batchServesMailboxPathsWithPerItemPreferencesAndPerItemThrottling() {
        EntraUser a = mailboxUser(graph.emulator(), "batcha");
        EntraUser b = mailboxUser(graph.emulator(), "batchb");
        EntraUser c = mailboxUser(graph.emulator(), "batchc");
        boxes.setPurpose(c.id(), "shared");
        boxes.throttle().force(b.id(), 1, "4");
        Map<String, String> immutable = Map.of("Prefer", "IdType=\"ImmutableId\"");
        HttpResponse<String> response = client.sendJson(
                "POST",
                "/v1.0/$batch",
                appToken,
                Map.of(
                        "requests",
                        List.of(
                                Map.of(
                                        "id",
                                        "1",
                                        "method",
                                        "GET",
                                        "url",
                                        "/users/" + a.id() + "/contactFolders/contacts/contacts/delta",
                                        "headers",
                                        immutable),
                                Map.of("id", "2", "method", "GET", "url", "/users/" + b.id() + "/contacts"),
                                Map.of(
                                        "id",
                                        "3",
                                        "method",
                                        "GET",
                                        "url",
                                        "/users/" + c.id() + "/mailboxSettings?$select=userPurpose"))));
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Map<String, Object>> byId = ((List<Map<String, Object>>)
                        json(response).get("responses"))
                .stream().collect(Collectors.toMap(r -> (String) r.get("id"), r -> r));
        assertThat(byId.get("1")).containsEntry("status", 200);
        assertThat((Map<String, Object>) byId.get("1").get("headers"))
                .containsEntry("Preference-Applied", "IdType=\"ImmutableId\"");
        Map<String, Object> delta = (Map<String, Object>) byId.get("1").get("body");
        assertThat(value(delta))
                .extracting(x -> x.get("id"))
                .containsExactly(boxes.contacts(a.id()).get(0).immutableId());
        assertThat((String) delta.get("@odata.deltaLink"))
                .startsWith(graph.emulator().baseUrl() + "/v1.0/users/");
        assertThat(byId.get("2")).containsEntry("status", 429);
        assertThat((Map<String, Object>) byId.get("2").get("headers")).containsEntry("Retry-After", "4");
        assertThat((Map<String, Object>) byId.get("3").get("body")).containsEntry("userPurpose", "shared");
    }

    @Test
    @SuppressWarnings("unchecked")
    void controlApiChangesMailboxesSharingPurposeAndTheThrottle() {
        GraphEmulator emulator = graph.emulator();
        EntraUser owner = mailboxUser(emulator, "controlled");
        EntraUser reader = mailboxUser(emulator, "reader");
        String base = "/_control/mailboxes/" + owner.id();
        Map<String, Object> folder = json(control("POST", base + "/folders", Map.of("displayName", "Suppliers")));
        String folderId = (String) folder.get("id");
        Map<String, Object> contact = json(control(
                "POST",
                base + "/contacts",
                Map.of(
                        "folderId",
                        folderId,
                        "givenName",
                        "Lin",
                        "surname",
                        "Wu",
                        "businessPhones",
                        List.of("+86 21 5555 0101"),
                        "emailAddresses",
                        List.of(Map.of("name", "Lin Wu", "address", "lin@example.com")))));
        String contactId = (String) contact.get("immutableId");
        assertThat(control("PATCH", base + "/contacts/" + contactId, Map.of("companyName", "Litware"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(control(
                                "POST",
                                base + "/contacts/" + contactId + "/move",
                                Map.of("folderId", boxes.defaultFolderId(owner.id())))
                        .statusCode())
                .isEqualTo(200);
        assertThat(boxes.contact(owner.id(), contactId).orElseThrow().data().companyName())
                .isEqualTo("Litware");
        assertThat(control("PUT", base + "/purpose", Map.of("purpose", "shared"))
                        .statusCode())
                .isEqualTo(204);
        assertThat(boxes.purpose(owner.id())).isEqualTo("shared");
        assertThat(control("POST", base + "/share", Map.of("withUserId", reader.id(), "folderId", folderId))
                        .statusCode())
                .isEqualTo(204);
        assertThat(boxes.canRead(owner.id(), folderId, reader.id())).isTrue();
        assertThat(control("DELETE", base + "/share", Map.of("withUserId", reader.id(), "folderId", folderId))
                        .statusCode())
                .isEqualTo(204);
        assertThat(boxes.canRead(owner.id(), folderId, reader.id())).isFalse();
        Map<String, Object> view = json(control("GET", base, null));
        assertThat((List<Object>) view.get("contacts")).hasSize(2);
        assertThat(control("DELETE", base + "/contacts/" + contactId, null).statusCode())
                .isEqualTo(204);
        assertThat(control("DELETE", base + "/folders/" + folderId, null).statusCode())
                .isEqualTo(204);
        assertThat(boxes.folders(owner.id())).hasSize(1);

        assertThat(control(
                                "POST",
                                "/_control/mailboxThrottle",
                                Map.of("userId", owner.id(), "times", 1, "retryAfter", "3"))
                        .statusCode())
                .isEqualTo(204);
        HttpResponse<String> throttled = client.get("/v1.0/users/" + owner.id() + "/contacts", appToken);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("3");
        assertThat(control("POST", base + "/purpose", Map.of()).statusCode()).isEqualTo(400);
    }

    private static HttpResponse<String> control(String method, String path, Object body) {
        return client.send(HttpRequest.newBuilder(URI.create(graph.emulator().baseUrl() + path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(Json.writeString(body)))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + graph.emulator().controlToken())
                .build());
    }
}
