package io.switchboard.sync.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.reconcile.ChangeKind;
import io.switchboard.reconcile.Failure;
import io.switchboard.reconcile.Guard;
import io.switchboard.reconcile.Plan;
import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import io.switchboard.sync.Outcome;
import io.switchboard.sync.SyncResult;
import io.switchboard.sync.SyncRuns;
import io.switchboard.sync.SyncService;
import io.switchboard.web.ProblemStatus;
import io.switchboard.web.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/integration/sync")
@Tag(name = "Sync", description = "Update Now (M3) and its preview (X1)")
class SyncController {

    /**
     * One planned change of a preview, with the outcome the run would record for it: {@code HELD}
     * for a deletion the guard would hold.
     */
    record PlannedChange(
            ChangeKind action, Outcome outcome, String displayName, String sourceId, String reason, String diff) {}

    /**
     * A preview: exactly what a sync would do now, and nothing changed.
     *
     * @param guard for each kind of object with held deletions, the threshold that holds them
     * @param contacts what the Outlook contacts part would record (O1–O4), as a run's results
     */
    record Preview(
            List<PlannedChange> changes,
            List<Failure> failures,
            int unchanged,
            int held,
            List<Guard.Verdict> guard,
            String diff,
            List<SyncResult> contacts) {
        static Preview of(Plan plan, List<SyncResult> contacts) {
            List<PlannedChange> changes = new ArrayList<>();
            plan.changes()
                    .forEach(c -> changes.add(new PlannedChange(
                            c.kind(),
                            Outcome.of(c.kind().action()),
                            c.displayName(),
                            c.sourceId(),
                            c.reason(),
                            c.render())));
            plan.held()
                    .forEach(c -> changes.add(new PlannedChange(
                            c.kind(),
                            Outcome.HELD,
                            c.displayName(),
                            c.sourceId(),
                            c.reason(),
                            c.render() + " (held)")));
            return new Preview(
                    changes,
                    plan.failures(),
                    plan.unchanged().size(),
                    plan.held().size(),
                    plan.guard(),
                    plan.render(),
                    contacts);
        }
    }

    private final SyncService sync;

    SyncController(SyncService sync) {
        this.sync = sync;
    }

    @PostMapping
    @Operation(
            summary =
                    "Update Now: 202 with the started run; dryRun=true: 200 with the plan, nothing changed, in"
                            + " which deletions the guard would hold have outcome HELD and guard names the threshold;"
                            + " 409 SYNC_RUNNING with the running run; 409 NOT_CONNECTED before a connection; 409"
                            + " NOTHING_TO_SYNC while user sync, group sync and both Outlook contact parts are off (no run is recorded)")
    ResponseEntity<?> sync(
            @Parameter(
                            description = "true: answer the plan and change nothing; false or left out: run the sync",
                            schema = @Schema(type = "boolean", defaultValue = "false"))
                    @RequestParam(name = "dryRun", required = false)
                    String dryRun) {
        if (dryRun(dryRun)) {
            Plan plan = sync.preview();
            return ResponseEntity.ok(Preview.of(plan, sync.previewParts()));
        }
        SyncRuns.Start start = sync.updateNow();
        if (start.started()) {
            return ResponseEntity.accepted().body(start.run());
        }
        ProblemDetail running = Problems.of(
                ProblemCode.SYNC_RUNNING,
                "A sync is already running (started " + start.run().startedAt() + "); it is shown as run. Wait for it"
                        + " to finish.",
                Map.of("run", start.run()));
        return ResponseEntity.status(ProblemStatus.of(ProblemCode.SYNC_RUNNING)).body(running);
    }

    /** Only true or false; an empty or other value is refused rather than taken for false. */
    private static boolean dryRun(String value) {
        if (value == null) {
            return false;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw ProblemException.invalid("dryRun", "must be true or false; leave it out to run the sync for real");
    }
}
