package io.switchboard.sync;

/**
 * Where a run is; {@code RUNNING} until {@code finishedAt} is set. One rule ({@link #of}) decides
 * the state of a finished run and of each section (user sync, group sync) of it.
 */
public enum RunState {
    /** Not finished yet. */
    RUNNING,
    /** Every object synced: nothing failed and no deletion is held. */
    SUCCEEDED,
    /** Finished, but objects failed ({@code counts.failed}), deletions are held ({@code counts.held}), or both. */
    PARTIAL,
    /** The run stopped: the source could not be read, or the instance running it died. */
    FAILED;

    /**
     * The state of a finished run, or of one section of it from that section's counts: failed
     * when the run stopped with an error, partly succeeded when anything failed or is held,
     * else succeeded.
     */
    public static RunState of(String error, Counts counts) {
        if (error != null) {
            return FAILED;
        }
        return counts.failed() > 0 || counts.held() > 0 ? PARTIAL : SUCCEEDED;
    }
}
