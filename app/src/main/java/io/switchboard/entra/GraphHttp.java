package io.switchboard.entra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GET requests to Microsoft Graph with the connection's token: at most {@value #MAX_CONCURRENT} at
 * once, a {@code client-request-id} on each and Graph's {@code request-id} logged, timeouts, a
 * token refreshed once on 401, and 429 / 502 / 503 / 504 and network errors retried after their
 * {@code Retry-After} (or a capped, jittered backoff) a bounded number of times. Tokens are never logged.
 */
@Component
class GraphHttp {

    static final int MAX_CONCURRENT = 4;
    private static final int MAX_ATTEMPTS = 6;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(GraphHttp.class);

    private final EntraConnection connection;
    private final JsonMapper mapper;
    private final Semaphore permits = new Semaphore(MAX_CONCURRENT);
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    GraphHttp(EntraConnection connection, JsonMapper mapper) {
        this.connection = connection;
        this.mapper = mapper;
    }

    /** GET with {@code ConsistencyLevel: eventual} when {@code eventual}, as $count and $search need. */
    JsonNode get(String url, boolean eventual) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EntraUnavailable("Interrupted while waiting to call Microsoft Graph.");
        }
        try {
            return send(url, eventual);
        } finally {
            permits.release();
        }
    }

    JsonNode get(String url) {
        return get(url, false);
    }

    private JsonNode send(String url, boolean eventual) {
        for (int attempt = 1; ; attempt++) {
            String requestId = UUID.randomUUID().toString();
            HttpResponse<String> response;
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + connection.accessToken())
                        .header("client-request-id", requestId)
                        .GET();
                if (eventual) {
                    request.header("ConsistencyLevel", "eventual");
                }
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new EntraUnavailable(
                            "Microsoft Graph cannot be reached: " + e.getClass().getSimpleName());
                }
                pause(backoff(attempt));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EntraUnavailable("Interrupted while reading Microsoft Graph.");
            }
            int status = response.statusCode();
            log.debug(
                    "GET {} -> {} request-id {}",
                    URI.create(url).getPath(),
                    status,
                    response.headers().firstValue("request-id").orElse("-"));
            if (status == 200) {
                return mapper.readTree(response.body());
            }
            String code = errorCode(response.body());
            if (status == 410
                    || "syncStateNotFound".equalsIgnoreCase(code)
                    || "resyncRequired".equalsIgnoreCase(code)) {
                throw new TenantReader.FullSyncRequired(
                        "Microsoft Graph no longer knows the delta link (" + status + " " + code + ").");
            }
            if (status == 401 && attempt == 1) {
                connection.tokenRejected();
                continue;
            }
            if ((status == 429 || status == 503 || status == 502 || status == 504) && attempt < MAX_ATTEMPTS) {
                pause(response.headers()
                        .firstValue("Retry-After")
                        .map(GraphHttp::seconds)
                        .orElse(backoff(attempt)));
                continue;
            }
            throw new EntraUnavailable("Microsoft Graph refused to read the tenant (HTTP " + status
                    + (code.isEmpty() ? "" : ", " + code) + "). Nothing was changed on the PBX.");
        }
    }

    private String errorCode(String body) {
        try {
            return mapper.readTree(body).path("error").path("code").asString("");
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static Duration seconds(String retryAfter) {
        try {
            return Duration.ofMillis((long) (Double.parseDouble(retryAfter.strip()) * 1000));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(5);
        }
    }

    private static Duration backoff(int attempt) {
        long cap = Math.min(MAX_BACKOFF.toMillis(), 1000L << Math.min(attempt, 6));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EntraUnavailable("Interrupted while waiting to retry Microsoft Graph.");
        }
    }
}
