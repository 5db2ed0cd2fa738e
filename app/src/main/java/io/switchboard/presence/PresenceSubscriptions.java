package io.switchboard.presence;

import io.switchboard.entra.EntraUnavailable;
import io.switchboard.entra.TeamsPresenceGraph;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The presence change-notification subscriptions (T2, reference §7.2, §8): at most 650 users each,
 * asked for {@link #LIFETIME} and renewed when less than {@link #RENEW_AHEAD} is left (Graph's cap is
 * 60 minutes); one that lapsed unrenewed, or that Graph no longer knows (404 on renew, {@code
 * subscriptionRemoved}), is recreated and its users are read at once to cover the gap. A subscription
 * is kept while all its users still follow Teams; new followers go into new subscriptions, so one
 * more user never recreates the others. Only a hash of each {@code clientState} is kept.
 */
@Component
class PresenceSubscriptions {

    static final Duration LIFETIME = Duration.ofMinutes(55);
    static final Duration RENEW_AHEAD = Duration.ofMinutes(15);

    private static final Logger log = LoggerFactory.getLogger(PresenceSubscriptions.class);

    record Held(String id, Set<String> userIds, Instant expiresAt) {}

    private final JdbcClient jdbc;
    private final TeamsPresenceGraph graph;
    private final PresenceApplier applier;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile String problem;

    PresenceSubscriptions(JdbcClient jdbc, TeamsPresenceGraph graph, PresenceApplier applier, Clock clock) {
        this.jdbc = jdbc;
        this.graph = graph;
        this.applier = applier;
        this.clock = clock;
    }

    List<Held> all() {
        return jdbc.sql("SELECT id, user_ids, expires_at FROM presence_subscription ORDER BY created_at, id")
                .query((rs, n) -> new Held(
                        rs.getString("id"),
                        new LinkedHashSet<>(
                                Arrays.asList(rs.getString("user_ids").split(","))),
                        rs.getObject("expires_at", java.time.OffsetDateTime.class)
                                .toInstant()))
                .list();
    }

    int count() {
        return jdbc.sql("SELECT COUNT(*) FROM presence_subscription")
                .query(Integer.class)
                .single();
    }

    /** Why the last attempt to subscribe or renew failed; null when it did not. */
    String problem() {
        return problem;
    }

    /**
     * Brings the subscriptions in line with the users that follow Teams.
     *
     * @return the users whose notifications may have been lost and who should be read now
     */
    synchronized Set<String> upkeep(Collection<String> followed) {
        Instant now = clock.instant();
        Set<String> wanted = new HashSet<>(followed);
        Set<String> covered = new HashSet<>();
        Set<String> lost = new LinkedHashSet<>();
        for (Held held : all()) {
            if (!held.expiresAt().isAfter(now)) {
                forget(held.id());
                lost.addAll(held.userIds());
                continue;
            }
            if (!wanted.containsAll(held.userIds())) {
                remove(held.id());
                continue;
            }
            if (held.expiresAt().isBefore(now.plus(RENEW_AHEAD))) {
                Optional<Instant> renewed;
                try {
                    applier.countRequest();
                    renewed = graph.renew(held.id(), now.plus(LIFETIME));
                } catch (EntraUnavailable | TeamsPresenceGraph.Throttled e) {
                    problem = e.getMessage();
                    covered.addAll(held.userIds());
                    continue;
                }
                if (renewed.isEmpty()) {
                    forget(held.id());
                    lost.addAll(held.userIds());
                    continue;
                }
                jdbc.sql("UPDATE presence_subscription SET expires_at = ? WHERE id = ?")
                        .params(renewed.get().atOffset(ZoneOffset.UTC), held.id())
                        .update();
            }
            covered.addAll(held.userIds());
        }
        List<String> missing = new ArrayList<>(new TreeSet<>(wanted));
        missing.removeAll(covered);
        boolean failed = false;
        for (int from = 0; from < missing.size(); from += TeamsPresenceGraph.CHUNK) {
            List<String> chunk = missing.subList(from, Math.min(missing.size(), from + TeamsPresenceGraph.CHUNK));
            try {
                create(chunk);
            } catch (EntraUnavailable | TeamsPresenceGraph.Throttled e) {
                problem = e.getMessage();
                failed = true;
                log.warn("Could not subscribe to the presence of {} users: {}", chunk.size(), e.getMessage());
            }
        }
        if (!failed && lost.isEmpty()) {
            problem = null;
        }
        return lost;
    }

    private void create(List<String> userIds) {
        byte[] secret = new byte[48];
        random.nextBytes(secret);
        String clientState = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        applier.countRequest();
        var created = graph.subscribe(userIds, clock.instant().plus(LIFETIME), clientState);
        jdbc.sql("INSERT INTO presence_subscription (id, client_state_hash, user_ids, expires_at, created_at)"
                        + " VALUES (?, ?, ?, ?, ?)")
                .params(
                        created.id(),
                        hash(clientState),
                        String.join(",", userIds),
                        created.expiresAt().atOffset(ZoneOffset.UTC),
                        clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    /** Renews at once (a {@code reauthorizationRequired}); false when Graph no longer knows it. */
    synchronized boolean reauthorize(String id) {
        applier.countRequest();
        Optional<Instant> renewed = graph.renew(id, clock.instant().plus(LIFETIME));
        if (renewed.isEmpty()) {
            forget(id);
            return false;
        }
        jdbc.sql("UPDATE presence_subscription SET expires_at = ? WHERE id = ?")
                .params(renewed.get().atOffset(ZoneOffset.UTC), id)
                .update();
        return true;
    }

    /** Deletes every subscription at Graph (best effort) and forgets it. */
    synchronized void removeAll() {
        for (Held held : all()) {
            remove(held.id());
        }
        problem = null;
    }

    private void remove(String id) {
        if (graph.connected()) {
            applier.countRequest();
            graph.delete(id);
        }
        forget(id);
    }

    void forget(String id) {
        jdbc.sql("DELETE FROM presence_subscription WHERE id = ?").param(id).update();
    }

    /** The subscription ids, among those presented with a {@code clientState}, whose {@code clientState} is ours. */
    Set<String> verify(Collection<Map.Entry<String, String>> presented) {
        Set<String> verified = new HashSet<>();
        if (presented.isEmpty()) {
            return verified;
        }
        Map<String, String> hashes = new java.util.HashMap<>();
        jdbc.sql("SELECT id, client_state_hash FROM presence_subscription")
                .query((rs, n) -> hashes.put(rs.getString("id"), rs.getString("client_state_hash")))
                .list();
        for (Map.Entry<String, String> item : presented) {
            String held = item.getKey() == null ? null : hashes.get(item.getKey());
            if (held != null
                    && item.getValue() != null
                    && item.getValue().length() <= 128
                    && MessageDigest.isEqual(
                            held.getBytes(StandardCharsets.US_ASCII),
                            hash(item.getValue()).getBytes(StandardCharsets.US_ASCII))) {
                verified.add(item.getKey());
            }
        }
        return verified;
    }

    Optional<Held> find(String id) {
        return all().stream().filter(h -> h.id().equals(id)).findFirst();
    }

    private static String hash(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
