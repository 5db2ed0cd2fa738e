package io.switchboard.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChangeWindowTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T09:00:00Z"));
    private final Duration delay = Duration.ofMinutes(10);

    @Test
    void firstChangeStartsATenMinuteTimer_M2() {
        ChangeWindow window = ChangeWindow.EMPTY.add(1, clock.instant());
        clock.advance(Duration.ofMinutes(4));
        window = window.add(2, clock.instant());

        clock.advance(Duration.ofMinutes(5).plusSeconds(59));
        assertThat(window.due(clock.instant(), delay, 10)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(window.due(clock.instant(), delay, 10)).isTrue();
        assertThat(window.dueAt(delay, 10)).isEqualTo(Instant.parse("2026-05-01T09:10:00Z"));
    }

    @Test
    void tenGatheredEventsRunAtOnce_M2() {
        ChangeWindow window = ChangeWindow.EMPTY.add(4, clock.instant());
        clock.advance(Duration.ofMinutes(1));
        window = window.add(5, clock.instant());
        assertThat(window.due(clock.instant(), delay, 10)).isFalse();

        window = window.add(1, clock.instant());

        assertThat(window.events()).isEqualTo(10);
        assertThat(window.due(clock.instant(), delay, 10)).isTrue();
    }

    @Test
    void instantSettingRunsAtTheFirstChange_M2() {
        ChangeWindow window = ChangeWindow.EMPTY.add(1, clock.instant());

        assertThat(window.due(clock.instant(), Duration.ZERO, 10)).isTrue();
    }

    @Test
    void nothingIsDueWithoutAChange_M2() {
        assertThat(ChangeWindow.EMPTY.due(clock.instant(), delay, 10)).isFalse();
        assertThat(ChangeWindow.EMPTY.add(0, clock.instant()).open()).isFalse();
    }

    @Test
    void settingsDefaultAndRefuseNonsense_M2() {
        ChangeTriggerSettings defaults = new ChangeTriggerSettings(true, null, null, null, null);
        assertThat(defaults).isEqualTo(ChangeTriggerSettings.DEFAULT);

        assertThatThrownBy(() -> new ChangeTriggerSettings(true, Duration.ofMinutes(-1), 10, null, null))
                .hasMessageContaining("delay");
        assertThatThrownBy(() -> new ChangeTriggerSettings(true, null, 0, null, null))
                .hasMessageContaining("eventThreshold");
        assertThatThrownBy(() -> new ChangeTriggerSettings(true, null, null, null, Duration.ofSeconds(5)))
                .hasMessageContaining("pollInterval");
    }
}
