package io.switchboard.directory;

import io.switchboard.directory.Contacts.Owner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The caller-ID index (X5): the stored phone numbers of contacts by their country-independent
 * {@link PhoneNumbers#suffix}. Written in the same transaction as the contact it describes;
 * deletions follow through the foreign keys (ADR 0019). An extension's number and mobile number
 * are read from the extension table itself ({@link Extensions}, V110 and V125).
 */
@Repository
class PhoneIndex {

    /**
     * What a match describes; the API's match {@code type}, in the order a lookup lists its
     * matches. Rows of this table are contacts only; {@code EXTENSION} rows were written before V125.
     */
    enum EntryType {
        EXTENSION,
        PERSONAL_CONTACT,
        PHONEBOOK_CONTACT
    }

    /** One indexed number. */
    record Entry(
            UUID entryId,
            String field,
            EntryType type,
            String phone,
            String displayName,
            UUID extensionId,
            UUID contactId,
            UUID phonebookId) {}

    /** The columns {@link #row} gives values for, in its order. */
    static final List<String> COLUMNS = List.of(
            "entry_id",
            "field",
            "entry_type",
            "suffix",
            "match_key",
            "phone",
            "display_name",
            "extension_id",
            "contact_id",
            "phonebook_id");

    static final String INSERT = BulkInsert.insertStatement("phone_index", COLUMNS);

    private final JdbcTemplate jdbc;
    private final BulkInsert bulk;

    PhoneIndex(JdbcTemplate jdbc, BulkInsert bulk) {
        this.jdbc = jdbc;
        this.bulk = bulk;
    }

    void contactInserted(Owner owner, Contact c) {
        insert(entries(owner, c));
    }

    /** The caller-ID entries of contacts written in one batch (a sync run), new or changed. */
    void contactsWritten(List<Map.Entry<Owner, Contact>> written) {
        if (written.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(
                "DELETE FROM phone_index WHERE entry_id = ?",
                written.stream().map(w -> new Object[] {w.getValue().id()}).toList());
        insert(written.stream()
                .flatMap(w -> entries(w.getKey(), w.getValue()).stream())
                .toList());
    }

    void contactUpdated(Contact c) {
        jdbc.update("DELETE FROM phone_index WHERE entry_id = ?", c.id());
        List<Owner> owner = jdbc.query(
                "SELECT phonebook_id, owner_extension_id FROM contact WHERE id = ?",
                (rs, n) -> rs.getObject(1) != null
                        ? Owner.phonebook(rs.getObject(1, UUID.class))
                        : Owner.extension(rs.getObject(2, UUID.class)),
                c.id());
        if (!owner.isEmpty()) {
            insert(entries(owner.get(0), c));
        }
    }

    static List<Entry> entries(Owner owner, Contact c) {
        ContactInput d = c.details();
        String name = d.displayName();
        String displayName = name.isEmpty() && d.company() != null ? d.company() : name;
        boolean phonebook = owner.column().equals("phonebook_id");
        Map<String, String> phones = new LinkedHashMap<>();
        phones.put("mobilePhone", d.mobilePhone());
        phones.put("businessPhone", d.businessPhone());
        phones.put("homePhone", d.homePhone());
        phones.put("otherPhone", d.otherPhone());
        List<Entry> entries = new ArrayList<>();
        phones.forEach((field, phone) -> {
            if (hasDigits(phone)) {
                entries.add(new Entry(
                        c.id(),
                        field,
                        phonebook ? EntryType.PHONEBOOK_CONTACT : EntryType.PERSONAL_CONTACT,
                        phone,
                        displayName,
                        phonebook ? null : owner.id(),
                        c.id(),
                        phonebook ? owner.id() : null));
            }
        });
        return entries;
    }

    private void insert(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        bulk.insert(
                "phone_index", COLUMNS, entries.stream().map(PhoneIndex::row).toList());
    }

    /** The values of {@link #INSERT} for one entry. */
    static Object[] row(Entry e) {
        return new Object[] {
            e.entryId(),
            e.field(),
            e.type().name(),
            PhoneNumbers.suffix(e.phone()),
            e.field().equals("number") ? null : PhoneNumbers.fixedMatchKey(e.phone()),
            e.phone(),
            e.displayName(),
            e.extensionId(),
            e.contactId(),
            e.phonebookId()
        };
    }

    static boolean hasDigits(String phone) {
        return phone != null && !PhoneNumbers.digits(phone).isEmpty();
    }
}
