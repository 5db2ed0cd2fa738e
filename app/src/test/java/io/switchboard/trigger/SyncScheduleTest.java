package io.switchboard.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.shared.ProblemException;
import io.switchboard.trigger.SyncSchedule.Frequency;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void defaultIsDailyAtHalfPastMidnightLocalTime_M1() {
        Instant next = SyncSchedule.DEFAULT.nextAfter(Instant.parse("2026-06-10T12:00:00Z"), BERLIN);

        assertThat(next).isEqualTo(Instant.parse("2026-06-10T22:30:00Z"));
    }

    @Test
    void dailyRunsTheSameDayWhenTheTimeIsStillAhead_M1() {
        SyncSchedule daily = new SyncSchedule(Frequency.DAILY, "18:05", null);

        assertThat(daily.nextAfter(Instant.parse("2026-06-10T12:00:00Z"), ZoneId.of("Asia/Shanghai")))
                .isEqualTo(Instant.parse("2026-06-11T10:05:00Z"));
        assertThat(daily.nextAfter(Instant.parse("2026-06-10T09:00:00Z"), ZoneId.of("Asia/Shanghai")))
                .isEqualTo(Instant.parse("2026-06-10T10:05:00Z"));
    }

    @Test
    void aRunIsNeverScheduledAtTheInstantJustDone_M1() {
        Instant done = Instant.parse("2026-06-10T22:30:00Z");

        assertThat(SyncSchedule.DEFAULT.nextAfter(done, BERLIN)).isEqualTo(Instant.parse("2026-06-11T22:30:00Z"));
    }

    @Test
    void weeklyRunsOnlyOnTheChosenDays_M1() {
        SyncSchedule weekly = new SyncSchedule(Frequency.WEEKLY, "07:00", List.of(DayOfWeek.FRIDAY, DayOfWeek.MONDAY));
        Instant wednesday = Instant.parse("2026-06-10T12:00:00Z");

        Instant first = weekly.nextAfter(wednesday, BERLIN);
        Instant second = weekly.nextAfter(first, BERLIN);

        assertThat(first).isEqualTo(Instant.parse("2026-06-12T05:00:00Z"));
        assertThat(second).isEqualTo(Instant.parse("2026-06-15T05:00:00Z"));
        assertThat(weekly.weekdays()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    }

    @Test
    void keepsTheWallClockAcrossDaylightSavingChanges_M1() {
        SyncSchedule daily = new SyncSchedule(Frequency.DAILY, "09:00", null);

        Instant beforeSpring = daily.nextAfter(Instant.parse("2026-03-28T12:00:00Z"), BERLIN);
        Instant afterSpring = daily.nextAfter(beforeSpring, BERLIN);

        assertThat(beforeSpring).isEqualTo(Instant.parse("2026-03-29T07:00:00Z"));
        assertThat(afterSpring).isEqualTo(Instant.parse("2026-03-30T07:00:00Z"));
        assertThat(daily.nextAfter(Instant.parse("2026-03-27T12:00:00Z"), BERLIN))
                .isEqualTo(Instant.parse("2026-03-28T08:00:00Z"));
    }

    @Test
    void aTimeInTheSpringForwardGapRunsAfterTheGap_M1() {
        SyncSchedule daily = new SyncSchedule(Frequency.DAILY, "02:30", null);

        Instant next = daily.nextAfter(Instant.parse("2026-03-08T00:00:00Z"), NEW_YORK);

        assertThat(next.atZone(NEW_YORK).toLocalTime()).hasToString("03:30");
        assertThat(next).isEqualTo(Instant.parse("2026-03-08T07:30:00Z"));
    }

    @Test
    void aTimeThatOccursTwiceWhenClocksGoBackRunsOnce_M1() {
        SyncSchedule daily = new SyncSchedule(Frequency.DAILY, "01:30", null);

        Instant first = daily.nextAfter(Instant.parse("2026-11-01T00:00:00Z"), NEW_YORK);
        Instant next = daily.nextAfter(first, NEW_YORK);

        assertThat(first).isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
        assertThat(next).isEqualTo(Instant.parse("2026-11-02T06:30:00Z"));
    }

    @Test
    void refusesBadSchedules_M1() {
        assertThatThrownBy(() -> new SyncSchedule(Frequency.DAILY, "24:00", null))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("time");
        assertThatThrownBy(() -> new SyncSchedule(Frequency.WEEKLY, "10:00", List.of()))
                .hasMessageContaining("weekdays");
        assertThatThrownBy(() -> new SyncSchedule(null, "10:00", null)).hasMessageContaining("frequency");
    }
}
