package io.switchboard.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The last result of the user-sync or the group-sync section (U8, G5): the newest finished run
 * seen from one section.
 *
 * @param duration how long the run took (ISO-8601)
 * @param counts the counts of this section's objects only
 * @param failures each of this section's objects that failed, with the reason
 * @param error why the whole run stopped, or null
 */
public record LastResult(
        UUID runId,
        SyncTrigger trigger,
        SyncKind kind,
        RunState state,
        Instant startedAt,
        Instant finishedAt,
        Duration duration,
        Counts counts,
        List<FailedObject> failures,
        String error) {

    /** One object that failed, and why. */
    public record FailedObject(String sourceId, String displayName, String code, String reason) {}
}
