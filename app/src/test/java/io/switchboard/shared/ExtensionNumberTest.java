package io.switchboard.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExtensionNumberTest {

    @Test
    void aNumberIsOneToFifteenAsciiDigitsKeptAsWritten_U2() {
        assertThat(ExtensionNumber.of("0100").value()).isEqualTo("0100");
        assertThat(ExtensionNumber.of("0100")).isNotEqualTo(ExtensionNumber.of("100"));
        for (String bad : List.of("", " 1", "1a", "+1", "1234567890123456", "１２", "٣")) {
            assertThat(ExtensionNumber.valid(bad)).as(bad).isFalse();
            assertThat(ExtensionNumber.parse(bad)).as(bad).isEmpty();
            assertThatThrownBy(() -> ExtensionNumber.of(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(ExtensionNumber.valid(null)).isFalse();
    }

    @Test
    void countingUpKeepsTheWidthAndGrowsOnlyPastIt_U2() {
        assertThat(ExtensionNumber.of("0100").next()).contains(ExtensionNumber.of("0101"));
        assertThat(ExtensionNumber.of("0109").next()).contains(ExtensionNumber.of("0110"));
        assertThat(ExtensionNumber.of("0999").next()).contains(ExtensionNumber.of("1000"));
        assertThat(ExtensionNumber.of("9").next()).contains(ExtensionNumber.of("10"));
        assertThat(ExtensionNumber.of("999999999999999").next()).isEqualTo(Optional.empty());
    }
}
