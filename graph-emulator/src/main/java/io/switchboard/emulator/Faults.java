package io.switchboard.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Fault injection. Each rule applies to the next {@code times} requests whose target (path and raw query, e.g. {@code
 * /v1.0/users?$top=10}; for {@code $batch} items {@code /v1.0} + the item url) contains a match of the rule's regex.
 * Rules are tried in the order they were added; the first live match wins. Thread-safe.
 */
public final class Faults {

    /** What a matching request gets. */
    enum Kind {
        STATUS,
        DROP,
        DELAY,
        DELTA_RESET,
        DELTA_REPLAY
    }

    record Rule(
            Pattern pattern, Kind kind, int status, String code, String retryAfter, Duration delay, int[] remaining) {}

    private final List<Rule> rules = new ArrayList<>();

    /** The next {@code times} matching requests get 429 {@code TooManyRequests}; {@code retryAfter} may be null. */
    public Faults throttle(String regex, int times, String retryAfter) {
        return status(regex, times, 429, "TooManyRequests", retryAfter);
    }

    /** The next {@code times} matching requests get 503 {@code serviceNotAvailable}; {@code retryAfter} may be null. */
    public Faults serviceUnavailable(String regex, int times, String retryAfter) {
        return status(regex, times, 503, "serviceNotAvailable", retryAfter);
    }

    /** The next {@code times} matching requests get {@code status} with a Graph error envelope carrying {@code code}. */
    public Faults status(String regex, int times, int status, String code, String retryAfter) {
        return add(new Rule(Pattern.compile(regex), Kind.STATUS, status, code, retryAfter, null, new int[] {times}));
    }

    /** The next {@code times} matching requests have their connection closed without any response. */
    public Faults dropConnection(String regex, int times) {
        return add(new Rule(Pattern.compile(regex), Kind.DROP, 0, null, null, null, new int[] {times}));
    }

    /** The next {@code times} matching requests are answered normally after {@code delay} (real time). */
    public Faults delay(String regex, int times, Duration delay) {
        return add(new Rule(Pattern.compile(regex), Kind.DELAY, 0, null, null, delay, new int[] {times}));
    }

    /**
     * The next {@code times} matching delta requests get a synchronization reset: 410 Gone with {@code resyncRequired}
     * and a {@code Location} header holding a fresh initial delta URL.
     */
    public Faults resetDelta(String regex, int times) {
        return add(new Rule(
                Pattern.compile(regex), Kind.DELTA_RESET, 410, "resyncRequired", null, null, new int[] {times}));
    }

    /**
     * The next {@code times} matching delta pages are answered normally but repeat their first item at the end, and a
     * deltaLink they carry restarts at the beginning of the round, so the next round replays the same changes (both
     * documented Graph behaviours).
     */
    public Faults replayDelta(String regex, int times) {
        return add(new Rule(Pattern.compile(regex), Kind.DELTA_REPLAY, 0, null, null, null, new int[] {times}));
    }

    /** Removes every rule. */
    public synchronized void clear() {
        rules.clear();
    }

    private synchronized Faults add(Rule rule) {
        if (rule.remaining()[0] < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        rules.add(rule);
        return this;
    }

    /** Consumes one use of the first live rule matching {@code target}, or returns null. */
    synchronized Rule take(String target) {
        Iterator<Rule> it = rules.iterator();
        while (it.hasNext()) {
            Rule rule = it.next();
            if (rule.pattern().matcher(target).find()) {
                if (--rule.remaining()[0] <= 0) {
                    it.remove();
                }
                return rule;
            }
        }
        return null;
    }
}
