package io.switchboard.sync.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.sync.LastResult;
import io.switchboard.sync.LastResults;
import java.util.Optional;
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

    private final LastResults lastResults;

    LastResultController(LastResults lastResults) {
        this.lastResults = lastResults;
    }

    @GetMapping("/user-sync/last-result")
    @Operation(
            summary = "The last user-sync result: when, how long, created / updated / deleted / unchanged / failed"
                    + " / held extensions, and each failed user with the reason; state is this section's: PARTIAL"
                    + " when its counts.failed or counts.held is above zero (runState is the whole run's); 204"
                    + " before any run finished")
    ResponseEntity<LastResult> users() {
        return of(lastResults.users());
    }

    @GetMapping("/group-sync/last-result")
    @Operation(
            summary = "The last group-sync result, like the user-sync one: state judged on the group section's own"
                    + " counts; 204 before any run finished")
    ResponseEntity<LastResult> groups() {
        return of(lastResults.groups());
    }

    private static ResponseEntity<LastResult> of(Optional<LastResult> result) {
        return result.map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }
}
