package io.switchboard.entra;

import io.switchboard.entra.graph.GraphClient;
import io.switchboard.entra.graph.GraphException;
import io.switchboard.entra.graph.GraphSubscription;
import io.switchboard.pbx.PbxSettingsReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The Graph change-notification subscriptions this PBX holds on users and groups (M2, reference
 * §8): created with a random {@code clientState} of their own, of which only a hash is kept,
 * renewed, deleted. Notifications are believed only when their {@code clientState} matches the
 * subscription they name.
 */
@Service
public class ChangeSubscriptions {

    /** Where Graph posts change notifications, below the public base URL. */
    public static final String NOTIFICATION_PATH = "/integration/graph-notifications";

    /** Where Graph posts lifecycle notifications, below the public base URL. */
    public static final String LIFECYCLE_PATH = "/integration/graph-lifecycle";

    /** What users and groups support (reference §8.1): creation and soft deletion arrive as updated. */
    static final String CHANGE_TYPE = "updated,deleted";

    private static final Logger log = LoggerFactory.getLogger(ChangeSubscriptions.class);

    /** A subscription as this PBX holds it. */
    public record Subscription(String id, String resource, Instant expiresAt) {}

    private final EntraConnection connection;
    private final GraphCalls calls;
    private final PbxSettingsReader pbx;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ChangeSubscriptions(
            EntraConnection connection, GraphCalls calls, PbxSettingsReader pbx, JdbcClient jdbc, Clock clock) {
        this.connection = connection;
        this.calls = calls;
        this.pbx = pbx;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public String notificationUrl() {
        return pbx.get().publicBaseUrl() + NOTIFICATION_PATH;
    }

    public String lifecycleUrl() {
        return pbx.get().publicBaseUrl() + LIFECYCLE_PATH;
    }

    /**
     * Why Graph cannot deliver notifications to this PBX, in plain words; empty when it can.
     * Microsoft requires https. Plain http is accepted only on loopback while Graph itself is a
     * loopback emulator (tests and the demo).
     */
    public Optional<String> webhookUnavailable() {
        URI base = URI.create(pbx.get().publicBaseUrl());
        if ("https".equalsIgnoreCase(base.getScheme())) {
            return Optional.empty();
        }
        String graph = connection.graphEndpoint();
        if (loopback(base) && graph != null && loopback(URI.create(graph))) {
            return Optional.empty();
        }
        return Optional.of("Microsoft delivers change notifications only to an https address, and the public base URL"
                + " is " + base + "; Switchboard polls Graph for changes instead. Set an https public base URL to"
                + " receive notifications.");
    }

    private static boolean loopback(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return "http".equalsIgnoreCase(uri.getScheme())
                && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
    }

    public List<Subscription> list() {
        return jdbc.sql("SELECT id, resource, expires_at FROM graph_subscription ORDER BY resource, id")
                .query(ChangeSubscriptions::map)
                .list();
    }

    public Optional<Subscription> find(String id) {
        return jdbc.sql("SELECT id, resource, expires_at FROM graph_subscription WHERE id = ?")
                .param(id)
                .query(ChangeSubscriptions::map)
                .optional();
    }

    private static Subscription map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Subscription(
                rs.getString("id"),
                rs.getString("resource"),
                rs.getObject("expires_at", java.time.OffsetDateTime.class).toInstant());
    }

