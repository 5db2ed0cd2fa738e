package io.switchboard.directory;

import io.switchboard.shared.Email;
import io.switchboard.shared.PageRequest;
import io.switchboard.shared.PageResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The extensions table. */
@Repository
class Extensions {

    private static final String COLUMNS = "id, number, first_name, last_name, email, mobile_number, job_title,"
            + " presence, origin, source_id, number_from_source, created_at, updated_at";

    /**
     * The columns {@link #insertRow} gives values for, in its order: with the mobile number's
     * caller-ID keys (X5, V125), which a lookup reads from this table.
     */
    private static final List<String> INSERT_COLUMNS =
            List.of((COLUMNS + ", email_key, mobile_suffix, mobile_match_key").split(", "));

    private static final String INSERT = BulkInsert.insertStatement("extension", INSERT_COLUMNS);
    private static final String UPDATE = "UPDATE extension SET number = ?, first_name = ?, last_name = ?, email = ?,"
            + " mobile_number = ?, job_title = ?, presence = ?, origin = ?, source_id = ?, number_from_source = ?,"
            + " updated_at = ?, email_key = ?, mobile_suffix = ?, mobile_match_key = ? WHERE id = ?";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final BulkInsert bulk;

    Extensions(JdbcClient jdbc, JdbcTemplate batch, BulkInsert bulk) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.bulk = bulk;
    }

    Optional<Extension> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM extension WHERE id = ?")
                .param(id)
                .query(Extensions::map)
                .optional();
    }

    Optional<Extension> findBySource(String sourceId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM extension WHERE source_id = ?")
                .param(sourceId)
                .query(Extensions::map)
                .optional();
    }

    /** Which of {@code sourceIds} belong to synced extensions; one query per thousand ids. */
    Set<String> syncedSources(Collection<String> sourceIds) {
        Set<String> found = new HashSet<>();
        List<String> ids = List.copyOf(sourceIds);
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            found.addAll(jdbc.sql("SELECT source_id FROM extension WHERE origin = :origin AND source_id IN (:ids)")
                    .param("origin", Origin.MICROSOFT_365.name())
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + IN_CHUNK)))
                    .query(String.class)
                    .list());
        }
        return found;
    }

    private static final int IN_CHUNK = 1000;

    /** The extensions linked to these source ids; one query per thousand ids. */
    List<Extension> bySources(Collection<String> sourceIds) {
        return inChunks(sourceIds, "source_id");
    }

    /** The extensions holding these numbers, by number; one query per thousand numbers. */
    Map<String, Extension> takenNumbers(Collection<String> numbers) {
        Map<String, Extension> found = new HashMap<>();
        inChunks(numbers, "number").forEach(e -> found.put(e.number(), e));
        return found;
    }

    /** The extensions holding these email addresses, by email key; one query per thousand addresses. */
    Map<String, Extension> takenEmailKeys(Collection<String> emails) {
        Map<String, Extension> found = new HashMap<>();
        inChunks(emails.stream().map(Email::key).toList(), "email_key")
                .forEach(e -> found.put(Email.key(e.email()), e));
        return found;
    }

    /**
     * Numbers each batch read's statement text apart: PostgreSQL caches a generic plan for a
     * statement run five times, and one planned while the table was still small scans the whole
     * table for every later batch of a large sync (20,000 users: 17 s instead of 7 s). A text of
     * its own is planned for its values and is never prepared on the server.
     */
    private static final AtomicLong SEQ = new AtomicLong();

    private List<Extension> inChunks(Collection<String> values, String column) {
        List<String> all = List.copyOf(new LinkedHashSet<>(values));
        List<Extension> found = new ArrayList<>();
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            found.addAll(jdbc.sql("SELECT " + COLUMNS + " FROM extension WHERE " + column + " IN (:values) /* "
                            + SEQ.incrementAndGet() + " */")
                    .param("values", all.subList(from, Math.min(all.size(), from + IN_CHUNK)))
                    .query(Extensions::map)
                    .list());
        }
        return found;
    }

    /** The extensions holding these email keys ({@link Email#key}); one query per thousand keys. */
    List<Extension> byEmailKeys(Collection<String> keys) {
        return inChunks(keys, "email_key");
    }

    /** Every number in use, and nothing else of the extensions. */
    Set<String> numbers() {
        return new HashSet<>(
                jdbc.sql("SELECT number FROM extension").query(String.class).list());
    }

    long countSynced() {
        return jdbc.sql("SELECT COUNT(*) FROM extension WHERE origin = 'MICROSOFT_365'")
                .query(Long.class)
                .single();
    }

    Optional<Extension> findByNumber(String number) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM extension WHERE number = ?")
                .param(number)
                .query(Extensions::map)
                .optional();
    }

    Optional<Extension> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM extension WHERE email_key = ?")
                .param(Email.key(email))
                .query(Extensions::map)
                .optional();
    }

    List<Extension> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM extension ORDER BY LENGTH(number), number")
                .query(Extensions::map)
                .list();
    }

    List<UUID> existing(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<UUID> all = List.copyOf(ids);
        List<UUID> found = new ArrayList<>();
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            found.addAll(jdbc.sql("SELECT id FROM extension WHERE id IN (:ids)")
                    .param("ids", all.subList(from, Math.min(all.size(), from + IN_CHUNK)))
                    .query((rs, n) -> rs.getObject(1, UUID.class))
                    .list());
        }
        return found;
    }

    PageResult<Extension> page(String query, PageRequest page) {
        String where = query == null
                ? ""
                : " WHERE number LIKE :p OR LOWER(first_name) LIKE :p OR LOWER(last_name) LIKE :p"
                        + " OR email_key LIKE :p"
                        + " OR LOWER(CONCAT(CONCAT(COALESCE(first_name, ''), ' '), COALESCE(last_name, ''))) LIKE :p";
        return SqlPage.query(
                jdbc,
                COLUMNS,
                "extension" + where,
                query == null ? Map.of() : Map.of("p", SqlPage.contains(query)),
                "LENGTH(number), number",
                Extensions::map,
                page);
    }

    /** Columns the portal's table sorts by, by the name its links use. */
    static final Map<String, String> SORTS = Map.of(
            "number", "number_key %1$s",
            "name", "LOWER(COALESCE(last_name, '')) %1$s, LOWER(COALESCE(first_name, '')) %1$s, number",
            "email", "email_key %1$s, number",
            "origin", "origin %1$s, LENGTH(number), number");

    /** One page of the table, sorted by a key of {@link #SORTS}; LIMIT and OFFSET in SQL. */
    PageResult<Extension> page(String query, String sort, boolean descending, PageRequest page) {
        String where = query == null
                ? ""
                : " WHERE number LIKE :p OR LOWER(first_name) LIKE :p OR LOWER(last_name) LIKE :p"
                        + " OR email_key LIKE :p"
                        + " OR LOWER(CONCAT(CONCAT(COALESCE(first_name, ''), ' '), COALESCE(last_name, ''))) LIKE :p";
        return SqlPage.query(
                jdbc,
                COLUMNS,
                "extension" + where,
                query == null ? Map.of() : Map.of("p", SqlPage.contains(query)),
                String.format(SORTS.getOrDefault(sort, SORTS.get("number")), descending ? "DESC" : "ASC"),
                Extensions::map,
                page);
    }

    /** The extensions of these ids, in number order; one query per thousand ids. */
    List<Extension> byIds(Collection<UUID> ids) {
        List<UUID> all = List.copyOf(new LinkedHashSet<>(ids));
        List<Extension> found = new ArrayList<>();
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            found.addAll(jdbc.sql("SELECT " + COLUMNS + " FROM extension WHERE id IN (:ids)")
                    .param("ids", all.subList(from, Math.min(all.size(), from + IN_CHUNK)))
                    .query(Extensions::map)
                    .list());
        }
        found.sort(java.util.Comparator.comparingInt((Extension e) -> e.number().length())
                .thenComparing(Extension::number));
        return found;
    }

    /** Ids of the synced extensions of these source ids, by source id. */
    Map<String, UUID> idsBySource(Collection<String> sourceIds) {
        Map<String, UUID> found = new HashMap<>();
        List<String> all = List.copyOf(new LinkedHashSet<>(sourceIds));
        for (int from = 0; from < all.size(); from += 1000) {
            jdbc.sql("SELECT source_id, id FROM extension WHERE origin = 'MICROSOFT_365' AND source_id IN (:ids)")
                    .param("ids", all.subList(from, Math.min(all.size(), from + 1000)))
                    .query((rs, n) -> found.put(rs.getString(1), rs.getObject(2, UUID.class)))
                    .list();
        }
        return found;
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM extension").query(Long.class).single();
    }

    void insert(Extension e) {
        jdbc.sql(INSERT).params(insertRow(e)).update();
    }

    /**
     * Inserts these extensions at once ({@link BulkInsert}: {@code COPY} on PostgreSQL, a JDBC batch
     * on H2), with their caller-ID keys (a sync batch, issue 15).
     */
    void insertAll(List<Extension> all) {
        if (all.isEmpty()) {
            return;
        }
        bulk.insert("extension", INSERT_COLUMNS, BulkInsert.rows(all, Extensions::insertRow));
    }

    void update(Extension e) {
        jdbc.sql(UPDATE).params(updateRow(e)).update();
    }

    /** Updates these extensions in one JDBC batch, with their caller-ID keys (a sync batch, issue 15). */
    void updateAll(List<Extension> all) {
        if (all.isEmpty()) {
            return;
        }
        batch.batchUpdate(UPDATE, all.stream().map(Extensions::updateRow).toList());
    }

    private static Object[] insertRow(Extension e) {
        String suffix = mobileSuffix(e.mobileNumber());
        return row(
                e.id(),
                e,
                utc(e.createdAt()),
                utc(e.updatedAt()),
                Email.key(e.email()),
                suffix,
                mobileMatchKey(suffix, e.mobileNumber()));
    }

    private static Object[] updateRow(Extension e) {
        String suffix = mobileSuffix(e.mobileNumber());
        return row(
                null,
                e,
                utc(e.updatedAt()),
                Email.key(e.email()),
                suffix,
                mobileMatchKey(suffix, e.mobileNumber()),
                e.id());
    }

    /**
     * The {@link PhoneNumbers#suffix} a caller-ID lookup finds the mobile number by (X5, ADR 0019);
     * null without a mobile number or when it has no digit.
     */
    static String mobileSuffix(String mobile) {
        String suffix = PhoneNumbers.suffix(mobile);
        return suffix.isEmpty() ? null : suffix;
    }

    /** The mobile number's {@link PhoneNumbers#fixedMatchKey}, when it has a {@link #mobileSuffix}. */
    static String mobileMatchKey(String suffix, String mobile) {
        return suffix == null ? null : PhoneNumbers.fixedMatchKey(mobile);
    }

    /** The columns both statements write, in their order, between the given first value (when not null) and the last ones. */
    private static Object[] row(Object first, Extension e, Object... last) {
        List<Object> row = new ArrayList<>();
        if (first != null) {
            row.add(first);
        }
        row.addAll(java.util.Arrays.asList(
                e.number(),
                e.firstName(),
                e.lastName(),
                e.email(),
                e.mobileNumber(),
                e.jobTitle(),
                e.presence().name(),
                e.origin().name(),
                e.sourceId(),
                e.numberFromSource()));
        row.addAll(java.util.Arrays.asList(last));
        return row.toArray();
    }

    boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM extension WHERE id = ?").param(id).update() > 0;
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static Extension map(ResultSet rs, int row) throws SQLException {
        return new Extension(
                rs.getObject("id", UUID.class),
                rs.getString("number"),
                rs.getString("first_name"),
                rs.getString("last_name"),
                rs.getString("email"),
                rs.getString("mobile_number"),
                rs.getString("job_title"),
                Presence.valueOf(rs.getString("presence")),
                Origin.valueOf(rs.getString("origin")),
                rs.getString("source_id"),
                rs.getBoolean("number_from_source"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }
}
