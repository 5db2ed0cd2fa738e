package io.switchboard.sync;

import java.time.Duration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ends, on any instance, a run whose instance died (X6): a running sync beats its heartbeat every
 * {@link SyncService#HEARTBEAT}; one silent for
 * {@link #ABANDONED_AFTER} is ended as failed and its lock freed, and the next run converges.
 */
@Component
class SyncJanitor {

    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    private final SyncRuns runs;

    SyncJanitor(SyncRuns runs) {
        this.runs = runs;
    }

    @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT30S")
    void endAbandonedRuns() {
        runs.failAbandoned(ABANDONED_AFTER);
    }
}
