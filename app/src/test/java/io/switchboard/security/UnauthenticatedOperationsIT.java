package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.Api;
import io.switchboard.testing.Api.Answer;
import io.switchboard.testing.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every operation the OpenAPI document lists refuses a caller without credentials and a caller
 * with a forged token alike: 401 UNAUTHORIZED problem+json, before any work (issue 13, Done when).
 */
class UnauthenticatedOperationsIT extends IntegrationTest {

    private static final String SOME_ID = "6d1c8a55-0c3a-4c55-a1c9-6c1f1f9ad001";

    private static final String TOKEN_PATH = "/api/v1/auth/token";

    /** The mobile client's ticket exchange: a one-use ticket is its credential (S2). */
    private static final String CLIENT_TOKEN_PATH = "/api/v1/client/tokens";

    private List<String[]> everyOperation() {
        JsonNode paths = api.anonymous("GET", "/v3/api-docs", null).body().path("paths");
        List<String[]> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (List.of("get", "put", "post", "delete", "patch").contains(op.getKey())) {
                    operations.add(new String[] {
                        op.getKey().toUpperCase(), path.getKey().replaceAll("\\{[^}]+}", SOME_ID)
                    });
                }
            }
        }
        return operations;
    }

    /** Tokens a stranger could make: a real token with another signature, one signed by nobody, junk. */
    private List<String> forgedTokens() {
        String valid = api.anonymous(
                        "POST", TOKEN_PATH, Api.json(Map.of("username", "admin", "password", Api.ADMIN_PASSWORD)))
                .text("accessToken");
        String[] parts = valid.split("\\.");
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String none = url.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        String otherKey = parts[0] + "." + parts[1] + "." + url.encodeToString(new byte[32]);
        String admin = url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + url.encodeToString("{\"sub\":\"admin\",\"exp\":4102444800}".getBytes(StandardCharsets.UTF_8))
                + "." + url.encodeToString("forged".getBytes(StandardCharsets.UTF_8));
        return List.of(otherKey, none, admin, "not-a-token", "a.b.c");
    }

    @Test
    void everyOperationRefusesCallersWithoutCredentialsOrWithAForgedToken() {
        List<String[]> operations = everyOperation();
        List<String> forged = forgedTokens();
        assertThat(operations).hasSizeGreaterThan(30);
        int calls = 0;

        for (String[] op : operations) {
            if (op[1].equals(TOKEN_PATH) || op[1].equals(CLIENT_TOKEN_PATH)) {
                continue;
            }
            String body = op[0].equals("GET") || op[0].equals("DELETE") ? null : "{}";
            assertRefused(op, "no credentials", api.anonymous(op[0], op[1], body));
            calls++;
            for (String token : forged) {
                assertRefused(op, "forged token " + token, api.withToken(op[0], op[1], body, token));
                calls++;
            }
        }
        assertThat(calls).isGreaterThan(150);
        assertThat(api.get("/api/v1/extensions").body().path("total").asInt()).isZero();
        assertThat(api.get("/api/v1/sync-runs").body().path("total").asInt()).isZero();
    }

    private static void assertRefused(String[] op, String how, Answer answer) {
        String what = op[0] + " " + op[1] + " with " + how;
        assertThat(answer.status()).as(what).isEqualTo(401);
        assertThat(answer.code()).as(what).isEqualTo("UNAUTHORIZED");
        assertThat(answer.header("Content-Type")).as(what).startsWith("application/problem+json");
        assertThat(answer.header("WWW-Authenticate")).as(what).startsWith("Bearer");
        assertThat(answer.raw().body()).as(what).doesNotContain("Exception", "io.switchboard", "java.", "jackson");
    }
}
