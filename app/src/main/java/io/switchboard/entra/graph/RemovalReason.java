package io.switchboard.entra.graph;

/** Why delta reports an object as {@code @removed}. */
public enum RemovalReason {
    /** Soft-deleted: it may still be restored within 30 days. */
    CHANGED,
    /** Permanently deleted. */
    DELETED
}
