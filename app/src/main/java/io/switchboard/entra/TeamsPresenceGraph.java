package io.switchboard.entra;

import io.switchboard.entra.graph.GraphClient;
import io.switchboard.entra.graph.GraphException;
import io.switchboard.entra.graph.GraphSubscription;
import io.switchboard.entra.graph.GraphThrottled;
import io.switchboard.entra.graph.Sleeper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * Teams presence at Graph (T2, reference §7): reading it in chunks of up to 650 users, and the
 * presence change-notification subscriptions. One attempt per request: a 429 reaches the caller as
 * {@link Throttled}, so that the caller slows down instead of a thread sleeping here.
 */
@Service
public class TeamsPresenceGraph {

    /** The most user ids per request and per subscription. */
    public static final int CHUNK = GraphClient.PRESENCE_IDS_LIMIT;

    /** Graph said 429; {@code retryAfter} is its wait, or null when it named none. */
    public static final class Throttled extends RuntimeException {
        private final Duration retryAfter;

        Throttled(Duration retryAfter) {
            super("Microsoft Graph is throttling presence requests");
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** Why notifications cannot be used on this connection; empty when they can. */
    public enum NotificationBlocker {
        /** Graph supports presence subscriptions with delegated permissions only. */
        APPLICATION_MODE,
        /** Presence subscriptions exist in the global cloud only. */
        NATIONAL_CLOUD,
        /** Microsoft delivers notifications to an https public URL only. */
        NO_HTTPS_URL
    }

    private static final GraphClient.Settings ONE_ATTEMPT =
            new GraphClient.Settings(Duration.ofSeconds(20), 1, 8, Duration.ofSeconds(1), Duration.ofSeconds(60));

    private final EntraConnection connection;
    private final ChangeSubscriptions subscriptions;
    private final GraphExecutor executor;
    private final Clock clock;

    TeamsPresenceGraph(
            EntraConnection connection, ChangeSubscriptions subscriptions, GraphExecutor executor, Clock clock) {
        this.connection = connection;
        this.subscriptions = subscriptions;
        this.executor = executor;
        this.clock = clock;
    }

    /** Whether the integration is enabled (settings are frozen while it is not, M6). */
    public boolean enabled() {
        return connection.enabled();
    }

    /** Whether Graph may be called now: the integration is enabled and connected. */
    public boolean connected() {
        return connection.connected();
    }

    /** What stops presence notifications on this connection, if anything. */
    public Optional<NotificationBlocker> notificationBlocker() {
        IntegrationView view = connection.view();
        if (view.mode() != IntegrationMode.DELEGATED) {
            return Optional.of(NotificationBlocker.APPLICATION_MODE);
        }
        if (view.cloud() != Cloud.GLOBAL && !(view.cloud() == Cloud.CUSTOM && loopback(view.graphEndpoint()))) {
            return Optional.of(NotificationBlocker.NATIONAL_CLOUD);
        }
        if (subscriptions.webhookUnavailable().isPresent()) {
            return Optional.of(NotificationBlocker.NO_HTTPS_URL);
        }
        return Optional.empty();
    }

    private static boolean loopback(String url) {
        if (url == null) {
            return false;
        }
        String host = URI.create(url).getHost();
        host = host == null ? "" : host.toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    }

    /** Where Graph posts presence notifications: the user/group URL with a marker Graph keeps on delivery. */
    public String notificationUrl() {
        return subscriptions.notificationUrl() + "?kind=presence";
    }

    public String lifecycleUrl() {
        return subscriptions.lifecycleUrl() + "?kind=presence";
    }

    /**
     * The presence of up to 650 users.
     *
     * @throws Throttled on 429
     * @throws EntraUnavailable on any other failure
     */
    public List<GraphPresence> read(Collection<String> userIds) {
        return call(graph -> graph.presencesByUserId(userIds));
    }

    /** Subscribes to presence changes of up to 650 users until {@code expiresAt}. */
    public ChangeSubscriptions.Subscription subscribe(
            Collection<String> userIds, Instant expiresAt, String clientState) {
        GraphSubscription created = call(graph -> graph.createSubscription(
                GraphClient.presenceResource(userIds),
                "updated",
                notificationUrl(),
                lifecycleUrl(),
                expiresAt,
                clientState));
        return new ChangeSubscriptions.Subscription(
                created.id(),
                created.resource(),
                created.expirationDateTime() == null ? expiresAt : created.expirationDateTime());
    }

    /** Renews a subscription; empty when Graph no longer knows it (404). */
    public Optional<Instant> renew(String id, Instant expiresAt) {
        try {
            GraphSubscription renewed = call(graph -> graph.renewSubscription(id, expiresAt));
            return Optional.of(renewed.expirationDateTime() == null ? expiresAt : renewed.expirationDateTime());
        } catch (Gone e) {
            return Optional.empty();
        }
    }

    /** Deletes a subscription at Graph, best effort. */
    public void delete(String id) {
        try {
            call(graph -> {
                graph.deleteSubscription(id);
                return null;
            });
        } catch (RuntimeException e) {
            // It lapses by itself within 60 minutes.
        }
    }

    private static final class Gone extends RuntimeException {}

    private <T> T call(Function<GraphClient, T> request) {
        if (!connection.connected()) {
            throw new EntraUnavailable("The integration is not connected.");
        }
        GraphClient graph = new GraphClient(
                        connection.graphEndpoint(), connection::accessToken, clock, Sleeper.THREAD, ONE_ATTEMPT)
                .batchingOn(executor.pool());
        try {
            try {
                return request.apply(graph);
            } catch (GraphException e) {
                if (e.status() != 401) {
                    throw e;
                }
                connection.tokenRejected();
                return request.apply(graph);
            }
        } catch (GraphThrottled e) {
            throw new Throttled(e.retryAfter());
        } catch (GraphException e) {
            if (e.status() == 404) {
                throw new Gone();
            }
            throw new EntraUnavailable("Microsoft Graph refused a presence request: " + e.getMessage());
        }
    }
}
