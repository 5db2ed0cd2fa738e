package io.switchboard.sync;

import io.switchboard.reconcile.Guard;
import io.switchboard.shared.ProblemException;
import java.util.Set;
import java.util.UUID;

/**
 * The accidental-deletion guard (X2): a run that would delete more than {@code percent} % of the
 * synced objects of one kind, and at least {@code minimum} of them, deletes none of them; it holds
 * them for an administrator to approve or discard, and applies everything else. Extensions and
 * extension groups are judged separately.
 *
 * @param enabled off lets every deletion through, for admins who accept the risk
 */
public record DeletionGuard(Boolean enabled, Integer percent, Integer minimum) {

    public static final DeletionGuard DEFAULT = new DeletionGuard(true, 10, 10);

    public DeletionGuard {
        enabled = enabled == null || enabled;
        percent = percent == null ? 10 : percent;
        minimum = minimum == null ? 10 : minimum;
        if (percent < 0 || percent > 100) {
            throw ProblemException.invalid("percent", "must be between 0 and 100");
        }
        if (minimum < 1) {
            throw ProblemException.invalid("minimum", "must be 1 or more");
        }
    }

    /** Whether deleting {@code deletions} of {@code synced} synced objects must wait for an admin. */
    public boolean holds(int deletions, int synced) {
        return Guard.crosses(enabled, percent, minimum, deletions, synced);
    }

    /** The guard as the planner applies it, with the deletions already held. */
    public Guard forPlanner(Set<UUID> held) {
        return new Guard(enabled, percent, minimum, held);
    }
}
