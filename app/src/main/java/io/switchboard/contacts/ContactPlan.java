package io.switchboard.contacts;

import io.switchboard.directory.SyncedContacts;
import io.switchboard.sync.SyncResult;
import java.util.List;

/**
 * What a run does with contacts: the contacts to write and to remove, each with the result it
 * records once applied, and the results that need no write (unchanged, failed, skipped, held).
 *
 * @param held true when the deletion guard held the removals: none is applied, and the folders'
 *     delta links are not moved on, so the next run proposes them again
 */
public record ContactPlan(List<Upsert> upserts, List<Removal> removals, List<SyncResult> reports, boolean held) {

    public record Upsert(SyncedContacts.Write write, SyncResult result) {}

    public record Removal(SyncedContacts.Stored stored, SyncResult result) {}

    public ContactPlan {
        upserts = List.copyOf(upserts);
        removals = List.copyOf(removals);
        reports = List.copyOf(reports);
    }

    /** Every result in the order a run records them: writes, removals, then the rest. */
    public List<SyncResult> results() {
        List<SyncResult> all = new java.util.ArrayList<>();
        upserts.forEach(u -> all.add(u.result()));
        removals.forEach(r -> all.add(r.result()));
        all.addAll(reports);
        return all;
    }
}
