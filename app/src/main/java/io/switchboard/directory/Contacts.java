package io.switchboard.directory;

import io.switchboard.shared.PageRequest;
import io.switchboard.shared.PageResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Company contacts (owned by a phonebook) and personal contacts (owned by an extension). */
@Repository
class Contacts {

    /** Who holds a contact: the column naming the owner, and the owner's id. */
    record Owner(String column, UUID id) {
        static Owner phonebook(UUID id) {
            return new Owner("phonebook_id", id);
        }

        static Owner extension(UUID id) {
            return new Owner("owner_extension_id", id);
        }
    }

    private static final String COLUMNS = "id, first_name, last_name, company, email, mobile_phone, home_phone,"
            + " business_phone, other_phone, job_title, origin, source_id";

    private static final String SELECT_COLUMNS = COLUMNS + ", source_mailbox";

    private final JdbcClient jdbc;
    private final PhoneIndex phoneIndex;

    Contacts(JdbcClient jdbc, PhoneIndex phoneIndex) {
        this.jdbc = jdbc;
        this.phoneIndex = phoneIndex;
    }

    Optional<Contact> find(Owner owner, UUID id) {
        return jdbc.sql("SELECT " + SELECT_COLUMNS + " FROM contact WHERE id = ? AND " + owner.column() + " = ?")
                .params(id, owner.id())
                .query(Contacts::map)
                .optional();
    }

    List<Contact> all(Owner owner) {
        return jdbc.sql("SELECT " + SELECT_COLUMNS + " FROM contact WHERE " + owner.column() + " = ?"
                        + " ORDER BY LOWER(last_name), LOWER(first_name), id")
                .param(owner.id())
                .query(Contacts::map)
                .list();
    }

    PageResult<Contact> page(Owner owner, String query, PageRequest page) {
        String where = " WHERE " + owner.column() + " = :owner";
        Map<String, Object> params = new HashMap<>(Map.of("owner", owner.id()));
        if (query != null) {
            where += " AND (LOWER(first_name) LIKE :p OR LOWER(last_name) LIKE :p OR LOWER(company) LIKE :p"
                    + " OR LOWER(email) LIKE :p OR mobile_phone LIKE :p OR business_phone LIKE :p"
                    + " OR home_phone LIKE :p OR other_phone LIKE :p)";
            params.put("p", SqlPage.contains(query));
        }
        return SqlPage.query(
                jdbc,
                SELECT_COLUMNS,
                "contact" + where,
                params,
                "LOWER(last_name), LOWER(first_name), id",
                Contacts::map,
                page);
    }

    void insert(Owner owner, Contact c, Instant now) {
        jdbc.sql("INSERT INTO contact (" + COLUMNS + ", " + owner.column() + ", created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(row(
                        List.of(c.id()),
                        c.details(),
                        c.origin().name(),
                        c.sourceId(),
                        owner.id(),
                        Extensions.utc(now),
                        Extensions.utc(now)))
                .update();
        phoneIndex.contactInserted(owner, c);
    }

    void update(Contact c, Instant now) {
        jdbc.sql("UPDATE contact SET first_name = ?, last_name = ?, company = ?, email = ?, mobile_phone = ?,"
                        + " home_phone = ?, business_phone = ?, other_phone = ?, job_title = ?, origin = ?,"
                        + " source_id = ?, updated_at = ? WHERE id = ?")
                .params(row(List.of(), c.details(), c.origin().name(), c.sourceId(), Extensions.utc(now), c.id()))
                .update();
        phoneIndex.contactUpdated(c);
    }

    /**
     * A statement's values: {@code before}, the contact's own fields from first name to job title in
     * the table's order, then {@code rest}.
     */
    static Object[] row(List<?> before, ContactInput d, Object... rest) {
        List<Object> row = new ArrayList<>(before);
        row.addAll(Arrays.asList(
                d.firstName(),
                d.lastName(),
                d.company(),
                d.email(),
                d.mobilePhone(),
                d.homePhone(),
                d.businessPhone(),
                d.otherPhone(),
                d.jobTitle()));
        row.addAll(Arrays.asList(rest));
        return row.toArray();
    }

    boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM contact WHERE id = ?").param(id).update() > 0;
    }

    private static Contact map(ResultSet rs, int row) throws SQLException {
        return new Contact(
                rs.getObject("id", UUID.class),
                new ContactInput(
                        rs.getString("first_name"),
                        rs.getString("last_name"),
                        rs.getString("company"),
                        rs.getString("email"),
                        rs.getString("mobile_phone"),
                        rs.getString("home_phone"),
                        rs.getString("business_phone"),
                        rs.getString("other_phone"),
                        rs.getString("job_title")),
                Origin.valueOf(rs.getString("origin")),
                rs.getString("source_id"),
                rs.getString("source_mailbox"));
    }
}
