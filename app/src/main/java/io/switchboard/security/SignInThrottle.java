package io.switchboard.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Slows down guessing: per account and client address, the first {@value #FREE_FAILURES} failed
 * sign-ins cost nothing; each further one makes the next attempt wait twice as long as the last
 * (1 s, 2 s, 4 s … at most 15 minutes). A success clears the count; a quiet hour forgets it.
 * Keying by address too means an attacker elsewhere cannot lock the administrator out.
 */
@Component
class SignInThrottle {

    static final int FREE_FAILURES = 5;
    static final Duration MAX_WAIT = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofHours(1);
    private static final int MAX_TRACKED = 10_000;

    private record Failures(int count, Instant lastAt, Instant blockedUntil) {}

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the caller must still wait before it may try again; zero when it may try now. */
    Duration waitBeforeAttempt(String username, String address) {
        Failures f = failures.get(key(username, address));
        Instant now = clock.instant();
        if (f == null || f.blockedUntil() == null || !now.isBefore(f.blockedUntil())) {
            return Duration.ZERO;
        }
        return Duration.between(now, f.blockedUntil());
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        if (failures.size() > MAX_TRACKED) {
            failures.values().removeIf(f -> f.lastAt().plus(FORGET_AFTER).isBefore(now));
        }
        failures.compute(key(username, address), (k, f) -> {
            int count = f == null || f.lastAt().plus(FORGET_AFTER).isBefore(now) ? 1 : f.count() + 1;
            Instant blockedUntil = null;
            if (count > FREE_FAILURES) {
                long seconds = 1L << Math.min(count - FREE_FAILURES - 1, 20);
                Duration wait = Duration.ofSeconds(seconds);
                blockedUntil = now.plus(wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait);
            }
            return new Failures(count, now, blockedUntil);
        });
    }

    void succeeded(String username, String address) {
        failures.remove(key(username, address));
    }

    private static String key(String username, String address) {
        return (username == null ? "" : username.toLowerCase(Locale.ROOT)) + "|" + address;
    }
}
