package io.switchboard.sync;

/** The counts of a run (U8, G5). */
public record Counts(int created, int updated, int deleted, int unchanged, int failed, int held) {

    public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0);

    /** The counts of a list of results; associated and released objects count as updated. */
    public static Counts of(Iterable<SyncResult> results) {
        int created = 0, updated = 0, deleted = 0, unchanged = 0, failed = 0, held = 0;
        for (SyncResult r : results) {
            switch (r.outcome()) {
                case CREATED -> created++;
                case UPDATED, ASSOCIATED, RELEASED -> updated++;
                case DELETED -> deleted++;
                case UNCHANGED -> unchanged++;
                case FAILED -> failed++;
                case HELD -> held++;
                case SKIPPED -> {}
            }
        }
        return new Counts(created, updated, deleted, unchanged, failed, held);
    }
}
