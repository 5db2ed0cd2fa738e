package io.switchboard.sync;

import java.time.Instant;
import java.util.UUID;

/**
 * One sync run (X4): its trigger, kind, state, times and counts; while it runs, its progress
 * (null once it ended).
 */
public record SyncRun(
        UUID id,
        SyncTrigger trigger,
        SyncKind kind,
        RunState state,
        Instant startedAt,
        Instant finishedAt,
        Counts counts,
        String error,
        SyncProgress progress) {

    SyncRun withProgress(SyncProgress live) {
        return new SyncRun(id, trigger, kind, state, startedAt, finishedAt, counts, error, live);
    }
}
