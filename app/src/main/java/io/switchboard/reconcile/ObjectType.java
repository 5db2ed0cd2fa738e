package io.switchboard.reconcile;

/**
 * The kind of object a sync result, a failure, a held deletion or a guard verdict is about; the
 * {@code objectType} of the API. Stored in the database by name: never rename a constant.
 */
public enum ObjectType {
    /** An extension synced from a user (created, updated, associated, deleted, released or already right). */
    EXTENSION,
    /** An Entra user that could not be given an extension: only failures of the user sync carry it. */
    USER,
    /** An extension group synced from an Entra group, or an Entra group that could not be synced or read. */
    GROUP,
    /** An Outlook contact synced to a personal contact or to the shared-mailbox phonebook (O1–O3). */
    CONTACT,
    /** A mailbox whose contacts could not be read, or an in-range user without one (O1, O2). */
    MAILBOX,
    /** A contact folder below a mailbox's default folder that the authorization account cannot read (O1). */
    CONTACT_FOLDER;

    /** Whether results of this type belong to the user-sync section (U8). */
    public boolean userSync() {
        return this == EXTENSION || this == USER;
    }

    /** Whether results of this type belong to the group-sync section (G5). */
    public boolean groupSync() {
        return this == GROUP;
    }

    /** Whether results of this type belong to the Outlook contacts section (O1–O4). */
    public boolean contactSync() {
        return this == CONTACT || this == MAILBOX || this == CONTACT_FOLDER;
    }
}
