package io.switchboard.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The one throttle of every sign-in with a username and password (the token endpoint, the portal
 * form, the metrics endpoint's Basic authentication, the password change, and later the softphone
 * and phone-provisioning Basic authentication).
 *
 * <p>Guessing is slowed twice over. Per account and client address, the first {@value
 * #FREE_FAILURES} failed sign-ins cost nothing; each further one makes the next attempt wait twice
 * as long as the last (1 s, 2 s, 4 s … at most 15 minutes). Per client address, whatever the
 * usernames, the same happens after {@value #FREE_FAILURES_PER_ADDRESS} failures, so switching
 * usernames (known or unknown, counted alike) does not escape it. A success clears both counts of
 * its address; a quiet hour forgets them. An attacker elsewhere cannot lock the administrator out.
 *
 * <p>Checking a password costs tens of milliseconds of CPU (Argon2id), so at most a few checks run
 * at once ({@code switchboard.sign-in.concurrent-checks}, by default half the processors, at least
 * one); an attempt that finds no free slot within {@link #SLOT_WAIT} is refused at once instead of
 * queueing, so a flood of sign-ins cannot stall the service.
 */
@Component
public class SignInThrottle {

    static final int FREE_FAILURES = 5;
    static final int FREE_FAILURES_PER_ADDRESS = 20;
    static final Duration MAX_WAIT = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofHours(1);
    static final Duration SLOT_WAIT = Duration.ofMillis(200);
    private static final int MAX_TRACKED = 10_000;

    private record Failures(int count, Instant lastAt, Instant blockedUntil) {}

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Semaphore checks;

    SignInThrottle(Clock clock) {
        this(clock, 0);
    }

    @Autowired
    SignInThrottle(Clock clock, @Value("${switchboard.sign-in.concurrent-checks:0}") int concurrentChecks) {
        this.clock = clock;
        this.checks = new Semaphore(
                concurrentChecks > 0
                        ? concurrentChecks
                        : Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
                true);
    }

    /** How long the caller must still wait before it may try again; zero when it may try now. */
    Duration waitBeforeAttempt(String username, String address) {
        Instant now = clock.instant();
        Duration forAccount = wait(failures.get(accountKey(username, address)), now);
        Duration forAddress = wait(failures.get(addressKey(address)), now);
        return forAccount.compareTo(forAddress) >= 0 ? forAccount : forAddress;
    }

    /** Records a failure; returns the wait it imposes on the next attempt (zero while failures are still free). */
    Duration failed(String username, String address) {
        Instant now = clock.instant();
        if (failures.size() > MAX_TRACKED) {
            failures.values().removeIf(f -> f.lastAt().plus(FORGET_AFTER).isBefore(now));
            if (failures.size() > MAX_TRACKED) {
                failures.values().removeIf(f -> f.blockedUntil() == null);
            }
        }
        Failures account = count(accountKey(username, address), FREE_FAILURES, now);
        Failures byAddress = count(addressKey(address), FREE_FAILURES_PER_ADDRESS, now);
        Duration a = wait(account, now);
        Duration b = wait(byAddress, now);
        return a.compareTo(b) >= 0 ? a : b;
    }

    void succeeded(String username, String address) {
        failures.remove(accountKey(username, address));
        failures.remove(addressKey(address));
    }

    /**
     * Takes one of the few slots in which a password may be checked, waiting at most {@link
     * #SLOT_WAIT}; false when all stay busy. A true answer must be followed by {@link #release()}.
     */
    boolean tryStartCheck() {
        try {
            return checks.tryAcquire(SLOT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void release() {
        checks.release();
    }

    /** Forgets every count, as a restart would. */
    public void forgetAll() {
        failures.clear();
    }

    private Failures count(String key, int free, Instant now) {
        return failures.compute(key, (k, f) -> {
            int count = f == null || f.lastAt().plus(FORGET_AFTER).isBefore(now) ? 1 : f.count() + 1;
            Instant blockedUntil = null;
            if (count > free) {
                long seconds = 1L << Math.min(count - free - 1, 20);
                Duration wait = Duration.ofSeconds(seconds);
                blockedUntil = now.plus(wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait);
            }
            return new Failures(count, now, blockedUntil);
        });
    }

    private static Duration wait(Failures f, Instant now) {
        if (f == null || f.blockedUntil() == null || !now.isBefore(f.blockedUntil())) {
            return Duration.ZERO;
        }
        return Duration.between(now, f.blockedUntil());
    }

    private static String accountKey(String username, String address) {
        return "account|" + (username == null ? "" : username.toLowerCase(Locale.ROOT)) + "|" + address;
    }

    private static String addressKey(String address) {
        return "address|" + address;
    }
}
