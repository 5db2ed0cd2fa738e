package io.switchboard.entra;

import java.util.List;

/**
 * The answer to one Outlook read of a batch: every item over all its pages, or why there are none.
 *
 * @param deltaLink the link for the next round of a delta read, else null
 * @param code Graph's error code when {@code status} is not {@code OK}
 */
public record OutlookRead(Status status, List<OutlookItem> items, String deltaLink, int httpStatus, String code) {

    public enum Status {
        OK,
        /** 403 or 404 {@code ErrorItemNotFound}/{@code ErrorAccessDenied}: not shared with, or not readable by, the caller. */
        DENIED,
        /** 404 {@code MailboxNotEnabledForRESTAPI} (or an unknown user): no Exchange Online mailbox. */
        NO_MAILBOX,
        /** 410 or a lost sync state: read the folder again from the start. */
        RESYNC,
        /** 429, 5xx, a timeout or an unreachable Graph after the retries: nothing can be concluded. */
        TRANSIENT
    }

    public OutlookRead {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public boolean ok() {
        return status == Status.OK;
    }
}
