package io.switchboard.directory;

import java.util.UUID;

/**
 * A company contact in a phonebook, or a personal contact of an extension.
 *
 * @param sourceMailbox for a contact synced from Outlook, the mailbox it comes from (O1, O2), else null
 */
public record Contact(UUID id, ContactInput details, Origin origin, String sourceId, String sourceMailbox) {

    /** The fields of a synced contact that the PBX cannot change (O1, O2). */
    public static final java.util.List<String> LOCKED_FIELDS = java.util.List.of(
            "firstName",
            "lastName",
            "company",
            "email",
            "mobilePhone",
            "homePhone",
            "businessPhone",
            "otherPhone",
            "jobTitle");

    public Contact(UUID id, ContactInput details, Origin origin, String sourceId) {
        this(id, details, origin, sourceId, null);
    }

    public java.util.List<String> lockedFields() {
        return synced() ? LOCKED_FIELDS : java.util.List.of();
    }

    public boolean synced() {
        return origin == Origin.MICROSOFT_365;
    }
}
