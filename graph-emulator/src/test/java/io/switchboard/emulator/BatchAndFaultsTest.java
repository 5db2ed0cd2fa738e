package io.switchboard.emulator;

import static io.switchboard.emulator.TestClient.error;
import static io.switchboard.emulator.TestClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** §12 "$batch" and "Throttling simulation", plus the request log of the control API. */
class BatchAndFaultsTest {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withGeneratedTenant(3, 120);

    private TestClient client;
    private String token;

    @BeforeEach
    void setUp(GraphEmulator emulator) {
        client = new TestClient(emulator);
        token = client.appToken();
        emulator.requestLog().clear();
    }

    @Test
    @SuppressWarnings("unchecked")
    void batchReturnsPerItemStatusAndBodies() {
        String adminId = graph.emulator().authorizationAccount().id();
        HttpResponse<String> response = client.sendJson(
                "POST",
                "/v1.0/$batch",
                token,
                Map.of(
                        "requests",
                        List.of(
                                Map.of(
                                        "id",
                                        "1",
                                        "method",
                                        "GET",
                                        "url",
                                        "/users?$select=id,displayName&$count=true",
                                        "headers",
                                        Map.of("ConsistencyLevel", "eventual")),
                                Map.of("id", "2", "method", "GET", "url", "/users/" + adminId),
                                Map.of(
                                        "id",
                                        "3",
                                        "method",
                                        "GET",
                                        "url",
                                        "/users/00000000-0000-0000-0000-000000000000"))));
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Map<String, Object>> byId = responses(response);
        assertThat(byId.get("1")).containsEntry("status", 200);
        assertThat((Map<String, Object>) byId.get("1").get("body")).containsEntry("@odata.count", 120);
        assertThat((Map<String, Object>) byId.get("2").get("body")).containsEntry("id", adminId);
        assertThat(byId.get("3")).containsEntry("status", 404);
        assertThat(graph.emulator().requestLog().all())
                .filteredOn(RecordedRequest::batchItem)
                .hasSize(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void throttledItemInsideBatchCarriesItsOwnRetryAfter() {
        graph.emulator().faults().throttle("/v1.0/groups", 1, "7");
        HttpResponse<String> response = client.sendJson(
                "POST",
                "/v1.0/$batch",
                token,
                Map.of(
                        "requests",
                        List.of(
                                Map.of("id", "a", "method", "GET", "url", "/users?$top=1"),
                                Map.of("id", "b", "method", "GET", "url", "/groups?$top=1"))));
        Map<String, Map<String, Object>> byId = responses(response);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(byId.get("a")).containsEntry("status", 200);
        assertThat(byId.get("b")).containsEntry("status", 429);
        assertThat((Map<String, Object>) byId.get("b").get("headers")).containsEntry("Retry-After", "7");
    }

    @Test
    void failedDependencyGives424() {
        HttpResponse<String> response = client.sendJson(
                "POST",
                "/v1.0/$batch",
                token,
                Map.of(
                        "requests",
                        List.of(
                                Map.of(
                                        "id",
                                        "1",
                                        "method",
                                        "GET",
                                        "url",
                                        "/groups/00000000-0000-0000-0000-000000000000"),
                                Map.of(
                                        "id",
                                        "2",
                                        "method",
                                        "GET",
                                        "url",
                                        "/users?$top=1",
                                        "dependsOn",
                                        List.of("1")))));
        assertThat(responses(response).get("2")).containsEntry("status", 424);
    }

    @Test
    void moreThan20RequestsOrDuplicateIdsGive400() {
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add(Map.of("id", String.valueOf(i), "method", "GET", "url", "/users?$top=1"));
        }
        assertThat(client.sendJson("POST", "/v1.0/$batch", token, Map.of("requests", many))
                        .statusCode())
                .isEqualTo(400);
        assertThat(client.sendJson(
                                "POST",
                                "/v1.0/$batch",
                                token,
                                Map.of(
                                        "requests",
                                        List.of(
                                                Map.of("id", "x", "method", "GET", "url", "/users"),
                                                Map.of("id", "X", "method", "GET", "url", "/groups"))))
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void bodyWithoutContentTypeIsRejectedPerItem() {
        HttpResponse<String> response = client.sendJson(
                "POST",
                "/v1.0/$batch",
                token,
                Map.of(
                        "requests",
                        List.of(Map.of(
                                "id",
                                "1",
                                "method",
                                "POST",
                                "url",
                                "/subscriptions",
                                "body",
                                Map.of("resource", "users")))));
        assertThat(responses(response).get("1")).containsEntry("status", 400);
    }

    @Test
    void throttlingGives429WithDecimalRetryAfterThenRecovers() {
        graph.emulator().faults().throttle("^/v1\\.0/users", 2, "2.128");
        HttpResponse<String> first = client.get("/v1.0/users?$top=1", token);
        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).contains("2.128");
        assertThat(error(first)).containsEntry("code", "TooManyRequests");
        assertThat(client.get("/v1.0/users?$top=1", token).statusCode()).isEqualTo(429);
        assertThat(client.get("/v1.0/users?$top=1", token).statusCode()).isEqualTo(200);
    }

    @Test
    void throttlingWithoutRetryAfterAnd503WithRetryAfter() {
        graph.emulator().faults().throttle("/v1.0/groups", 1, null).serviceUnavailable("/v1.0/groups", 1, "3");
        HttpResponse<String> throttled = client.get("/v1.0/groups", token);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isEmpty();
        HttpResponse<String> unavailable = client.get("/v1.0/groups", token);
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.headers().firstValue("Retry-After")).contains("3");
    }

    @Test
    void resourceUnitBucketThrottlesByCostUntilTheWindowResets() {
        EmulatorClock fixed = EmulatorClock.following(
                java.time.Clock.fixed(java.time.Instant.parse("2026-01-01T00:00:03Z"), java.time.ZoneOffset.UTC));
        try (GraphEmulator own =
                GraphEmulator.builder().clock(fixed).resourceUnitBudget(10).start()) {
            TestClient c = new TestClient(own);
            String t = c.appToken();
            String groupId = own.tenant()
                    .createGroup(EntraGroup.security(Tenant.newObjectId(), "G"))
                    .id();
            HttpResponse<String> members = c.get("/v1.0/groups/" + groupId + "/transitiveMembers", t);
            assertThat(members.headers().firstValue("x-ms-resource-unit")).contains("5");
            assertThat(c.get("/v1.0/users", t).headers().firstValue("x-ms-resource-unit"))
                    .contains("2");
            assertThat(c.get("/v1.0/users?$select=id", t).headers().firstValue("x-ms-resource-unit"))
                    .contains("1");
            assertThat(c.get("/v1.0/users", t).statusCode()).isEqualTo(200);
            HttpResponse<String> throttled = c.get("/v1.0/users", t);
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("x-ms-throttle-information"))
                    .contains("ResourceUnitLimitExceeded");
            long retryAfter =
                    Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isEqualTo(7L);
            own.clock().advance(Duration.ofSeconds(retryAfter));
            assertThat(c.get("/v1.0/users", c.appToken()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void droppedConnectionGivesAnIoError() {
        graph.emulator().faults().dropConnection("/v1.0/users", 3);
        assertThatThrownBy(() -> client.get("/v1.0/users", token)).isInstanceOf(UncheckedIOException.class);
        graph.emulator().faults().clear();
        assertThat(client.get("/v1.0/users", token).statusCode()).isEqualTo(200);
    }

    @Test
    void delayedResponseArrivesLate() {
        graph.emulator().faults().delay("/v1.0/users", 1, Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThat(client.get("/v1.0/users?$top=1", token).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void tokenEndpointCanBeMadeUnavailable() {
        graph.emulator().faults().serviceUnavailable("/oauth2/v2.0/token", 1, "1");
        assertThatThrownBy(client::appToken).hasMessageContaining("serviceNotAvailable");
    }

    @Test
    void requestLogRecordsMethodTargetStatusAndHeadersOfInterest() {
        client.get("/v1.0/users?$count=true&$top=2", token, "ConsistencyLevel", "eventual", "client-request-id", "abc");
        client.get("/v1.0/users/nope", token);
        List<RecordedRequest> log = graph.emulator().requestLog().matching("^/v1\\.0/users");
        assertThat(log).hasSize(2);
        assertThat(log.get(0).method()).isEqualTo("GET");
        assertThat(log.get(0).target()).isEqualTo("/v1.0/users?$count=true&$top=2");
        assertThat(log.get(0).status()).isEqualTo(200);
        assertThat(log.get(0).headers())
                .containsEntry("consistencylevel", "eventual")
                .containsEntry("client-request-id", "abc")
                .containsEntry("authorization", "Bearer");
        assertThat(log.get(1).status()).isEqualTo(404);
        graph.emulator().requestLog().clear();
        assertThat(graph.emulator().requestLog().all()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> responses(HttpResponse<String> response) {
        List<Map<String, Object>> list =
                (List<Map<String, Object>>) json(response).get("responses");
        return list.stream().collect(Collectors.toMap(r -> (String) r.get("id"), r -> r));
    }
}
