package io.switchboard.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The text {@code COPY} reads (issue 15 point 4, X9): every value as PostgreSQL's text format wants it. */
class BulkInsertTest {

    @Test
    void specialCharactersAreEscapedAndNullIsWrittenAsBackslashN_X9() {
        assertThat(text("a\tb\nc\rd\\e")).isEqualTo("a\\tb\\nc\\rd\\\\e");
        assertThat(text("\\N")).isEqualTo("\\\\N");
        assertThat(text("\\.")).isEqualTo("\\\\.");
        assertThat(text("")).isEmpty();
        assertThat(text(null)).isEqualTo("\\N");
        assertThat(text("Zoë 张伟 😀 \"q\" 'q'")).isEqualTo("Zoë 张伟 😀 \"q\" 'q'");
    }

    @Test
    void otherValuesAreWrittenAsPostgreSqlReadsThem_X9() {
        UUID id = UUID.fromString("0b9019a4-b4d7-4e4e-b4eb-649e862c119d");
        assertThat(text(id)).isEqualTo("0b9019a4-b4d7-4e4e-b4eb-649e862c119d");
        assertThat(text(true)).isEqualTo("t");
        assertThat(text(false)).isEqualTo("f");
        assertThat(text(42)).isEqualTo("42");
        assertThat(text(7L)).isEqualTo("7");
        assertThatThrownBy(() -> text(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timestampsAreRoundedToTheMicrosecondAsTheJdbcDriverRoundsThem_X9() {
        OffsetDateTime at = OffsetDateTime.of(2026, 12, 6, 20, 3, 27, 123_456_000, ZoneOffset.UTC);
        assertThat(BulkInsert.timestamp(at)).isEqualTo("2026-12-06 20:03:27.123456+00:00");
        assertThat(BulkInsert.timestamp(at.plusNanos(499))).isEqualTo("2026-12-06 20:03:27.123456+00:00");
        assertThat(BulkInsert.timestamp(at.plusNanos(500))).isEqualTo("2026-12-06 20:03:27.123457+00:00");
        assertThat(BulkInsert.timestamp(at.withNano(999_999_500))).isEqualTo("2026-12-06 20:03:28.000000+00:00");
        assertThat(BulkInsert.timestamp(at.withOffsetSameInstant(ZoneOffset.ofHours(8))))
                .isEqualTo("2026-12-06 20:03:27.123456+00:00");
    }

    private static String text(Object value) {
        StringBuilder text = new StringBuilder();
        BulkInsert.appendValue(text, value);
        return text.toString();
    }
}
