package io.switchboard.sync;

import io.switchboard.reconcile.Action;

/** What a run did to one object. Stored in the database by name: never rename a constant. */
public enum Outcome {
    /** Created on the PBX. */
    CREATED,
    /** Changed on the PBX. */
    UPDATED,
    /** Already right. */
    UNCHANGED,
    /** Deleted from the PBX. */
    DELETED,
    /** Handed over to full PBX management. */
    RELEASED,
    /** An existing extension linked to its user (U4). */
    ASSOCIATED,
    /** A deletion held by the guard until an admin approves it (X2). */
    HELD,
    /** Could not be synced; {@code code} and {@code reason} say why. */
    FAILED,
    /** Left out on purpose, not a failure; {@code code} says why ({@code NO_MAILBOX}). */
    SKIPPED;

    /** The outcome of a planned action carried out. */
    public static Outcome of(Action action) {
        return switch (action) {
            case CREATE -> CREATED;
            case UPDATE -> UPDATED;
            case DELETE -> DELETED;
            case RELEASE -> RELEASED;
            case ASSOCIATE -> ASSOCIATED;
            case NONE -> UNCHANGED;
        };
    }
}
