package io.switchboard.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeletionGuardTest {

    private final DeletionGuard guard = DeletionGuard.DEFAULT;

    @Test
    void holdsMoreThanTenPercentWhenAtLeastTen_X2() {
        assertThat(guard.holds(10, 99)).isTrue();
        assertThat(guard.holds(10, 100)).isFalse();
        assertThat(guard.holds(11, 100)).isTrue();
        assertThat(guard.holds(1_000, 1_000)).isTrue();
    }

    @Test
    void fewDeletionsAreNeverHeld_X2() {
        assertThat(guard.holds(9, 9)).isFalse();
        assertThat(guard.holds(0, 0)).isFalse();
    }

    @Test
    void isConfigurableAndCanBeSwitchedOff_X2() {
        assertThat(new DeletionGuard(true, 50, 2).holds(2, 3)).isTrue();
        assertThat(new DeletionGuard(true, 50, 2).holds(2, 4)).isFalse();
        assertThat(new DeletionGuard(false, null, null).holds(1_000, 1_000)).isFalse();
        assertThat(new DeletionGuard(null, null, null)).isEqualTo(DeletionGuard.DEFAULT);
        assertThatThrownBy(() -> new DeletionGuard(true, 101, 10)).hasMessageContaining("percent");
        assertThatThrownBy(() -> new DeletionGuard(true, 10, 0)).hasMessageContaining("minimum");
    }
}
