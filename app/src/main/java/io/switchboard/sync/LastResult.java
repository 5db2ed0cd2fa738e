package io.switchboard.sync;

import io.switchboard.shared.ProblemCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The last result of the user-sync or the group-sync section (U8, G5): the newest finished run
 * seen from one section.
 *
 * @param state this section's state, by the rule of {@link RunState#of}: {@code FAILED} when the run
 *     stopped, {@code PARTIAL} when this section's {@code counts.failed} or {@code counts.held} is
 *     above zero, else {@code SUCCEEDED}
 * @param runState the whole run's state, by the same rule over all its objects
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
        RunState runState,
        Instant startedAt,
        Instant finishedAt,
        Duration duration,
        Counts counts,
        List<FailedObject> failures,
        String error) {

    /** One object that failed, and why. */
    public record FailedObject(String sourceId, String displayName, ProblemCode code, String reason) {}
}
