package io.switchboard.directory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * Inserts many rows of one table at once, in the caller's transaction: on PostgreSQL with {@code
 * COPY … FROM STDIN} (no statement to parse and bind per few rows, issue 15 point 4), elsewhere
 * (H2) as one JDBC batch of the {@code INSERT}. Both write the same values and fail the same way:
 * a constraint that refuses one row refuses the whole call (and, on PostgreSQL, the transaction),
 * as a Spring {@link DataAccessException}. Fewer than {@link #COPY_FROM} rows go as a batch everywhere.
 */
@Component
public class BulkInsert {

    /** The fewest rows sent with {@code COPY}; a handful is no faster than a batch. */
    static final int COPY_FROM = 16;

    /**
     * The most rows one {@code COPY} (or JDBC batch) carries: a {@code COPY}'s text is built in
     * memory, so a list of 100,000 mirror documents goes as a hundred statements in the same
     * transaction, not one text of hundreds of megabytes (issue 15 point 5, {@code -Xmx512m}).
     */
    static final int COPY_CHUNK = 1000;

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
        for (int from = 0; from < rows.size(); from += COPY_CHUNK) {
            insertPart(table, columns, rows.subList(from, Math.min(rows.size(), from + COPY_CHUNK)));
        }
    }

    private void insertPart(String table, List<String> columns, List<Object[]> rows) {
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
        jdbc.batchUpdate(insertStatement(table, columns), rows);
    }

    static String insertStatement(String table, List<String> columns) {
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
    }

    private void copy(PGConnection connection, String table, List<String> columns, List<Object[]> rows)
            throws SQLException {
        StringBuilder text = new StringBuilder(rows.size() * 160);
        for (Object[] row : rows) {
            if (row.length != columns.size()) {
                throw new IllegalArgumentException(
                        "A row of " + table + " has " + row.length + " values for " + columns.size() + " columns");
            }
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                appendValue(text, row[i]);
            }
            text.append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        try {
            connection
                    .getCopyAPI()
                    .copyIn(
                            "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN",
                            new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
            text.append(timestamp(t));
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
        OffsetDateTime rounded = t.getNano() % 1000 > 499 ? t.plus(1, ChronoUnit.MICROS) : t;
        return rounded.truncatedTo(ChronoUnit.MICROS)
                .withOffsetSameInstant(ZoneOffset.UTC)
                .format(TIMESTAMP);
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
