package io.switchboard.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Outlook's per-app, per-mailbox limits of §3.5: at most {@code concurrency} requests in flight per mailbox (default
 * 4) and {@code requestsPerWindow} requests per 10-minute window (default 10,000, windows follow the emulator clock;
 * throttled requests count too). Over either limit a request gets 429 {@code ApplicationThrottled} with {@code
 * Retry-After}. Tests can force the next answers of one mailbox to be throttled, and give each mailbox request a
 * service time so concurrent callers overlap. Thread-safe.
 */
public final class MailboxThrottle {

    static final long WINDOW_SECONDS = 600;

    /** Why a request was refused: the message Graph sends and the Retry-After value. */
    record Refusal(String message, String retryAfter) {}

    private record Forced(int[] remaining, String retryAfter) {}

    private final Clock clock;
    private final Map<String, Integer> inFlight = new HashMap<>();
    private final Map<String, long[]> windows = new HashMap<>();
    private final Map<String, Forced> forced = new HashMap<>();
    private int concurrency = 4;
    private int requestsPerWindow = 10_000;
    private String concurrencyRetryAfter = "1";
    private Duration serviceTime = Duration.ZERO;

    MailboxThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Sets the limits (Microsoft: 4 concurrent requests, 10,000 requests per 10 minutes per mailbox). */
    public synchronized MailboxThrottle limits(int concurrentRequests, int requestsPer10Minutes) {
        if (concurrentRequests < 1 || requestsPer10Minutes < 1) {
            throw new IllegalArgumentException("limits must be at least 1");
        }
        concurrency = concurrentRequests;
        requestsPerWindow = requestsPer10Minutes;
        return this;
    }

    /** The {@code Retry-After} sent when the concurrency limit is exceeded (default "1"; may be decimal). */
    public synchronized MailboxThrottle concurrencyRetryAfter(String seconds) {
        concurrencyRetryAfter = seconds;
        return this;
    }

    /** How long (real time) each mailbox request is held while in flight (default zero), to make callers overlap. */
    public synchronized MailboxThrottle serviceTime(Duration value) {
        serviceTime = value;
        return this;
    }

    /**
     * The next {@code times} requests to the mailbox of {@code userId} (null = any mailbox) get 429 {@code
     * ApplicationThrottled} with this {@code Retry-After} (null = none).
     */
    public synchronized MailboxThrottle force(String userId, int times, String retryAfter) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        forced.put(userId == null ? "*" : userId, new Forced(new int[] {times}, retryAfter));
        return this;
    }

    /** Removes forced answers, counters and the service time, and restores Microsoft's limits and Retry-After. */
    public synchronized void reset() {
        forced.clear();
        windows.clear();
        serviceTime = Duration.ZERO;
        concurrency = 4;
        requestsPerWindow = 10_000;
        concurrencyRetryAfter = "1";
    }

    /** The number of requests the mailbox made in the current 10-minute window. */
    public synchronized long requestsInWindow(String userId) {
        long[] w = windows.get(userId);
        return w == null || w[0] != window(clock.instant()) ? 0 : w[1];
    }

    /** Admits a request to a mailbox, or says why not; an admitted request must be {@link #leave left}. */
    synchronized Refusal enter(String userId) {
        Instant now = clock.instant();
        long current = window(now);
        long[] w = windows.computeIfAbsent(userId, k -> new long[] {current, 0});
        if (w[0] != current) {
            w[0] = current;
            w[1] = 0;
        }
        w[1]++;
        for (String key : new String[] {userId, "*"}) {
            Forced f = forced.get(key);
            if (f != null) {
                if (--f.remaining()[0] <= 0) {
                    forced.remove(key);
                }
                return new Refusal("Application is over its MailboxConcurrency limit.", f.retryAfter());
            }
        }
        if (w[1] > requestsPerWindow) {
            long retry = Math.max(1, (current + 1) * WINDOW_SECONDS - now.getEpochSecond());
            return new Refusal("Application is over its MailboxRequests limit.", String.valueOf(retry));
        }
        int running = inFlight.getOrDefault(userId, 0);
        if (running >= concurrency) {
            return new Refusal("Application is over its MailboxConcurrency limit.", concurrencyRetryAfter);
        }
        inFlight.put(userId, running + 1);
        return null;
    }

    void hold() {
        Duration d;
        synchronized (this) {
            d = serviceTime;
        }
        if (!d.isZero()) {
            try {
                Thread.sleep(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    synchronized void leave(String userId) {
        inFlight.merge(userId, -1, Integer::sum);
        if (inFlight.get(userId) <= 0) {
            inFlight.remove(userId);
        }
    }

    private static long window(Instant now) {
        return Math.floorDiv(now.getEpochSecond(), WINDOW_SECONDS);
    }
}
