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
    GROUP;

    /** Whether results of this type belong to the user-sync section (U8); else to the group-sync section (G5). */
    public boolean userSync() {
        return this != GROUP;
    }
}
