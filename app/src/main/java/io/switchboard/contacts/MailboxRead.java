package io.switchboard.contacts;

import io.switchboard.entra.OutlookItem;
import java.util.List;

/** What one run read of one mailbox, as the planner needs it (no Graph, no framework). */
public record MailboxRead(Mailbox mailbox, Status status, List<Folder> folders) {

    public enum Status {
        /** The default Contacts folder was read; the folders tell the rest. */
        READ,
        /** The authorization account may not read the mailbox (403/404 on the default folder). */
        DENIED,
        /** No Exchange Online mailbox ({@code MailboxNotEnabledForRESTAPI}). */
        NO_MAILBOX,
        /** Throttled, 5xx or unreachable after the retries: nothing of this mailbox changes. */
        TRANSIENT
    }

    /**
     * One folder read.
     *
     * @param folderId the key its contacts are stored under ({@code contacts} for the default folder)
     * @param complete a read from the start (every contact in it), not a delta round
     * @param items contacts read, and ids a delta round reports removed
     */
    public record Folder(
            String folderId, String displayName, FolderStatus status, boolean complete, List<OutlookItem> items) {
        public Folder {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    public enum FolderStatus {
        READ,
        /** 403: not shared with the authorization account (reported {@code FOLDER_NOT_SHARED}). */
        DENIED,
        /** 404: the folder no longer exists. */
        GONE,
        /** Transient failure: the folder's contacts stay as they are. */
        TRANSIENT
    }

    public MailboxRead {
        folders = folders == null ? List.of() : List.copyOf(folders);
    }
}
