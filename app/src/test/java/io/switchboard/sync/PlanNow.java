package io.switchboard.sync;

import io.switchboard.directory.SyncedDirectory;
import io.switchboard.entra.TenantReader;
import io.switchboard.reconcile.ActualDirectory;
import io.switchboard.reconcile.Plan;
import io.switchboard.reconcile.Planner;
import io.switchboard.reconcile.Snapshot;

/** The plan a full sync would make now, for tests that apply a plan, or part of one, themselves. */
final class PlanNow {

    private PlanNow() {}

    static Plan of(TenantReader reader, SyncedDirectory directory, RuleSettings rules, int capacity) {
        TenantReader.FullRead read = reader.readAll();
        return Planner.plan(
                new Snapshot(read.users(), read.groups()),
                new ActualDirectory(directory.extensions(), directory.groups(), capacity),
                rules.users(),
                rules.groups());
    }
}
