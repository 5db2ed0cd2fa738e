package io.switchboard.sync;

/** How much of the tenant a run reads (X3). */
public enum SyncKind {
    /** Everything in scope. */
    FULL,
    /** Only what changed since the last run, through Graph delta queries. */
    DELTA
}
