package io.switchboard.sync;

/** What a run did to one object. */
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
    FAILED
}
