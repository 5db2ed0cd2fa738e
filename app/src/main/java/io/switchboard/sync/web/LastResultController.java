package io.switchboard.sync.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.shared.PageRequest;
import io.switchboard.sync.Counts;
import io.switchboard.sync.Outcome;
import io.switchboard.sync.RunState;
import io.switchboard.sync.SyncKind;
import io.switchboard.sync.SyncResult;
import io.switchboard.sync.SyncRun;
import io.switchboard.sync.SyncRuns;
import io.switchboard.sync.SyncTrigger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The last result of the user-sync and of the group-sync section (U8, G5): the newest finished run
 * seen from one section, with its counts and each failure with its object and reason.
 */
@RestController
@RequestMapping("/api/v1/integration")
@Tag(name = "Sync settings")
class LastResultController {

    private static final Set<String> USER_TYPES = Set.of("EXTENSION", "USER");
    private static final Set<String> GROUP_TYPES = Set.of("GROUP");

    /** One object that failed, and why. */
    record FailedObject(String sourceId, String displayName, String code, String reason) {}

    /**
     * The last result of one section.
     *
     * @param duration how long the run took (ISO-8601)
     * @param counts the counts of this section's objects only
     */
    record LastResult(
            UUID runId,
            SyncTrigger trigger,
            SyncKind kind,
            RunState state,
            Instant startedAt,
            Instant finishedAt,
            Duration duration,
            Counts counts,
            List<FailedObject> failures,
            String error) {}

    private final SyncRuns runs;

    LastResultController(SyncRuns runs) {
        this.runs = runs;
    }

    @GetMapping("/user-sync/last-result")
    @Operation(
            summary = "The last user-sync result: when, how long, created / updated / deleted / unchanged / failed"
                    + " extensions, and each failed user with the reason; 204 before any run finished")
    ResponseEntity<LastResult> users() {
        return of(USER_TYPES);
    }

    @GetMapping("/group-sync/last-result")
    @Operation(summary = "The last group-sync result, like the user-sync one; 204 before any run finished")
    ResponseEntity<LastResult> groups() {
        return of(GROUP_TYPES);
    }

    private ResponseEntity<LastResult> of(Set<String> types) {
        Optional<SyncRun> last = runs.page(PageRequest.of(0, PageRequest.MAX_SIZE)).items().stream()
                .filter(r -> r.finishedAt() != null)
                .findFirst();
        if (last.isEmpty()) {
            return ResponseEntity.noContent().build();
        }
        SyncRun run = last.get();
        List<SyncResult> results = runs.allResults(run.id()).stream()
                .filter(r -> types.contains(r.objectType()))
                .toList();
        List<FailedObject> failures = results.stream()
                .filter(r -> r.outcome() == Outcome.FAILED)
                .map(r -> new FailedObject(r.sourceId(), r.displayName(), r.code(), r.reason()))
                .toList();
        return ResponseEntity.ok(new LastResult(
                run.id(),
                run.trigger(),
                run.kind(),
                run.state(),
                run.startedAt(),
                run.finishedAt(),
                Duration.between(run.startedAt(), run.finishedAt()),
                Counts.of(results),
                failures,
                run.error()));
    }
}
