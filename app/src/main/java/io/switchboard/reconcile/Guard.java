package io.switchboard.reconcile;

import java.util.Set;
import java.util.UUID;

/**
 * The accidental-deletion guard as the planner applies it (X2): a plan that would delete more than
 * {@code percent} % of the synced objects of one kind (extensions, extension groups), and at least
 * {@code minimum} of them, holds all those deletions; a deletion held earlier stays held until an
 * administrator approves or discards it. A held object keeps everything it has while held.
 *
 * @param held the extensions and extension groups whose deletion is already held
 */
public record Guard(boolean enabled, int percent, int minimum, Set<UUID> held) {

    /** No guard: every deletion goes through. */
    public static final Guard NONE = new Guard(false, 10, 10, Set.of());

    public Guard {
        held = held == null ? Set.of() : Set.copyOf(held);
    }

    /** Whether deleting {@code deletions} of {@code synced} synced objects must wait for an admin. */
    public static boolean crosses(boolean enabled, int percent, int minimum, int deletions, int synced) {
        return enabled && deletions >= minimum && deletions * 100L > (long) percent * synced;
    }

    boolean crosses(int deletions, int synced) {
        return crosses(enabled, percent, minimum, deletions, synced);
    }

    /**
     * Why the guard holds the deletions of one kind of object in a plan.
     *
     * @param objectType {@link ObjectType#EXTENSION} or {@link ObjectType#GROUP}
     * @param deletions the deletions of that kind the plan asks for
     * @param synced the synced objects of that kind before the plan
     * @param crossed whether the deletions cross the threshold (else only earlier held ones are held)
     * @param reason the sentence saying so
     */
    public record Verdict(
            ObjectType objectType,
            int deletions,
            int synced,
            int percent,
            int minimum,
            boolean crossed,
            String reason) {}
}
