package io.switchboard.sync;

/** What started a sync run (X4). */
public enum SyncTrigger {
    /** The first save of the sync settings (U7). */
    INITIAL,
    /** The schedule (M1). */
    SCHEDULE,
    /** Changes reported by Microsoft Graph (M2). */
    CHANGE,
    /** An administrator's Update Now (M3). */
    MANUAL
}
