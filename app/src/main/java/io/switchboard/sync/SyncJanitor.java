package io.switchboard.sync;

import io.switchboard.entra.EntraConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes over, on any instance, a sync whose instance died (X6): a running sync beats its
 * heartbeat every {@link SyncProperties#heartbeat()}; one silent for
 * {@link SyncProperties#abandonedAfter()} is ended as failed and its lock freed, and the instance
 * that ended it starts a new run with the same trigger, so no requested sync is lost and the
 * directory converges. Ending the run is a conditional update: of several janitors finding the
 * same run, only one runs it again. It runs as the db-scheduler task {@link SyncJobs#JANITOR}.
 */
@Component
class SyncJanitor {

    private static final Logger log = LoggerFactory.getLogger(SyncJanitor.class);

    private final SyncRuns runs;
    private final SyncService sync;
    private final EntraConnection connection;
    private final SyncProperties properties;

    SyncJanitor(SyncRuns runs, SyncService sync, EntraConnection connection, SyncProperties properties) {
        this.runs = runs;
        this.sync = sync;
        this.connection = connection;
        this.properties = properties;
    }

    /** Ends an abandoned run and runs it again here; the new run, or null when there was none to take over. */
    SyncRun takeOverAbandonedRun() {
        SyncRun abandoned = runs.failAbandoned(properties.abandonedAfter()).orElse(null);
        if (abandoned == null) {
            return null;
        }
        if (!connection.enabled() || !connection.connected()) {
            log.warn(
                    "Sync {} was abandoned by its instance; it is not run again: the integration is disabled or not"
                            + " connected",
                    abandoned.id());
            return null;
        }
        SyncRuns.Start again = sync.request(abandoned.trigger());
        log.warn(
                "Sync {} ({}, started {}) was abandoned by its instance; {} {} here",
                abandoned.id(),
                abandoned.trigger(),
                abandoned.startedAt(),
                again.started() ? "running it again as" : "not run again, as another sync is running:",
                again.run().id());
        return again.run();
    }
}
