package io.switchboard.presence;

import io.switchboard.entra.EntraUnavailable;
import io.switchboard.entra.GraphPresence;
import io.switchboard.entra.TeamsPresenceGraph;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The seconds-level work of Teams presence, run by one instance at a time (the holder of the lease
 * on the {@code presence_sync} row): the {@code getPresencesByUserId} poll in chunks of 650, and the
 * upkeep of the subscriptions. See ADR 0020 for the cadence and the share of Graph's budget.
 *
 * <p>Polling alone reads every following user each {@link #pollInterval} (at least {@link
 * #MIN_INTERVAL}, and no more than {@link #POLL_REQUESTS_PER_SECOND} requests per second on average,
 * 40% of the 1,500 requests per 30 s); behind notifications it reads them every {@link
 * #SAFETY_NET_INTERVAL}. A 429 stops the cycle where it is, waits Graph's {@code Retry-After} and
 * doubles the interval (up to 8 times); the next cycle resumes at the chunk refused, and since
 * changes are found by comparing with the last availability seen, nothing is lost.
 */
@Component
class PresenceLoop {

    static final Duration MIN_INTERVAL = Duration.ofSeconds(2);
    static final Duration SAFETY_NET_INTERVAL = Duration.ofSeconds(60);
    static final int POLL_REQUESTS_PER_SECOND = 20;
    static final Duration UPKEEP_INTERVAL = Duration.ofSeconds(60);
    static final Duration LEASE = Duration.ofSeconds(15);
    static final int MAX_SLOWDOWN = 8;

    private static final Logger log = LoggerFactory.getLogger(PresenceLoop.class);

    private final JdbcClient jdbc;
    private final TeamsPresenceGraph graph;
    private final PresenceFollows follows;
    private final PresenceApplier applier;
    private final PresenceSubscriptions subscriptions;
    private final Clock clock;
    private final String instance = UUID.randomUUID().toString();

    private Instant nextPollAt = Instant.MIN;
    private Instant nextUpkeepAt = Instant.MIN;
    private Instant lastCycleAt;
    private Instant lastPolledAt;
    private Instant throttledUntil;
    private int cursor;
    private int slowdown = 1;
    private int chunks;
    private volatile String pollProblem;

    PresenceLoop(
            JdbcClient jdbc,
            TeamsPresenceGraph graph,
            PresenceFollows follows,
            PresenceApplier applier,
            PresenceSubscriptions subscriptions,
            Clock clock) {
        this.jdbc = jdbc;
        this.graph = graph;
        this.follows = follows;
        this.applier = applier;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    /** One beat: does what is due, if this instance holds the lease. */
    synchronized void tick() {
        Instant now = clock.instant();
        if (!lease(now)) {
            return;
        }
        if (!enabled() || !graph.connected()) {
            return;
        }
        if (!now.isBefore(nextUpkeepAt)) {
            upkeep(now);
        }
        if (!now.isBefore(nextPollAt)) {
            poll(now);
        }
    }

    /** Reads every following user now, from the first chunk (the switch was just turned on). */
    synchronized void pollNow() {
        cursor = 0;
        lastCycleAt = null;
        nextUpkeepAt = Instant.MIN;
        if (graph.connected()) {
            Instant now = clock.instant();
            upkeep(now);
            poll(now);
        }
    }

    /** Makes the next tick keep the subscriptions and poll, whatever their schedule. */
    synchronized void dueNow() {
        nextUpkeepAt = Instant.MIN;
        nextPollAt = Instant.MIN;
    }

    boolean enabled() {
        return jdbc.sql("SELECT enabled FROM presence_sync WHERE id = 1")
                .query(Boolean.class)
                .single();
    }

    private boolean lease(Instant now) {
        return jdbc.sql("UPDATE presence_sync SET leader = ?, lease_until = ? WHERE id = 1"
                                + " AND (leader IS NULL OR leader = ? OR lease_until < ?)")
                        .params(
                                instance,
                                now.plus(LEASE).atOffset(ZoneOffset.UTC),
                                instance,
                                now.atOffset(ZoneOffset.UTC))
                        .update()
                == 1;
    }

    private void upkeep(Instant now) {
        nextUpkeepAt = now.plus(UPKEEP_INTERVAL);
        if (graph.notificationBlocker().isPresent()) {
            if (subscriptions.count() > 0) {
                subscriptions.removeAll();
            }
            return;
        }
        Set<String> lost = subscriptions.upkeep(follows.followedUserIds());
        if (!lost.isEmpty()) {
            read(lost, now);
        }
    }

    /** Reads these users at once (their notifications may have been lost). */
    void read(Collection<String> userIds, Instant since) {
        List<String> ids = List.copyOf(userIds);
        for (int from = 0; from < ids.size(); from += TeamsPresenceGraph.CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + TeamsPresenceGraph.CHUNK));
            try {
                applier.countRequest();
                applier.apply(graph.read(chunk), since, PresenceApplier.Source.POLL);
            } catch (EntraUnavailable | TeamsPresenceGraph.Throttled e) {
                nextPollAt = Instant.MIN;
                return;
            }
        }
    }

    private void poll(Instant now) {
        List<String> ids = follows.followedUserIds();
        chunks = (ids.size() + TeamsPresenceGraph.CHUNK - 1) / TeamsPresenceGraph.CHUNK;
        Duration interval = pollInterval(chunks, subscriptionsActive());
        Instant since = lastCycleAt;
        for (int i = cursor; i < chunks; i++) {
            List<String> chunk =
                    ids.subList(i * TeamsPresenceGraph.CHUNK, Math.min(ids.size(), (i + 1) * TeamsPresenceGraph.CHUNK));
            List<GraphPresence> readings;
            try {
                applier.countRequest();
                readings = graph.read(chunk);
            } catch (TeamsPresenceGraph.Throttled e) {
                Duration wait = e.retryAfter() == null ? Duration.ofSeconds(30) : e.retryAfter();
                throttledUntil = now.plus(wait);
                slowdown = Math.min(MAX_SLOWDOWN, slowdown * 2);
                cursor = i;
                nextPollAt = throttledUntil;
                log.info("Graph throttles presence reads; the poll resumes at chunk {} in {}", i + 1, wait);
                return;
            } catch (EntraUnavailable e) {
                pollProblem = e.getMessage();
                cursor = 0;
                nextPollAt = now.plus(interval);
                return;
            }
            applier.apply(readings, since, PresenceApplier.Source.POLL);
        }
        pollProblem = null;
        cursor = 0;
        lastCycleAt = now;
        lastPolledAt = now;
        if (throttledUntil == null || !now.isBefore(throttledUntil.plus(interval.multipliedBy(slowdown)))) {
            slowdown = Math.max(1, slowdown / 2);
        }
        nextPollAt = now.plus(interval.multipliedBy(slowdown));
    }

    /** The time between two reads of every following user. */
    static Duration pollInterval(int chunks, boolean notifications) {
        if (notifications) {
            return SAFETY_NET_INTERVAL;
        }
        long byBudget = (long) Math.ceil(chunks * 1000.0 / POLL_REQUESTS_PER_SECOND);
        return Duration.ofMillis(Math.max(MIN_INTERVAL.toMillis(), byBudget));
    }

    boolean subscriptionsActive() {
        return graph.notificationBlocker().isEmpty() && subscriptions.count() > 0 && subscriptions.problem() == null;
    }

    /** What the poll is doing, for the API. */
    record PollState(
            Duration interval,
            int slowdown,
            Instant lastPolledAt,
            Instant nextPollAt,
            Instant throttledUntil,
            String problem) {}

    synchronized PollState state(boolean notifications) {
        Duration interval = pollInterval(Math.max(chunks, (follows.countFollowing() + 649) / 650), notifications);
        return new PollState(
                interval.multipliedBy(slowdown),
                slowdown,
                lastPolledAt,
                nextPollAt.equals(Instant.MIN) ? null : nextPollAt,
                throttledUntil != null && throttledUntil.isAfter(clock.instant()) ? throttledUntil : null,
                pollProblem);
    }

    /** Forgets the poll's progress (the integration stopped, or the switch went off). */
    synchronized void reset() {
        cursor = 0;
        slowdown = 1;
        lastCycleAt = null;
        lastPolledAt = null;
        throttledUntil = null;
        nextPollAt = Instant.MIN;
        nextUpkeepAt = Instant.MIN;
        pollProblem = null;
    }

    Optional<String> subscriptionProblem() {
        return Optional.ofNullable(subscriptions.problem());
    }
}
