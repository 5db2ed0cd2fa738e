package io.switchboard.emulator;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * The identity-and-access throttling bucket of §3.5: each request costs resource units (GET users 2, members 3,
 * transitiveMembers 5, anything else 1; {@code $select} −1, {@code $expand} +1, {@code $top} below 20 −1; at least 1),
 * and an app+tenant may spend a fixed budget per 10-second window. Windows follow the emulator clock.
 */
final class ResourceUnitThrottle {

    private static final long WINDOW_SECONDS = 10;

    private final Clock clock;
    private final int budget;
    private long window = Long.MIN_VALUE;
    private int spent;

    ResourceUnitThrottle(Clock clock, int budget) {
        this.clock = clock;
        this.budget = budget;
    }

    static int cost(String method, String path, Map<String, String> query) {
        int cost = 1;
        if (method.equals("GET")) {
            if (path.endsWith("/transitiveMembers") || path.contains("/transitiveMembers/")) {
                cost = 5;
            } else if (path.endsWith("/members") || path.contains("/members/")) {
                cost = 3;
            } else if (path.startsWith("/v1.0/users")) {
                cost = 2;
            }
        }
        if (query.containsKey("$select")) {
            cost--;
        }
        if (query.containsKey("$expand")) {
            cost++;
        }
        try {
            if (query.containsKey("$top") && Integer.parseInt(query.get("$top")) < 20) {
                cost--;
            }
        } catch (NumberFormatException e) {
            // an invalid $top is rejected by the endpoint itself
        }
        return Math.max(1, cost);
    }

    /** Spends {@code cost}; returns 0 when allowed, else the whole seconds until the window resets. */
    synchronized long spend(int cost) {
        Instant now = clock.instant();
        long current = Math.floorDiv(now.getEpochSecond(), WINDOW_SECONDS);
        if (current != window) {
            window = current;
            spent = 0;
        }
        if (spent + cost > budget) {
            return Math.max(1, (current + 1) * WINDOW_SECONDS - now.getEpochSecond());
        }
        spent += cost;
        return 0;
    }
}
