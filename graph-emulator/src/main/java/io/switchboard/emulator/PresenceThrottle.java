package io.switchboard.emulator;

import java.time.Clock;
import java.time.Instant;

/**
 * The presence endpoints' rate limit of §7.1: a number of requests per app and tenant per 30-second window (Graph
 * states 1,500). Requests made while throttled still count, as Graph documents. Windows follow the emulator clock.
 */
final class PresenceThrottle {

    static final long WINDOW_SECONDS = 30;

    private final Clock clock;
    private int budget;
    private long window = Long.MIN_VALUE;
    private int spent;

    PresenceThrottle(Clock clock, int budget) {
        this.clock = clock;
        this.budget = budget;
    }

    synchronized void budget(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("the budget cannot be negative");
        }
        budget = value;
    }

    synchronized int budget() {
        return budget;
    }

    /** Counts one request; 0 when allowed, else the whole seconds until the window resets (at least 1). */
    synchronized long spend() {
        if (budget == 0) {
            return 0;
        }
        Instant now = clock.instant();
        long current = Math.floorDiv(now.getEpochSecond(), WINDOW_SECONDS);
        if (current != window) {
            window = current;
            spent = 0;
        }
        spent++;
        if (spent > budget) {
            return Math.max(1, (current + 1) * WINDOW_SECONDS - now.getEpochSecond());
        }
        return 0;
    }
}
