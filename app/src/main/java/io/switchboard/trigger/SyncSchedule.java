package io.switchboard.trigger;

import io.switchboard.shared.ProblemException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * When the scheduled sync runs (M1): daily, or weekly on chosen weekdays, at a local time of the
 * PBX's time zone.
 *
 * <p>Across daylight-saving changes the schedule keeps to the wall clock: a time that does not
 * exist on the day the clocks go forward runs when that day reaches it after the gap (02:30
 * becomes 03:30); a time that occurs twice on the day they go back runs once, at its first
 * occurrence.
 *
 * @param time {@code HH:MM}, 24-hour
 * @param weekdays the days of a weekly schedule; empty for a daily one
 */
public record SyncSchedule(Frequency frequency, String time, List<DayOfWeek> weekdays) {

    private static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");

    /** Daily at 00:30, the default of M1. */
    public static final SyncSchedule DEFAULT = new SyncSchedule(Frequency.DAILY, "00:30", List.of());

    /** How often the scheduled sync runs. */
    public enum Frequency {
        /** Every day. */
        DAILY,
        /** On the chosen weekdays. */
        WEEKLY
    }

    public SyncSchedule {
        if (frequency == null) {
            throw ProblemException.invalid("frequency", "is required: DAILY or WEEKLY");
        }
        if (time == null || !HH_MM.matcher(time).matches()) {
            throw ProblemException.invalid("time", "must be a 24-hour time HH:MM such as 00:30");
        }
        weekdays = weekdays == null ? List.of() : List.copyOf(weekdays.isEmpty() ? Set.of() : EnumSet.copyOf(weekdays));
        if (frequency == Frequency.WEEKLY && weekdays.isEmpty()) {
            throw ProblemException.invalid("weekdays", "needs at least one day for a weekly schedule");
        }
        if (frequency == Frequency.DAILY) {
            weekdays = List.of();
        }
    }

    /** The first run strictly after {@code after}. */
    public Instant nextAfter(Instant after, ZoneId zone) {
        LocalTime at = localTime();
        LocalDate day = after.atZone(zone).toLocalDate();
        for (int i = 0; i <= 8; i++, day = day.plusDays(1)) {
            if (frequency == Frequency.WEEKLY && !weekdays.contains(day.getDayOfWeek())) {
                continue;
            }
            Instant candidate = ZonedDateTime.of(day, at, zone).toInstant();
            if (candidate.isAfter(after)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No run within 8 days for " + this);
    }

    private LocalTime localTime() {
        try {
            return LocalTime.parse(time);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("time", "must be a 24-hour time HH:MM such as 00:30");
        }
    }
}
