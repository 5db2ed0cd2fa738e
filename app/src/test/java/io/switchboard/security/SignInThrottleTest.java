package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SignInThrottle throttle = new SignInThrottle(clock);

    @Test
    void firstFailuresAreFreeThenTheWaitDoubles() {
        for (int i = 0; i < SignInThrottle.FREE_FAILURES; i++) {
            throttle.failed("admin", "10.0.0.1");
            assertThat(throttle.waitBeforeAttempt("admin", "10.0.0.1")).isZero();
        }
        throttle.failed("admin", "10.0.0.1");
        assertThat(throttle.waitBeforeAttempt("admin", "10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        throttle.failed("admin", "10.0.0.1");
        assertThat(throttle.waitBeforeAttempt("admin", "10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(2));
        throttle.failed("admin", "10.0.0.1");
        assertThat(throttle.waitBeforeAttempt("admin", "10.0.0.1")).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void waitIsCappedAndOtherAddressesAreNotAffected() {
        for (int i = 0; i < 40; i++) {
            throttle.failed("admin", "10.0.0.1");
        }
        assertThat(throttle.waitBeforeAttempt("admin", "10.0.0.1")).isEqualTo(SignInThrottle.MAX_WAIT);
        assertThat(throttle.waitBeforeAttempt("ADMIN", "10.0.0.1")).isEqualTo(SignInThrottle.MAX_WAIT);
        assertThat(throttle.waitBeforeAttempt("admin", "10.0.0.2")).isZero();
    }

    @Test
    void successAndAQuietHourForgetFailures() {
        for (int i = 0; i < 6; i++) {
            throttle.failed("admin", "a");
            throttle.failed("admin", "b");
        }
        throttle.succeeded("admin", "a");
        assertThat(throttle.waitBeforeAttempt("admin", "a")).isZero();

        clock.advance(Duration.ofHours(2));
        throttle.failed("admin", "b");
        assertThat(throttle.waitBeforeAttempt("admin", "b")).isZero();
    }

    @Test
    void switchingUsernamesFromOneAddressIsThrottledByTheAddressCount_13_2() {
        for (int i = 0; i < SignInThrottle.FREE_FAILURES_PER_ADDRESS; i++) {
            throttle.failed("guess" + i, "10.0.0.1");
            assertThat(throttle.waitBeforeAttempt("fresh", "10.0.0.1")).isZero();
        }
        assertThat(throttle.failed("guess-last", "10.0.0.1")).isEqualTo(Duration.ofSeconds(1));

        assertThat(throttle.waitBeforeAttempt("never-tried", "10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.waitBeforeAttempt("admin", "10.0.0.2")).isZero();
    }

    @Test
    void onlyAsManyPasswordChecksRunAtOnceAsConfigured_13_2() {
        SignInThrottle two = new SignInThrottle(clock, 2);
        assertThat(two.tryStartCheck()).isTrue();
        assertThat(two.tryStartCheck()).isTrue();
        assertThat(two.tryStartCheck())
                .as("the third waits briefly, then is refused")
                .isFalse();
        two.release();
        assertThat(two.tryStartCheck()).isTrue();
    }
}
