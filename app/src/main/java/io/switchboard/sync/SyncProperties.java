package io.switchboard.sync;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How instances sharing one database tell a dead sync from a slow one (X6), read at start-up.
 *
 * @param heartbeat how often a running sync tells the other instances it is alive
 *     ({@code SWITCHBOARD_SYNC_HEARTBEAT})
 * @param abandonedAfter how long a running sync may stay silent before another instance ends it
 *     as failed and runs it again ({@code SWITCHBOARD_SYNC_ABANDONED_AFTER}); at least two
 *     heartbeats, so one late beat never passes for a dead instance
 * @param janitorInterval how often each instance looks for such a sync
 *     ({@code SWITCHBOARD_SYNC_JANITOR_INTERVAL})
 * @param applyBatch how many changes a sync writes per transaction, with their results
 *     ({@code SWITCHBOARD_SYNC_APPLY_BATCH})
 * @param applyWorkers how many transactions write a long run of new extensions side by side, such
 *     as a first sync's ({@code SWITCHBOARD_SYNC_APPLY_WORKERS}; 1 writes one batch after the other;
 *     ADR 0015)
 */
@ConfigurationProperties("switchboard.sync")
public record SyncProperties(
        @DefaultValue("PT15S") Duration heartbeat,
        @DefaultValue("PT2M") Duration abandonedAfter,
        @DefaultValue("PT30S") Duration janitorInterval,
        @DefaultValue("4000") int applyBatch,
        @DefaultValue("2") int applyWorkers) {

    public SyncProperties {
        requirePositive("heartbeat", heartbeat);
        requirePositive("abandoned-after", abandonedAfter);
        requirePositive("janitor-interval", janitorInterval);
        if (applyBatch < 1 || applyBatch > 100_000) {
            throw new IllegalArgumentException(
                    "switchboard.sync.apply-batch (" + applyBatch + ") must be between 1 and 100000 changes");
        }
        if (applyWorkers < 1 || applyWorkers > 16) {
            throw new IllegalArgumentException(
                    "switchboard.sync.apply-workers (" + applyWorkers + ") must be between 1 and 16");
        }
        if (abandonedAfter.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("switchboard.sync.abandoned-after (" + abandonedAfter
                    + ") must be at least twice switchboard.sync.heartbeat (" + heartbeat
                    + "), or a live sync whose beat is a little late would be taken for a dead one");
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "switchboard.sync." + name + " must be a positive duration of at least 1 ms, such as PT15S");
        }
    }
}
