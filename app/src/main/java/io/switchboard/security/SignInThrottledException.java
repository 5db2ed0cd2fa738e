package io.switchboard.security;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** A sign-in refused without checking the password, because too many attempts failed just before. */
class SignInThrottledException extends AuthenticationException {

    private final Duration retryAfter;

    SignInThrottledException(Duration retryAfter) {
        super("Too many failed sign-ins; wait " + seconds(retryAfter) + " seconds before trying again.");
        this.retryAfter = retryAfter;
    }

    long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
