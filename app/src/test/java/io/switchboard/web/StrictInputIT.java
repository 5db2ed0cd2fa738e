package io.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.Api.Answer;
import io.switchboard.testing.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Strict input (issue 13.7) and clean error answers (issue 12.6): values the API cannot take for
 * sure are 400 VALIDATION_FAILED naming the field, oversized bodies 413 whatever their encoding,
 * every error of the container a problem+json, and no answer names a Java class or a library.
 */
class StrictInputIT extends IntegrationTest {

    private static final String GROUP = "6d1c8a55-0c3a-4c55-a1c9-6c1f1f9ad001";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static void assertRefused(Answer answer, String field) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.body()
                        .path("errors")
                        .valueStream()
                        .map(e -> e.path("field").asString()))
                .as(answer.raw().body())
                .contains(field);
        assertNoInternals(answer.raw().body());
    }

    static void assertNoInternals(String body) {
        assertThat(body)
                .doesNotContain("io.switchboard", "java.", "tools.jackson", "jackson", "Exception", "Cannot construct")
                .doesNotContain("springframework", "tomcat", "Tomcat", "static resource");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"user-sync", "group-sync"})
    void nullForTheEnabledFlagIsRefusedAndTheSyncKeepsRunning_13_7(String part) {
        assertThat(api.put("/api/v1/integration/" + part, "{\"enabled\":true}").status())
                .isEqualTo(200);

        assertRefused(api.put("/api/v1/integration/" + part, "{\"enabled\":null}"), "enabled");

        assertThat(api.get("/api/v1/integration/" + part).body().path("enabled").asBoolean())
                .isTrue();
    }

    @Test
    void nullInsideAListIsRefused_13_7() {
        assertRefused(
                api.put("/api/v1/integration/user-sync", "{\"range\":\"GROUPS\",\"groupIds\":[null]}"), "groupIds[0]");
    }

    @Test
    void aKeyGivenTwiceIsRefusedNamingIt_13_7() {
        assertThat(api.put("/api/v1/integration/user-sync", "{\"enabled\":true}")
                        .status())
                .isEqualTo(200);

        assertRefused(api.put("/api/v1/integration/user-sync", "{\"enabled\":true,\"enabled\":false}"), "enabled");
        assertRefused(
                api.post("/api/v1/extensions", "{\"number\":\"1001\",\"number\":\"1002\",\"firstName\":\"A\"}"),
                "number");

        assertThat(api.get("/api/v1/integration/user-sync")
                        .body()
                        .path("enabled")
                        .asBoolean())
                .isTrue();
        assertThat(api.get("/api/v1/extensions").body().path("total").asInt()).isZero();
    }

    @Test
    void aLoneSurrogateIsRefusedNamingTheField_13_7() {
        assertRefused(api.post("/api/v1/extensions", "{\"number\":\"1001\",\"firstName\":\"A\\ud800B\"}"), "firstName");
        assertRefused(api.post("/api/v1/extensions", "{\"number\":\"1001\",\"firstName\":\"A\\udc00\"}"), "firstName");
        assertRefused(api.post("/api/v1/phonebooks", "{\"name\":\"\\ud83d\"}"), "name");

        Answer pair = api.post("/api/v1/extensions", "{\"number\":\"1001\",\"firstName\":\"A\\ud83d\\ude00\"}");
        assertThat(pair.status()).as(pair.raw().body()).isEqualTo(201);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "user-sync  | {\"range\":\"GROUPS\",\"groupIds\":[\"../x\"]}",
                "user-sync  | {\"range\":\"GROUPS\",\"groupIds\":[\"" + GROUP + "\",\"abc\"]}",
                "group-sync | {\"range\":\"GROUPS\",\"groupIds\":[\"../x\"]}",
                "group-sync | {\"range\":\"GROUPS\",\"groupIds\":[\"" + GROUP + "/members\"]}",
            })
    void groupIdsThatAreNotEntraObjectIdsAreRefused_13_7(String part, String body) {
        assertRefused(api.put("/api/v1/integration/" + part, body), "groupIds");

        Answer good = api.put("/api/v1/integration/" + part, "{\"range\":\"GROUPS\",\"groupIds\":[\"" + GROUP + "\"]}");
        assertThat(good.status()).as(good.raw().body()).isEqualTo(200);
    }

    @Test
    void groupRangeWithoutGroupIdsSaysWhatToDoNamingGroupIds_12_6() {
        Answer answer = api.put("/api/v1/integration/group-sync", "{\"enabled\":true,\"range\":\"GROUPS\"}");

        assertRefused(answer, "groupIds");
        assertThat(answer.text("detail")).contains("groupIds").contains("at least one group");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"delay\":600}", "{\"delay\":\"ten minutes\"}", "{\"delay\":true}", "{\"delay\":[]}"})
    void aDurationMustBeAnIso8601Text_13_7(String body) {
        Answer answer = api.put("/api/v1/integration/change-trigger", body);

        assertRefused(answer, "delay");
        assertThat(answer.text("detail")).contains("ISO-8601");
        assertThat(api.get("/api/v1/integration/change-trigger").text("delay")).isEqualTo("PT10M");
    }

    @ParameterizedTest(name = "dryRun=\"{0}\"")
    @ValueSource(strings = {"", "yes", "1", "%20"})
    void aDryRunThatIsNotTrueOrFalseIsRefusedAndRunsNothing_13_7(String value) {
        Answer answer = api.post("/api/v1/integration/sync?dryRun=" + value, null);

        assertRefused(answer, "dryRun");
        assertThat(api.get("/api/v1/sync-runs").body().path("total").asInt()).isZero();
    }

    @Test
    void trailingDataAfterTheDocumentIsRefused_13_7() {
        Answer answer = api.post("/api/v1/phonebooks", "{\"name\":\"A\"} {\"name\":\"B\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("/api/v1/phonebooks").body().path("total").asInt()).isZero();
    }

    @Test
    void anUnknownPathIs404NotFoundProblem_12_6() {
        for (String path : List.of("/api/v1/nope", "/api/v1/extensions/x/y/z", "/api/nope.json")) {
            Answer answer = api.get(path);

            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.code()).isEqualTo("NOT_FOUND");
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertNoInternals(answer.raw().body());
        }
    }

    @Test
    void theErrorPageAskedDirectlyIsAProblemAndNo500_13_7() {
        Answer get = api.anonymous("GET", "/error", null);
        assertThat(get.status()).isEqualTo(404);
        assertThat(get.header("Content-Type")).startsWith("application/problem+json");
        assertThat(get.code()).isEqualTo("NOT_FOUND");

        for (String method : List.of("POST", "PUT", "DELETE")) {
            Answer answer = api.anonymous(method, "/error", "{}");

            assertThat(answer.status()).as(method).isIn(403, 404);
            assertThat(answer.header("Content-Type")).as(method).startsWith("application/problem+json");
            assertNoInternals(answer.raw().body());
        }
    }

    @Test
    void wrongMethodMediaTypeAndAcceptAreProblemsInOurWords_13_7() throws Exception {
        Answer put = api.put("/api/v1/extensions", "{}");
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.code()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(put.text("detail")).contains("GET").contains("POST");
        assertNoInternals(put.raw().body());

        HttpResponse<String> text = send(authorized("/api/v1/extensions")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("number=1001")));
        assertProblem(text, 415, "UNSUPPORTED_MEDIA_TYPE");

        HttpResponse<String> csv = send(
                authorized("/api/v1/extensions").header("Accept", "text/csv").GET());
        assertProblem(csv, 406, "NOT_ACCEPTABLE");

        HttpResponse<String> noBody = send(authorized("/api/v1/extensions")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertProblem(noBody, 400, "VALIDATION_FAILED");
    }

    @Test
    void anOversizedBodyIs413ByDeclaredLengthAndChunked_13_7() throws Exception {
        byte[] huge = ("{\"number\":\"1001\",\"firstName\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> declared = send(authorized("/api/v1/extensions")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(huge)));
        assertProblem(declared, 413, "PAYLOAD_TOO_LARGE");

        HttpResponse<String> chunked = send(authorized("/api/v1/extensions")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))));
        assertProblem(chunked, 413, "PAYLOAD_TOO_LARGE");

        HttpResponse<String> patch = send(authorized("/api/v1/settings")
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))));
        assertProblem(patch, 413, "PAYLOAD_TOO_LARGE");

        assertThat(api.get("/api/v1/extensions").body().path("total").asInt()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "GET /api/v1/extensions/%zz HTTP/1.1",
                "GET /api/v1/extensions/%00 HTTP/1.1",
                "GET /api/v1/..;/..;/x HTTP/1.1",
                "GET /api/v1/extensions;jsessionid=x/..%2f HTTP/1.1",
                "GET /api/v1//extensions HTTP/1.1",
                "GET /api/v1/extensions/%2e%2e/%2e%2e HTTP/1.1",
                "GET /api/v1/extensions?q=%zz HTTP/1.1",
                "GET /api/v1/extensions\\..\\x HTTP/1.1",
                "GET /api/v1/ext%252fensions HTTP/1.1",
                "GET /api/v1/extensions HTTP/1.1\r\nBad Header: x",
                "POST /api/v1/extensions HTTP/1.1\r\nContent-Length: abc",
                "GET /api/v1/extensions HTTP/1.1\r\nHost: a\r\nHost: b",
                "GET /api/v1/extensions HTTP/1.1\r\nTransfer-Encoding: gzip, chunked, x",
            })
    void requestsTheContainerRefusesGetProblemAnswers_13_7(String requestLine) throws IOException {
        String raw = requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";

        String answer = rawExchange(raw);

        String head = answer.contains("\r\n\r\n") ? answer.substring(0, answer.indexOf("\r\n\r\n")) : answer;
        int status = Integer.parseInt(head.substring(9, 12));
        assertThat(status).as(answer).isBetween(400, 499);
        assertThat(head.toLowerCase(Locale.ROOT)).as(answer).contains("content-type: application/problem+json");
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertThat(body).as(answer).contains("\"code\"");
        assertNoInternals(body);
    }

    private String rawExchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private HttpRequest.Builder authorized(String path) {
        String token = api.anonymous(
                        "POST",
                        "/api/v1/auth/token",
                        "{\"username\":\"admin\",\"password\":\"" + io.switchboard.testing.Api.ADMIN_PASSWORD + "\"}")
                .text("accessToken");
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("The service closed the connection instead of answering: " + e, e);
        }
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode body = JsonMapper.builder().build().readTree(response.body());
        assertThat(body.path("code").asString()).isEqualTo(code);
        assertNoInternals(response.body());
    }
}
