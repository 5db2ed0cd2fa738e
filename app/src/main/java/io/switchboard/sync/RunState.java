package io.switchboard.sync;

/** Where a run is; {@code RUNNING} until {@code finishedAt} is set. */
public enum RunState {
    /** Not finished yet. */
    RUNNING,
    /** Every object synced. */
    SUCCEEDED,
    /** Finished, but some objects failed or deletions are held. */
    PARTIAL,
    /** The run stopped: the source could not be read, or the instance running it died. */
    FAILED
}