    /**
     * Subscribes to changes of {@code resource} until {@code expiresAt}.
     *
     * @throws EntraUnavailable when Graph refuses, with its reason (for example a failed validation handshake)
     */
    public Subscription create(String resource, Instant expiresAt) {
        byte[] secret = new byte[48];
        random.nextBytes(secret);
        String clientState = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        GraphSubscription created = call(graph -> graph.createSubscription(
                resource, CHANGE_TYPE, notificationUrl(), lifecycleUrl(), expiresAt, clientState));
        Instant expiry = created.expirationDateTime() == null ? expiresAt : created.expirationDateTime();
        jdbc.sql("INSERT INTO graph_subscription (id, resource, client_state_hash, expires_at, created_at)"
                        + " VALUES (?, ?, ?, ?, ?)")
                .params(
                        created.id(),
                        resource,
                        hash(clientState),
                        expiry.atOffset(ZoneOffset.UTC),
                        clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        log.info("Subscribed to Graph changes of {} until {} (subscription {})", resource, expiry, created.id());
        return new Subscription(created.id(), resource, expiry);
    }

    /**
     * Moves a subscription's expiry, which reauthorizes it too. A subscription Graph no longer
     * knows is forgotten, and empty is returned.
     */
    public Optional<Subscription> renew(String id, Instant expiresAt) {
        Optional<Subscription> held = find(id);
        if (held.isEmpty()) {
            return Optional.empty();
        }
        GraphSubscription renewed;
        try {
            renewed = call(graph -> graph.renewSubscription(id, expiresAt));
        } catch (GoneFromGraph e) {
            forget(id);
            return Optional.empty();
        }
        Instant expiry = renewed.expirationDateTime() == null ? expiresAt : renewed.expirationDateTime();
        jdbc.sql("UPDATE graph_subscription SET expires_at = ? WHERE id = ?")
                .params(expiry.atOffset(ZoneOffset.UTC), id)
                .update();
        return Optional.of(new Subscription(id, held.get().resource(), expiry));
    }

    /** Deletes a subscription at Graph (best effort) and forgets it. */
    public void delete(String id) {
        try {
            call(graph -> {
                graph.deleteSubscription(id);
                return null;
            });
        } catch (EntraUnavailable | GoneFromGraph e) {
            log.warn("Could not delete Graph subscription {} ({}); it expires by itself", id, e.getMessage());
        }
        forget(id);
    }

    /** Forgets a subscription without asking Graph (removed by Graph, or no token left to ask). */
    public void forget(String id) {
        jdbc.sql("DELETE FROM graph_subscription WHERE id = ?").param(id).update();
    }

    /** What one notification item presents: the subscription it names and the {@code clientState} it echoes. */
    public record Presented(String subscriptionId, String clientState) {}

    /**
     * The items, among {@code items}, that name a subscription of ours with the {@code clientState}
     * we gave it, each with that subscription. Items that cannot be ours (no id, or a {@code clientState} unlike the ones we make) are
     * dropped without touching the database; the rest are checked against every subscription held,
     * read in one query, however many items there are.
     */
    public Map<Presented, Subscription> verifyAll(Collection<Presented> items) {
        List<Presented> plausible = items.stream()
                .filter(p -> p.subscriptionId() != null
                        && p.subscriptionId().length() <= 128
                        && plausibleClientState(p.clientState()))
                .toList();
        if (plausible.isEmpty()) {
            return Map.of();
        }
        Map<String, Map.Entry<Subscription, byte[]>> held = new HashMap<>();
        jdbc.sql("SELECT id, resource, expires_at, client_state_hash FROM graph_subscription")
                .query((rs, n) -> held.put(
                        rs.getString("id"),
                        Map.entry(map(rs, n), rs.getString("client_state_hash").getBytes(StandardCharsets.US_ASCII))))
                .list();
        Map<Presented, Subscription> verified = new HashMap<>();
        for (Presented p : plausible) {
            var subscription = held.get(p.subscriptionId());
            if (subscription != null
                    && MessageDigest.isEqual(
                            subscription.getValue(), hash(p.clientState()).getBytes(StandardCharsets.US_ASCII))) {
                verified.put(p, subscription.getKey());
            }
        }
        return verified;
    }

    /** Whether the text could be a {@code clientState} made by {@link #create}: 64 base64url characters. */
    static boolean plausibleClientState(String clientState) {
        if (clientState == null || clientState.length() != CLIENT_STATE_LENGTH) {
            return false;
        }
        for (int i = 0; i < clientState.length(); i++) {
            char c = clientState.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** 48 random bytes in unpadded base64url. */
    private static final int CLIENT_STATE_LENGTH = 64;

    /** The subscription a notification names, when its {@code clientState} is the one we gave it. */
    public Optional<Subscription> verify(String subscriptionId, String clientState) {
        if (subscriptionId == null || clientState == null) {
            return Optional.empty();
        }
        byte[] presented = hash(clientState).getBytes(StandardCharsets.US_ASCII);
        return jdbc.sql("SELECT id, resource, expires_at, client_state_hash FROM graph_subscription WHERE id = ?")
                .param(subscriptionId)
                .query((rs, n) ->
                        Map.entry(map(rs, n), rs.getString("client_state_hash").getBytes(StandardCharsets.US_ASCII)))
                .optional()
                .filter(held -> MessageDigest.isEqual(held.getValue(), presented))
                .map(Map.Entry::getKey);
    }

    private static String hash(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Graph answered 404: the subscription no longer exists there. */
    private static final class GoneFromGraph extends RuntimeException {
        GoneFromGraph(String message) {
            super(message);
        }
    }

    private <T> T call(Function<GraphClient, T> request) {
        if (!connection.connected()) {
            throw new EntraUnavailable("The integration is not connected.");
        }
        try {
            return calls.call(request);
        } catch (GraphException e) {
            if (e.status() == 404) {
                throw new GoneFromGraph(e.getMessage());
            }
            throw new EntraUnavailable(
                    "Microsoft Graph refused the change-notification subscription: " + e.getMessage());
        }
    }
}
