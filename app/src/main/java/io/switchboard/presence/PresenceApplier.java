package io.switchboard.presence;

import io.switchboard.directory.ExtensionPresences;
import io.switchboard.directory.Presence;
import io.switchboard.entra.GraphPresence;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns Teams readings into extension presence (T2): an extension changes only when the Teams
 * availability differs from the one last seen for it, so a poll that sees no change re-applies
 * nothing and a presence set on the PBX stays until Teams changes next; {@code PresenceUnknown}
 * and values Graph may add later change nothing. Reads and writes only the extensions of the
 * users read, in batches. Keeps the delays of the last minutes.
 */
@Component
class PresenceApplier {

    /** Where a reading came from. */
    enum Source {
        NOTIFICATION,
        POLL,
        ENABLE
    }

    /** How far back {@link #delays} looks. */
    static final Duration WINDOW = Duration.ofMinutes(5);

    private record Sample(Instant at, long millis, Source source) {}

    private final PresenceFollows follows;
    private final ExtensionPresences extensions;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private final Deque<Instant> requests = new ArrayDeque<>();

    PresenceApplier(
            PresenceFollows follows, ExtensionPresences extensions, TransactionTemplate transactions, Clock clock) {
        this.follows = follows;
        this.extensions = extensions;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Applies readings of Teams presence.
     *
     * @param since the earliest time the changes read could have happened (a notification's arrival, the previous
     *     read of a poll), for the delay shown
     * @return how many extensions changed presence
     */
    int apply(Collection<GraphPresence> readings, Instant since, Source source) {
        Map<String, TeamsAvailability> read = new HashMap<>();
        for (GraphPresence reading : readings) {
            TeamsAvailability.fromGraph(reading.availability())
                    .ifPresent(a -> read.put(reading.id().toLowerCase(Locale.ROOT), a));
        }
        if (read.isEmpty()) {
            return 0;
        }
        Integer changed = transactions.execute(status -> {
            Map<UUID, TeamsAvailability> seen = new HashMap<>();
            Map<UUID, Presence> writes = new HashMap<>();
            for (PresenceFollows.Follow follow : follows.following(read.keySet())) {
                TeamsAvailability now = read.get(follow.userId());
                if (now == null || now.name().equals(follow.lastAvailability())) {
                    continue;
                }
                seen.put(follow.extensionId(), now);
                writes.put(follow.extensionId(), follow.mapping().get(now));
            }
            follows.recordSeen(seen, clock.instant());
            extensions.writeChanged(writes);
            return seen.size();
        });
        if (changed != null && changed > 0 && since != null) {
            long millis = Math.max(0, Duration.between(since, clock.instant()).toMillis());
            synchronized (samples) {
                for (int i = 0; i < changed; i++) {
                    samples.addLast(new Sample(clock.instant(), millis, source));
                }
                trim();
            }
        }
        return changed == null ? 0 : changed;
    }

    /** Counts one Graph request made for presence. */
    void countRequest() {
        synchronized (requests) {
            Instant now = clock.instant();
            requests.addLast(now);
            while (!requests.isEmpty() && requests.peekFirst().isBefore(now.minus(Duration.ofMinutes(1)))) {
                requests.removeFirst();
            }
        }
    }

    /** Graph presence requests in the last minute. */
    int requestsLastMinute() {
        synchronized (requests) {
            Instant from = clock.instant().minus(Duration.ofMinutes(1));
            return (int) requests.stream().filter(at -> !at.isBefore(from)).count();
        }
    }

    /** The delay from a change's earliest possible time to its write, p50 and p95 over the last minutes; null without changes. */
    record Delays(Duration p50, Duration p95, int changes) {}

    Delays delays() {
        List<Long> values = new ArrayList<>();
        synchronized (samples) {
            trim();
            samples.forEach(s -> values.add(s.millis()));
        }
        if (values.isEmpty()) {
            return new Delays(null, null, 0);
        }
        values.sort(null);
        return new Delays(
                Duration.ofMillis(values.get((int) Math.ceil(values.size() * 0.50) - 1)),
                Duration.ofMillis(values.get((int) Math.ceil(values.size() * 0.95) - 1)),
                values.size());
    }

    private void trim() {
        Instant from = clock.instant().minus(WINDOW);
        while (!samples.isEmpty() && samples.peekFirst().at().isBefore(from)) {
            samples.removeFirst();
        }
    }

    void forgetDelays() {
        synchronized (samples) {
            samples.clear();
        }
    }
}
