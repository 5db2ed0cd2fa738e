package io.switchboard.sync;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How far a running sync is (issue 15 point 8): its phase, the Graph pages read, the objects
 * planned, and of those the ones whose result is recorded, applied (including those already in
 * sync or held) or failed. When the run ends, {@code applied + failed} equals {@code planned}.
 */
@Schema(
        description =
                "How far a running run is: phase READING, PLANNING or APPLYING, Graph pages read, objects planned,"
                        + " applied (incl. unchanged and held) and failed; null once the run ended. Updated at least every"
                        + " second.")
public record SyncProgress(Phase phase, int pagesRead, int planned, int applied, int failed) {

    public enum Phase {
        /** Reading the tenant from Microsoft Graph. */
        READING,
        /** Working out the changes. */
        PLANNING,
        /** Writing the changes and their results. */
        APPLYING
    }

    static final SyncProgress STARTING = new SyncProgress(Phase.READING, 0, 0, 0, 0);

    String stored() {
        return phase + "," + pagesRead + "," + planned + "," + applied + "," + failed;
    }

    static SyncProgress parse(String stored) {
        if (stored == null) {
            return STARTING;
        }
        String[] parts = stored.split(",");
        return new SyncProgress(
                Phase.valueOf(parts[0]),
                Integer.parseInt(parts[1]),
                Integer.parseInt(parts[2]),
                Integer.parseInt(parts[3]),
                Integer.parseInt(parts[4]));
    }
}
