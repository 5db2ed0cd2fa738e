package io.switchboard.contacts;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What contact sync remembers between runs: each folder's delta link and when each mailbox's folders were listed. */
@Repository
class ContactState {

    /** A folder known from the last listing, with the link of its last complete delta round. */
    record FolderLink(Part part, String mailboxId, String folderId, String deltaLink) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    ContactState(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** The known folders by mailbox (key {@code part/mailboxId}). */
    Map<String, List<FolderLink>> folders() {
        Map<String, List<FolderLink>> all = new HashMap<>();
        jdbc.sql("SELECT part, mailbox_id, folder_id, delta_link FROM contact_folder_state")
                .query((rs, n) -> new FolderLink(
                        Part.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list()
                .forEach(f -> all.computeIfAbsent(f.part() + "/" + f.mailboxId(), k -> new ArrayList<>())
                        .add(f));
        return all;
    }

    /** When each mailbox's folder tree was listed last (key {@code part/mailboxId}). */
    Map<String, Instant> listedAt() {
        Map<String, Instant> all = new HashMap<>();
        jdbc.sql("SELECT part, mailbox_id, folders_read_at FROM contact_mailbox_state")
                .query((rs, n) -> all.put(
                        rs.getString(1) + "/" + rs.getString(2),
                        rs.getObject(3, java.time.OffsetDateTime.class).toInstant()))
                .list();
        return all;
    }

    /** When each in-range user found without a mailbox was last checked (key {@code part/mailboxId}). */
    Map<String, Instant> noMailbox() {
        Map<String, Instant> all = new HashMap<>();
        jdbc.sql("SELECT part, mailbox_id, checked_at FROM contact_no_mailbox")
                .query((rs, n) -> all.put(
                        rs.getString(1) + "/" + rs.getString(2),
                        rs.getObject(3, java.time.OffsetDateTime.class).toInstant()))
                .list();
        return all;
    }

    /**
     * Replaces the state of the mailboxes read: their folders and links as given; a mailbox whose
     * tree was listed gets {@code now} as its listing time; the users without a mailbox with when
     * that was checked. Mailboxes not given are forgotten.
     */
    void replace(List<FolderLink> folders, Map<String, Instant> listedAt, Map<String, Instant> noMailbox) {
        jdbc.sql("DELETE FROM contact_folder_state").update();
        jdbc.sql("DELETE FROM contact_mailbox_state").update();
        jdbc.sql("DELETE FROM contact_no_mailbox").update();
        batch.batchUpdate(
                "INSERT INTO contact_no_mailbox (part, mailbox_id, checked_at) VALUES (?, ?, ?)",
                noMailbox.entrySet().stream()
                        .map(e -> {
                            String[] k = e.getKey().split("/", 2);
                            return new Object[] {k[0], k[1], e.getValue().atOffset(ZoneOffset.UTC)};
                        })
                        .toList());
        batch.batchUpdate(
                "INSERT INTO contact_folder_state (part, mailbox_id, folder_id, delta_link) VALUES (?, ?, ?, ?)",
                folders.stream()
                        .map(f -> new Object[] {f.part().name(), f.mailboxId(), f.folderId(), f.deltaLink()})
                        .toList());
        batch.batchUpdate(
                "INSERT INTO contact_mailbox_state (part, mailbox_id, folders_read_at) VALUES (?, ?, ?)",
                listedAt.entrySet().stream()
                        .map(e -> {
                            String[] k = e.getKey().split("/", 2);
                            return new Object[] {k[0], k[1], e.getValue().atOffset(ZoneOffset.UTC)};
                        })
                        .toList());
    }

    /** Forgets everything of a part (switched off, disconnected), or of both when {@code part} is null. */
    void forget(Part part) {
        if (part == null) {
            jdbc.sql("DELETE FROM contact_folder_state").update();
            jdbc.sql("DELETE FROM contact_mailbox_state").update();
            jdbc.sql("DELETE FROM contact_no_mailbox").update();
            return;
        }
        jdbc.sql("DELETE FROM contact_folder_state WHERE part = ?")
                .param(part.name())
                .update();
        jdbc.sql("DELETE FROM contact_mailbox_state WHERE part = ?")
                .param(part.name())
                .update();
        jdbc.sql("DELETE FROM contact_no_mailbox WHERE part = ?")
                .param(part.name())
                .update();
    }
}
