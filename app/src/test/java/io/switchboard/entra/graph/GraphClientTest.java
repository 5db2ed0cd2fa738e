package io.switchboard.entra.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Retry and error behaviour against a scripted local HTTP server, with a recording sleeper. */
class GraphClientTest {

    private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

    private HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<String> clientRequestIds = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger hits = new AtomicInteger();
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile long serverDelayMillis;

    private record Answer(int status, String retryAfter, String body) {}

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        hits.incrementAndGet();
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            Thread.sleep(serverDelayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
        clientRequestIds.add(exchange.getRequestHeaders().getFirst("client-request-id"));
        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        Answer answer;
        synchronized (script) {
            answer = script.size() > 1 ? script.poll() : script.peek();
        }
        byte[] body = answer.body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("request-id", "req-" + hits.get());
        if (answer.retryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", answer.retryAfter);
        }
        exchange.sendResponseHeaders(answer.status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static String error(String code) {
        return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"scripted " + code + "\"}}";
    }

    private GraphClient client(String baseUrl, GraphClient.Settings settings, DoubleSupplier jitter) {
        return new GraphClient(
                baseUrl, () -> "secret-token", Clock.fixed(NOW, ZoneOffset.UTC), sleeps::add, settings, jitter);
    }

    private GraphClient client(DoubleSupplier jitter) {
        return client(
                "http://127.0.0.1:" + server.getAddress().getPort(),
                new GraphClient.Settings(Duration.ofSeconds(5), 5, 4, Duration.ofSeconds(1), Duration.ofSeconds(5)),
                jitter);
    }

    @Test
    void serviceUnavailableBacksOffExponentiallyCappedThenGivesUp() {
        script.add(new Answer(503, null, error("serviceNotAvailable")));

        assertThatThrownBy(() -> client(() -> 1.0).countUsers()).isInstanceOfSatisfying(GraphException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.code()).isEqualTo("serviceNotAvailable");
            assertThat(e.requestId()).isEqualTo("req-5");
            assertThat(e.getMessage()).doesNotContain("secret-token");
        });
        assertThat(hits).hasValue(5);
        assertThat(sleeps).containsExactly(seconds(1), seconds(2), seconds(4), seconds(5));
    }

    @Test
    void backoffIsFullJitterBelowTheCappedCeiling() {
        script.add(new Answer(503, null, error("serviceNotAvailable")));
        double[] factors = {0.5, 0.25, 0.9, 0.1};
        AtomicInteger next = new AtomicInteger();

        assertThatThrownBy(() -> client(() -> factors[next.getAndIncrement()]).users())
                .isInstanceOf(GraphException.class);
        assertThat(sleeps)
                .containsExactly(
                        Duration.ofMillis(500),
                        Duration.ofMillis(500),
                        Duration.ofMillis(3600),
                        Duration.ofMillis(500));

        sleeps.clear();
        hits.set(0);
        GraphClient random = client(
                "http://127.0.0.1:" + server.getAddress().getPort(),
                new GraphClient.Settings(Duration.ofSeconds(5), 12, 4, Duration.ofSeconds(1), Duration.ofSeconds(60)),
                () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
        assertThatThrownBy(random::users).isInstanceOf(GraphException.class);
        assertThat(sleeps).hasSize(11);
        for (int i = 0; i < sleeps.size(); i++) {
            long ceiling = Math.min(60_000, 1000L << i);
            assertThat(sleeps.get(i)).isBetween(Duration.ZERO, Duration.ofMillis(ceiling));
        }
        assertThat(new HashSet<>(sleeps)).hasSizeGreaterThan(1);
    }

    @Test
    void retryAfterSecondsAndHttpDateAreHonoured() {
        script.add(new Answer(429, "3", error("TooManyRequests")));
        script.add(new Answer(
                503,
                DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(7).atOffset(ZoneOffset.UTC)),
                error("serviceNotAvailable")));
        script.add(new Answer(504, "1.5", error("gatewayTimeout")));
        script.add(new Answer(200, null, "{\"value\":[{\"id\":\"u1\",\"displayName\":\"A\"}]}"));

        assertThat(client(() -> 1.0).users()).extracting(u -> u.id()).containsExactly("u1");
        assertThat(sleeps).containsExactly(seconds(3), seconds(7), Duration.ofMillis(1500));
        assertThat(clientRequestIds).hasSize(4).doesNotHaveDuplicates().doesNotContainNull();
        assertThat(authorizations).containsOnly("Bearer secret-token");
    }

    @Test
    void unauthorizedAndForbiddenAreNotRetried() {
        script.add(new Answer(401, null, error("InvalidAuthenticationToken")));
        assertThatThrownBy(() -> client(() -> 1.0).users())
                .isInstanceOfSatisfying(
                        GraphException.class, e -> assertThat(e.status()).isEqualTo(401));

        script.clear();
        script.add(new Answer(403, null, error("Authorization_RequestDenied")));
        assertThatThrownBy(() -> client(() -> 1.0).groups()).isInstanceOfSatisfying(GraphException.class, e -> {
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.code()).isEqualTo("Authorization_RequestDenied");
        });
        assertThat(hits).hasValue(2);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void goneDeltaIsFullSyncRequired() {
        script.add(new Answer(410, null, error("resyncRequired")));
        assertThatThrownBy(() -> client(() -> 1.0)
                        .usersDelta("http://127.0.0.1:" + server.getAddress().getPort()
                                + "/v1.0/users/delta?$deltatoken=x"))
                .isInstanceOf(FullSyncRequired.class);
    }

    @Test
    void unreachableGraphIsStatusZeroAfterRetries() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        GraphClient client = client(
                "http://127.0.0.1:" + port,
                new GraphClient.Settings(Duration.ofSeconds(2), 3, 4, Duration.ofSeconds(1), Duration.ofSeconds(60)),
                () -> 1.0);

        assertThatThrownBy(client::countGroups).isInstanceOfSatisfying(GraphException.class, e -> {
            assertThat(e.status()).isZero();
            assertThat(e.code()).isEqualTo("unreachable");
        });
        assertThat(sleeps).containsExactly(seconds(1), seconds(2));
    }

    @Test
    void boundsConcurrentRequests() throws Exception {
        script.add(new Answer(200, null, "42"));
        serverDelayMillis = 100;
        GraphClient client = client(
                "http://127.0.0.1:" + server.getAddress().getPort(),
                new GraphClient.Settings(Duration.ofSeconds(5), 5, 2, Duration.ofSeconds(1), Duration.ofSeconds(60)),
                () -> 1.0);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> counts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                counts.add(callers.submit(client::countUsers));
            }
            for (Future<Long> count : counts) {
                assertThat(count.get()).isEqualTo(42L);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(maxInFlight).hasValue(2);
    }

    @Test
    void logsMethodPathStatusAndRequestIdButNeverTheTokenOrQuery() {
        Logger logger = (Logger) LoggerFactory.getLogger(GraphClient.class);
        Level level = logger.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
        try {
            script.add(new Answer(200, null, "{\"value\":[]}"));
            client(() -> 1.0).searchUsers("secret-prefix", 5);
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(level);
        }
        assertThat(appender.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .singleElement()
                .satisfies(m -> assertThat(m)
                        .startsWith("GET /v1.0/users -> 200 request-id=req-1")
                        .doesNotContain("secret"));
    }

    private static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
