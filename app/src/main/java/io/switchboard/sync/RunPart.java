package io.switchboard.sync;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A part of every sync run that another module contributes (Outlook contacts, O1–O4): called by
 * {@link SyncService} after users and groups are applied, and during a preview, so one engine
 * plans, previews, records and counts everything. A part reads and plans alone; it writes nothing
 * when {@code dryRun}.
 */
public interface RunPart {

    /**
     * What the part is given by the run.
     *
     * @param runId the run, or null for a preview
     * @param kind {@code FULL} or {@code DELTA}: a part may read everything on a full run
     * @param dryRun true for a preview: plan and report, change nothing
     * @param results where the part reports each result, in order (a run records them with its own)
     */
    record Context(UUID runId, SyncKind kind, boolean dryRun, Consumer<List<SyncResult>> results) {}

    /** Whether the part has anything to do (its switch is on); a run with only this part on still runs. */
    boolean active();

    /**
     * How many of the users and groups Entra ID reported changed may change what this part reads
     * (its range, its mailboxes), so that the change trigger (M2) starts a run for a part that is on
     * while user and group sync are paused. Zero while the part is not active.
     */
    default int relevant(Set<String> userIds, Set<String> groupIds) {
        return 0;
    }

    /** Plans and, unless {@code dryRun}, applies the part; failures are reported, never thrown, except a superseded run. */
    void run(Context context);
}
