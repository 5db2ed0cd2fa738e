package io.switchboard.emulator;

import java.time.Instant;

/**
 * A contact as one mailbox stores it.
 *
 * @param immutableId the id Graph returns with {@code Prefer: IdType="ImmutableId"}; it survives moves between folders
 * @param restId the default (REST) id, which changes whenever the contact moves to another folder
 * @param mailboxId the object id of the mailbox's user
 * @param folderId the id of the folder holding it ({@code parentFolderId})
 * @param changeKey the version Graph shows as {@code changeKey} and in {@code @odata.etag}; changes on every edit
 */
public record MailboxContact(
        String immutableId,
        String restId,
        String mailboxId,
        String folderId,
        OutlookContact data,
        String changeKey,
        Instant createdDateTime,
        Instant lastModifiedDateTime) {}
