package io.switchboard.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The contacts synced from Outlook (O1, O2), written in batches by the contacts sync: personal ones
 * owned by an extension, shared-mailbox ones by the synced phonebook. Each remembers the mailbox
 * (Entra user id and address) and folder it comes from; its PBX id stays while its Outlook id does.
 * No validation beyond what the sync already did (O3): a synced contact holds what Outlook holds.
 */
@Service
public class SyncedContacts {

    /** The synced phonebook's source id: there is one phonebook for all shared mailboxes (O2). */
    public static final String SHARED_PHONEBOOK_SOURCE = "outlook-shared-mailboxes";

    /**
     * A synced contact as stored.
     *
     * @param extensionId the owner extension of a personal contact, else null
     * @param phonebookId the phonebook of a shared-mailbox contact, else null
     */
    public record Stored(
            UUID id,
            UUID extensionId,
            UUID phonebookId,
            String sourceId,
            String sourceOwner,
            String sourceMailbox,
            String sourceFolder,
            ContactInput details) {}

    /** A contact to write: {@code id} null creates one. */
    public record Write(
            UUID id,
            UUID extensionId,
            UUID phonebookId,
            String sourceId,
            String sourceOwner,
            String sourceMailbox,
            String sourceFolder,
            ContactInput details) {}

    private static final String COLUMNS = "id, phonebook_id, owner_extension_id, first_name, last_name, company, email,"
            + " mobile_phone, home_phone, business_phone, other_phone, job_title, source_id, source_owner,"
            + " source_mailbox, source_folder";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final SyncedDirectory directory;
    private final Phonebooks phonebooks;
    private final Clock clock;
    private final PhoneIndex phoneIndex;

    SyncedContacts(
            JdbcClient jdbc,
            JdbcTemplate batch,
            SyncedDirectory directory,
            Phonebooks phonebooks,
            PhoneIndex phoneIndex,
            Clock clock) {
        this.phoneIndex = phoneIndex;
        this.jdbc = jdbc;
        this.batch = batch;
        this.directory = directory;
        this.phonebooks = phonebooks;
        this.clock = clock;
    }

    /** Every contact synced from Outlook. */
    @Transactional(readOnly = true)
    public List<Stored> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contact WHERE origin = 'MICROSOFT_365'")
                .query(SyncedContacts::map)
                .list();
    }

    /** The synced phonebook, if it exists. */
    @Transactional(readOnly = true)
    public Optional<Phonebook> sharedPhonebook() {
        return phonebooks.findBySource(SHARED_PHONEBOOK_SOURCE);
    }

    /** Creates the synced phonebook (hidden, O4) or renames it in place. */
    @Transactional
    public Phonebook upsertSharedPhonebook(String name) {
        return directory.upsertPhonebook(SHARED_PHONEBOOK_SOURCE, name);
    }

    /** Writes the contacts: an insert for those without an id, an update for the others. */
    @Transactional
    public List<UUID> write(List<Write> writes) {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        List<UUID> ids = new ArrayList<>(writes.size());
        List<Map.Entry<Contacts.Owner, Contact>> indexed = new ArrayList<>(writes.size());
        for (Write w : writes) {
            ContactInput d = w.details();
            UUID id = w.id() == null ? UUID.randomUUID() : w.id();
            ids.add(id);
            indexed.add(Map.entry(
                    w.phonebookId() != null
                            ? Contacts.Owner.phonebook(w.phonebookId())
                            : Contacts.Owner.extension(w.extensionId()),
                    new Contact(id, d, Origin.MICROSOFT_365, w.sourceId(), w.sourceMailbox())));
            if (w.id() == null) {
                inserts.add(Contacts.row(
                        Arrays.asList(id, w.phonebookId(), w.extensionId()),
                        d,
                        w.sourceId(),
                        w.sourceOwner(),
                        w.sourceMailbox(),
                        w.sourceFolder(),
                        now,
                        now));
            } else {
                updates.add(Contacts.row(
                        Arrays.asList(w.phonebookId(), w.extensionId()),
                        d,
                        w.sourceId(),
                        w.sourceOwner(),
                        w.sourceMailbox(),
                        w.sourceFolder(),
                        now,
                        id));
            }
        }
        if (!inserts.isEmpty()) {
            batch.batchUpdate(
                    "INSERT INTO contact (" + COLUMNS + ", origin, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?,"
                            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'MICROSOFT_365', ?, ?)",
                    inserts);
        }
        if (!updates.isEmpty()) {
            batch.batchUpdate(
                    "UPDATE contact SET phonebook_id = ?, owner_extension_id = ?, first_name = ?, last_name = ?,"
                            + " company = ?, email = ?, mobile_phone = ?, home_phone = ?, business_phone = ?,"
                            + " other_phone = ?, job_title = ?, source_id = ?, source_owner = ?, source_mailbox = ?,"
                            + " source_folder = ?, updated_at = ? WHERE id = ? AND origin = 'MICROSOFT_365'",
                    updates);
        }
        phoneIndex.contactsWritten(indexed);
        return ids;
    }

    /** Deletes synced contacts by id. */
    @Transactional
    public void delete(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        batch.batchUpdate(
                "DELETE FROM contact WHERE id = ? AND origin = 'MICROSOFT_365'",
                ids.stream().map(id -> new Object[] {id}).toList());
    }

    /** Deletes every synced personal contact (personal = true) or the synced phonebook with its contacts. */
    @Transactional
    public int deleteAll(boolean personal) {
        if (personal) {
            return jdbc.sql("DELETE FROM contact WHERE origin = 'MICROSOFT_365' AND owner_extension_id IS NOT NULL")
                    .update();
        }
        Optional<Phonebook> book = sharedPhonebook();
        book.ifPresent(b -> phonebooks.delete(b.id()));
        return book.isPresent() ? 1 : 0;
    }

    /**
     * Hands the synced personal contacts (personal = true) or the synced phonebook and its contacts
     * over to the PBX as {@code LOCAL}: editable, and no sync touches them again.
     */
    @Transactional
    public void releaseAll(boolean personal) {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        if (personal) {
            jdbc.sql("UPDATE contact SET origin = 'LOCAL', source_id = NULL, source_owner = NULL, source_folder = NULL,"
                            + " updated_at = ? WHERE origin = 'MICROSOFT_365' AND owner_extension_id IS NOT NULL")
                    .param(now)
                    .update();
            return;
        }
        sharedPhonebook().ifPresent(b -> {
            jdbc.sql("UPDATE contact SET origin = 'LOCAL', source_id = NULL, source_owner = NULL, source_folder = NULL,"
                            + " updated_at = ? WHERE phonebook_id = ?")
                    .params(now, b.id())
                    .update();
            jdbc.sql("UPDATE phonebook SET origin = 'LOCAL', source_id = NULL, updated_at = ? WHERE id = ?")
                    .params(now, b.id())
                    .update();
        });
    }

    private static Stored map(ResultSet rs, int row) throws SQLException {
        return new Stored(
                rs.getObject("id", UUID.class),
                rs.getObject("owner_extension_id", UUID.class),
                rs.getObject("phonebook_id", UUID.class),
                rs.getString("source_id"),
                rs.getString("source_owner"),
                rs.getString("source_mailbox"),
                rs.getString("source_folder"),
                new ContactInput(
                        rs.getString("first_name"),
                        rs.getString("last_name"),
                        rs.getString("company"),
                        rs.getString("email"),
                        rs.getString("mobile_phone"),
                        rs.getString("home_phone"),
                        rs.getString("business_phone"),
                        rs.getString("other_phone"),
                        rs.getString("job_title")));
    }
}
