package io.switchboard.sync;

import java.time.Instant;
import java.util.UUID;

/** One sync run (X4): its trigger, kind, state, times and counts. */
public record SyncRun(
        UUID id,
        SyncTrigger trigger,
        SyncKind kind,
        RunState state,
        Instant startedAt,
        Instant finishedAt,
        Counts counts,
        String error) {}
