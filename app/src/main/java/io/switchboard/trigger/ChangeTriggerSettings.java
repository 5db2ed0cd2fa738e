package io.switchboard.trigger;

import io.switchboard.shared.ProblemException;
import java.time.Duration;

/**
 * How changes in Entra ID trigger a sync (M2).
 *
 * @param delay how long after the first relevant change the sync runs; {@code PT0S} is "instant",
 *     for small tenants: every relevant change runs a sync at once
 * @param eventThreshold how many gathered change events run the sync at once, before the delay ends
 * @param mode how changes are learnt
 * @param pollInterval how often Graph delta is polled in {@link Mode#POLLING} mode
 */
public record ChangeTriggerSettings(
        boolean enabled, Duration delay, Integer eventThreshold, Mode mode, Duration pollInterval) {

    private static final Duration MAX_DELAY = Duration.ofHours(24);
    private static final Duration MIN_POLL = Duration.ofMinutes(1);

    public static final ChangeTriggerSettings DEFAULT =
            new ChangeTriggerSettings(true, Duration.ofMinutes(10), 10, Mode.WEBHOOK, Duration.ofMinutes(5));

    /** How changes are learnt. */
    public enum Mode {
        /** Graph change notifications to this PBX's public https URL. */
        WEBHOOK,
        /** Asking Graph delta at a fixed interval; for PBXs without a public https URL. */
        POLLING
    }

    public ChangeTriggerSettings {
        delay = delay == null ? Duration.ofMinutes(10) : delay;
        eventThreshold = eventThreshold == null ? 10 : eventThreshold;
        mode = mode == null ? Mode.WEBHOOK : mode;
        pollInterval = pollInterval == null ? Duration.ofMinutes(5) : pollInterval;
        if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
            throw ProblemException.invalid("delay", "must be between PT0S (instant) and PT24H");
        }
        if (eventThreshold < 1 || eventThreshold > 10_000) {
            throw ProblemException.invalid("eventThreshold", "must be between 1 and 10000");
        }
        if (pollInterval.compareTo(MIN_POLL) < 0 || pollInterval.compareTo(MAX_DELAY) > 0) {
            throw ProblemException.invalid("pollInterval", "must be between PT1M and PT24H");
        }
    }
}
