package io.switchboard.directory;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * Inserts many rows of one table at once, in the caller's transaction: on PostgreSQL with {@code
 * COPY … FROM STDIN} (no statement to parse and bind per few rows, issue 15 point 4), elsewhere
 * (H2) as JDBC batches of the {@code INSERT}. Both write the same values and fail the same way:
 * a constraint that refuses one row refuses the whole call (and, on PostgreSQL, the transaction),
 * as a Spring {@link DataAccessException}. Fewer than {@link #COPY_FROM} rows go as a batch everywhere.
 */
@Component
public class BulkInsert {

    /** The fewest rows sent with {@code COPY}; a handful is no faster than a batch. */
    static final int COPY_FROM = 16;

    /**
     * The most rows one JDBC batch carries. A {@code COPY} carries any number: its text is made row
     * by row while the driver sends it ({@link CopyText}), so a list of 100,000 mirror documents
     * never becomes one text of hundreds of megabytes (issue 15 point 5, {@code -Xmx512m}), and the
     * server stores the rows already sent while the next ones are made.
     */
    static final int BATCH_CHUNK = 1000;

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx");

    private final JdbcTemplate jdbc;

    BulkInsert(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts {@code rows} (values in the order of {@code columns}: null, {@link String}, {@link
     * UUID}, {@link Boolean}, {@link Number} or {@link OffsetDateTime}) into {@code table}.
     */
    public void insert(String table, List<String> columns, List<Object[]> rows) {
        if (rows.size() >= COPY_FROM) {
            DataSource dataSource = jdbc.getDataSource();
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                if (connection.isWrapperFor(PGConnection.class)) {
                    copy(connection.unwrap(PGConnection.class), table, columns, rows);
                    return;
                }
            } catch (SQLException e) {
                throw translate(table, e);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        }
        String insert = insertStatement(table, columns);
        for (int from = 0; from < rows.size(); from += BATCH_CHUNK) {
            List<Object[]> part = new ArrayList<>(rows.subList(from, Math.min(rows.size(), from + BATCH_CHUNK)));
            part.forEach(row -> requireWidth(table, columns, row));
            jdbc.batchUpdate(insert, part);
        }
    }

    /**
     * The rows of {@code items}, each made by {@code row} only when {@link #insert} reaches it: on
     * PostgreSQL while the server stores the rows sent before it. {@link #insert} asks for each row
     * once.
     */
    public static <T> List<Object[]> rows(List<T> items, Function<T, Object[]> row) {
        return rows(items.size(), i -> row.apply(items.get(i)));
    }

    /** As {@link #rows(List, Function)}, the row of each index from 0 to {@code size - 1}. */
    public static List<Object[]> rows(int size, IntFunction<Object[]> row) {
        return new AbstractList<>() {
            @Override
            public Object[] get(int index) {
                return row.apply(index);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    private static void requireWidth(String table, List<String> columns, Object[] row) {
        if (row.length != columns.size()) {
            throw new IllegalArgumentException(
                    "A row of " + table + " has " + row.length + " values for " + columns.size() + " columns");
        }
    }

    static String insertStatement(String table, List<String> columns) {
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
    }

    private void copy(PGConnection connection, String table, List<String> columns, List<Object[]> rows)
            throws SQLException {
        try {
            connection
                    .getCopyAPI()
                    .copyIn(
                            "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN",
                            new CopyText(table, columns, rows),
                            COPY_BUFFER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The characters the driver asks of a {@link CopyText} at a time, and sends as one message. */
    private static final int COPY_BUFFER = 64 * 1024;

    /**
     * The {@code COPY} text of a list of rows, made one row at a time as the driver reads it: memory
     * holds one row's text and the driver's buffer, however many rows there are.
     */
    static final class CopyText extends Reader {

        private final String table;
        private final List<String> columns;
        private final List<Object[]> rows;
        private final StringBuilder row = new StringBuilder(256);
        private int next;
        private int at;

        CopyText(String table, List<String> columns, List<Object[]> rows) {
            this.table = table;
            this.columns = columns;
            this.rows = rows;
        }

        @Override
        public int read(char[] into, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            int written = 0;
            while (written < length) {
                if (at == row.length()) {
                    if (next == rows.size()) {
                        break;
                    }
                    row.setLength(0);
                    at = 0;
                    Object[] values = rows.get(next++);
                    requireWidth(table, columns, values);
                    for (int i = 0; i < values.length; i++) {
                        if (i > 0) {
                            row.append('\t');
                        }
                        appendValue(row, values[i]);
                    }
                    row.append('\n');
                }
                int n = Math.min(length - written, row.length() - at);
                row.getChars(at, at + n, into, offset + written);
                at += n;
                written += n;
            }
            if (written > 1 && Character.isHighSurrogate(into[offset + written - 1])) {
                // The driver encodes each read on its own: a pair cut in two would become two '?'.
                at--;
                written--;
            }
            return written == 0 ? -1 : written;
        }

        @Override
        public void close() {
            // Nothing held.
        }
    }

    /** One value in {@code COPY}'s text format: {@code \N} for null, special characters escaped. */
    static void appendValue(StringBuilder text, Object value) {
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof String s) {
            appendEscaped(text, s);
        } else if (value instanceof Boolean b) {
            text.append(b ? 't' : 'f');
        } else if (value instanceof UUID || value instanceof Integer || value instanceof Long) {
            text.append(value);
        } else if (value instanceof OffsetDateTime t) {
            appendTimestamp(text, t);
        } else if (value instanceof Enum<?> e) {
            appendEscaped(text, e.name());
        } else {
            throw new IllegalArgumentException(
                    "No COPY text for a value of type " + value.getClass().getName());
        }
    }

    /**
     * A timestamp as the JDBC driver sends it: rounded to the microsecond (half a microsecond and
     * more up), in UTC.
     */
    static String timestamp(OffsetDateTime t) {
        StringBuilder text = new StringBuilder(32);
        appendTimestamp(text, t);
        return text.toString();
    }

    /** {@link #timestamp}, written digit by digit: a formatter's cost showed in the profile of 100,000 rows. */
    private static void appendTimestamp(StringBuilder text, OffsetDateTime t) {
        OffsetDateTime rounded = t.getNano() % 1000 > 499 ? t.plus(1, ChronoUnit.MICROS) : t;
        java.time.LocalDateTime utc = rounded.getOffset().equals(ZoneOffset.UTC)
                ? rounded.toLocalDateTime()
                : rounded.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        if (utc.getYear() < 1 || utc.getYear() > 9999) {
            text.append(rounded.truncatedTo(ChronoUnit.MICROS)
                    .withOffsetSameInstant(ZoneOffset.UTC)
                    .format(TIMESTAMP));
            return;
        }
        int[] fields = {
            utc.getYear(),
            utc.getMonthValue(),
            utc.getDayOfMonth(),
            utc.getHour(),
            utc.getMinute(),
            utc.getSecond(),
            utc.getNano() / 1000
        };
        for (int f = 0; f < fields.length; f++) {
            if (f > 0) {
                text.append(TIMESTAMP_SEPARATORS.charAt(f - 1));
            }
            digits(text, fields[f], TIMESTAMP_WIDTHS[f]);
        }
        text.append("+00:00");
    }

    /** What follows each field of {@link #timestamp} but the last, and how many digits each has. */
    private static final String TIMESTAMP_SEPARATORS = "-- ::.";

    private static final int[] TIMESTAMP_WIDTHS = {4, 2, 2, 2, 2, 2, 6};

    private static void digits(StringBuilder text, int value, int width) {
        for (int divisor = (int) Math.pow(10, width - 1); divisor > 0; divisor /= 10) {
            text.append((char) ('0' + value / divisor % 10));
        }
    }

    private static void appendEscaped(StringBuilder text, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> text.append(c);
            }
        }
    }

    private DataAccessException translate(String table, SQLException e) {
        DataAccessException translated = jdbc.getExceptionTranslator().translate("COPY " + table, null, e);
        return translated != null
                ? translated
                : new org.springframework.jdbc.UncategorizedSQLException("COPY " + table, null, e);
    }
}
