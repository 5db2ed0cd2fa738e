package io.switchboard.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A settable clock shared by every time-dependent rule of the emulator (token, code, delta-token, secret and
 * subscription expiry). Tests advance it instead of sleeping.
 */
public final class EmulatorClock extends Clock {

    private final Clock source;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    private EmulatorClock(Clock source) {
        this.source = source;
    }

    /** A clock that follows the system clock until it is advanced or set. */
    public static EmulatorClock system() {
        return new EmulatorClock(Clock.systemUTC());
    }

    /** A clock that follows {@code source} plus any offset added by {@link #advance(Duration)}. */
    public static EmulatorClock following(Clock source) {
        return new EmulatorClock(source);
    }

    /** Moves the emulator's time forward (or backward for a negative duration). */
    public void advance(Duration duration) {
        offset.updateAndGet(current -> current.plus(duration));
    }

    /** Moves the emulator's time so that {@link #instant()} now returns {@code instant}. */
    public void set(Instant instant) {
        offset.set(Duration.between(source.instant(), instant));
    }

    @Override
    public Instant instant() {
        return source.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
