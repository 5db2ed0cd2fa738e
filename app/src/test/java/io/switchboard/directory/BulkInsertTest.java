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

    @Test
    void theCopyTextIsMadeRowByRowAndReadsTheSameWhateverTheReadersBufferSize_X9() throws Exception {
        List<Object[]> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rows.add(new Object[] {i, "name\t" + i, null, i % 2 == 0});
        }
        StringBuilder expected = new StringBuilder();
        for (Object[] row : rows) {
            expected.append(row[0])
                    .append("\tname\\t")
                    .append(row[0])
                    .append("\t\\N\t")
                    .append((Boolean) row[3] ? 't' : 'f')
                    .append('\n');
        }
        for (int size : new int[] {1, 7, 64, 100_000}) {
            StringBuilder read = new StringBuilder();
            try (BulkInsert.CopyText text = new BulkInsert.CopyText("t", List.of("a", "b", "c", "d"), rows)) {
                char[] buffer = new char[size];
                for (int n; (n = text.read(buffer, 0, size)) != -1; ) {
                    assertThat(n).isPositive();
                    read.append(buffer, 0, n);
                }
                assertThat(text.read(buffer, 0, size)).isEqualTo(-1);
            }
            assertThat(read.toString()).as("buffer of %d", size).isEqualTo(expected.toString());
        }
        assertThat(new BulkInsert.CopyText("t", List.of("a"), List.of()).read(new char[8], 0, 8))
                .isEqualTo(-1);
    }

    @Test
    void timestampsReadTheSameAsTheFormatterWroteThemAtAnyOffsetAndYear_X9() {
        java.util.Random random = new java.util.Random(15);
        java.time.format.DateTimeFormatter formatter =
                java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx");
        for (int i = 0; i < 2000; i++) {
            OffsetDateTime at = OffsetDateTime.ofInstant(
                    java.time.Instant.ofEpochSecond(
                            random.nextLong(-62_000_000_000L, 250_000_000_000L), random.nextInt(1_000_000_000)),
                    ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 3600, 18 * 3600) / 60 * 60));
            OffsetDateTime rounded = at.getNano() % 1000 > 499 ? at.plusNanos(1000) : at;
            String expected = rounded.truncatedTo(java.time.temporal.ChronoUnit.MICROS)
                    .withOffsetSameInstant(ZoneOffset.UTC)
                    .format(formatter);
            assertThat(BulkInsert.timestamp(at)).as("%s", at).isEqualTo(expected);
        }
        assertThat(BulkInsert.timestamp(OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)))
                .isEqualTo("0001-01-01 00:00:00.000000+00:00");
        assertThat(BulkInsert.timestamp(OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_600, ZoneOffset.UTC)))
                .isEqualTo("+10000-01-01 00:00:00.000000+00:00");
    }

    @Test
    void noReadEndsInsideASurrogatePairSoEachReadEncodesToTheRightBytes_X9() throws Exception {
        List<Object[]> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(new Object[] {"😀".repeat(i % 4) + "张" + "x".repeat(i % 3) + "😀"});
        }
        StringBuilder expected = new StringBuilder();
        rows.forEach(r -> expected.append(r[0]).append('\n'));
        byte[] expectedBytes = expected.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int size = 2; size <= 9; size++) {
            java.io.ByteArrayOutputStream sent = new java.io.ByteArrayOutputStream();
            try (BulkInsert.CopyText text = new BulkInsert.CopyText("t", List.of("a"), rows)) {
                char[] buffer = new char[size];
                for (int n; (n = text.read(buffer, 0, size)) != -1; ) {
                    assertThat(n).isPositive();
                    // As the driver does: each read encoded on its own.
                    sent.writeBytes(new String(buffer, 0, n).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            assertThat(sent.toByteArray()).as("buffer of %d", size).isEqualTo(expectedBytes);
        }
    }

    private static String text(Object value) {
        StringBuilder text = new StringBuilder();
        BulkInsert.appendValue(text, value);
        return text.toString();
    }
}
