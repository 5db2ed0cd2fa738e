package io.switchboard.contacts;

import java.util.List;

/**
 * The contact-sync settings (O1, O2), stored as one document.
 *
 * @param personal personal contacts: each in-range synced user's Outlook contacts to that extension
 * @param sharedMailboxes shared-mailbox contacts into one phonebook
 */
public record ContactSyncSettings(Personal personal, SharedMailboxes sharedMailboxes) {

    public static final String DEFAULT_PHONEBOOK = "Microsoft 365";
    public static final ContactSyncSettings DEFAULT = new ContactSyncSettings(null, null);

    public enum PersonalRange {
        ALL,
        GROUPS
    }

    public enum MailboxRange {
        ALL,
        MAILBOXES
    }

    /** @param groupIds Entra group ids of range {@code GROUPS} (nested groups follow user sync's {@code nestedGroups}) */
    public record Personal(Boolean enabled, PersonalRange range, List<String> groupIds) {
        public Personal {
            enabled = enabled != null && enabled;
            range = range == null ? PersonalRange.ALL : range;
            groupIds = groupIds == null ? List.of() : List.copyOf(groupIds);
        }
    }

    /** @param mailboxIds Entra user ids of the shared mailboxes of range {@code MAILBOXES} */
    public record SharedMailboxes(Boolean enabled, MailboxRange range, List<String> mailboxIds, String phonebookName) {
        public SharedMailboxes {
            enabled = enabled != null && enabled;
            range = range == null ? MailboxRange.ALL : range;
            mailboxIds = mailboxIds == null ? List.of() : List.copyOf(mailboxIds);
            phonebookName =
                    phonebookName == null || phonebookName.isBlank() ? DEFAULT_PHONEBOOK : phonebookName.strip();
        }
    }

    public ContactSyncSettings {
        personal = personal == null ? new Personal(false, null, null) : personal;
        sharedMailboxes = sharedMailboxes == null ? new SharedMailboxes(false, null, null, null) : sharedMailboxes;
    }

    public boolean on(Part part) {
        return part == Part.PERSONAL ? personal.enabled() : sharedMailboxes.enabled();
    }
}
