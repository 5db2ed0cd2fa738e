package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.Api;
import io.switchboard.testing.Api.Answer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One throttle for every sign-in path (issue 13.2): per account and address, per address, bounded password checks. */
class SignInThrottleIT extends SecuritySuite {

    @Test
    void thePortalFormIsThrottledLikeTheTokenEndpointAndSharesItsCount_13_2() {
        Browser browser = new Browser();
        for (int i = 0; i <= SignInThrottle.FREE_FAILURES; i++) {
            assertThat(browser.signIn("admin", "guess-" + i)).isEqualTo("/login?error");
        }

        assertThat(browser.signIn("admin", Api.ADMIN_PASSWORD))
                .as("the right password is refused while the throttle says to wait")
                .isEqualTo("/login?throttled=1");
        Answer viaToken = token("admin", Api.ADMIN_PASSWORD);
        assertThat(viaToken.status()).isEqualTo(429);
        assertThat(viaToken.code()).isEqualTo("TOO_MANY_ATTEMPTS");
        assertThat(viaToken.header("Retry-After")).isEqualTo("1");
        assertThat(new Browser().get("/login?throttled=1").body()).contains("Wait 1 seconds");

        clock.advance(Duration.ofSeconds(1));
        assertThat(browser.signIn("admin", Api.ADMIN_PASSWORD)).isEqualTo("/");
        assertThat(browser.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void switchingUsernamesDoesNotEscapeTheThrottleAndUnknownOnesCountAlike_13_2() {
        for (int i = 0; i < SignInThrottle.FREE_FAILURES_PER_ADDRESS; i++) {
            Answer answer = token("nobody-" + i, "guess");
            assertThat(answer.status()).as("attempt %d", i).isEqualTo(401);
            assertThat(answer.text("detail")).isEqualTo("Wrong username or password.");
        }
        assertThat(token("nobody-x", "guess").status()).isEqualTo(401);

        assertThat(token("admin", Api.ADMIN_PASSWORD).status())
                .as("a fresh username from the same address waits too")
                .isEqualTo(429);
        assertThat(new Browser().signIn("someone-else", "guess")).startsWith("/login?throttled=");

        clock.advance(Duration.ofSeconds(1));
        assertThat(token("admin", Api.ADMIN_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void anAttackerElsewhereCannotLockTheAdministratorOut_13_2() {
        Browser attacker = new Browser().from("203.0.113.7");
        for (int i = 0; i < 30; i++) {
            attacker.signIn("admin", "guess-" + i);
        }
        assertThat(attacker.signIn("admin", Api.ADMIN_PASSWORD)).startsWith("/login?throttled=");

        Browser administrator = new Browser().from("198.51.100.20");
        assertThat(administrator.signIn("admin", Api.ADMIN_PASSWORD)).isEqualTo("/");
    }

    @Test
    void aFloodOfSignInsIsRefusedFastWhileTheServiceKeepsAnswering_13_2() throws Exception {
        int flood = 48;
        HttpClient http = HttpClient.newBuilder().build();
        ExecutorService pool = Executors.newFixedThreadPool(flood);
        try {
            List<Callable<long[]>> attempts = new ArrayList<>();
            for (int i = 0; i < flood; i++) {
                String address = "192.0.2." + (i + 1);
                String body = Api.json(Map.of("username", "user" + i, "password", "guess"));
                attempts.add(() -> {
                    long started = System.nanoTime();
                    HttpResponse<String> answer = http.send(
                            HttpRequest.newBuilder(URI.create(api.base() + TOKEN))
                                    .header("Content-Type", "application/json")
                                    .header("X-Forwarded-For", address)
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 503) {
                        assertThat(answer.body()).contains("\"code\":\"SIGN_IN_BUSY\"");
                        assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
                        assertThat(answer.headers().firstValue("Content-Type"))
                                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
                    }
                    return new long[] {answer.statusCode(), (System.nanoTime() - started) / 1_000_000};
                });
            }
            List<Future<long[]>> answers = new ArrayList<>();
            for (Callable<long[]> attempt : attempts) {
                answers.add(pool.submit(attempt));
            }
            long started = System.nanoTime();
            Answer meanwhile = api.get("/api/v1/extensions");
            long meanwhileMillis = (System.nanoTime() - started) / 1_000_000;

            int busy = 0;
            long slowestRefusal = 0;
            for (Future<long[]> f : answers) {
                long[] answer = f.get();
                assertThat(answer[0]).isIn(401L, 503L);
                if (answer[0] == 503) {
                    busy++;
                    slowestRefusal = Math.max(slowestRefusal, answer[1]);
                }
            }
            System.out.printf(
                    "sign-in flood: %d attempts, %d refused as busy (slowest refusal %d ms), an API call meanwhile %d ms%n",
                    flood, busy, slowestRefusal, meanwhileMillis);
            assertThat(meanwhile.status()).isEqualTo(200);
            assertThat(busy)
                    .as("attempts beyond the password-check slots are refused")
                    .isPositive();
            assertThat(meanwhileMillis)
                    .as("the service keeps answering during the flood")
                    .isLessThan(3_000);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everySignInIsAuditedWithItsAddressAndNeverItsPassword_13_2_12_8() {
        token("mallory", "secret-guess-1");
        new Browser().from("198.51.100.9").signIn("admin", Api.ADMIN_PASSWORD);

        Answer events = api.get("/api/v1/audit-events");
        String raw = events.raw().body();
        assertThat(raw).doesNotContain("secret-guess-1").doesNotContain(Api.ADMIN_PASSWORD);
        List<String> lines = new ArrayList<>();
        events.body()
                .path("items")
                .forEach(e -> lines.add(e.path("action").asString() + " "
                        + e.path("actor").asString() + " "
                        + e.path("details").path("address").asString() + " "
                        + e.path("details").path("via").asString()));
        assertThat(lines)
                .contains(
                        "SIGN_IN_FAILED mallory 127.0.0.1 api-token",
                        "SIGNED_IN admin 198.51.100.9 portal",
                        "SIGNED_IN admin 127.0.0.1 api-token");
    }
}
