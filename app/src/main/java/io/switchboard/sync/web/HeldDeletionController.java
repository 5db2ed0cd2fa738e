package io.switchboard.sync.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.reconcile.ObjectType;
import io.switchboard.sync.HeldDeletion;
import io.switchboard.sync.HeldDeletions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/integration/held-deletions")
@Tag(name = "Deletion guard", description = "Deletions held because a run would delete too much (X2)")
class HeldDeletionController {

    /** The ids to act on; absent or empty means all. */
    record Selection(List<UUID> ids) {}

    /** A held deletion as the API shows it: {@code extensionId} or {@code groupId} names the target. */
    record HeldView(UUID id, UUID extensionId, UUID groupId, String sourceId, String displayName, UUID runId) {
        static HeldView of(HeldDeletion h) {
            boolean extension = h.objectType() == ObjectType.EXTENSION;
            return new HeldView(
                    h.id(),
                    extension ? h.targetId() : null,
                    extension ? null : h.targetId(),
                    h.sourceId(),
                    h.displayName(),
                    h.runId());
        }
    }

    private final HeldDeletions held;

    HeldDeletionController(HeldDeletions held) {
        this.held = held;
    }

    @GetMapping
    Map<String, List<HeldView>> list() {
        return Map.of("items", held.list().stream().map(HeldView::of).toList());
    }

    @PostMapping("/approve")
    @Operation(summary = "Carry out held deletions now (all when ids is absent or empty)")
    Map<String, List<HeldView>> approve(@RequestBody(required = false) Selection selection) {
        return Map.of(
                "items",
                held.approve(selection == null ? List.of() : selection.ids()).stream()
                        .map(HeldView::of)
                        .toList());
    }

    @PostMapping("/discard")
    @Operation(summary = "Drop held deletions; the objects stay (all when ids is absent or empty)")
    Map<String, List<HeldView>> discard(@RequestBody(required = false) Selection selection) {
        return Map.of(
                "items",
                held.discard(selection == null ? List.of() : selection.ids()).stream()
                        .map(HeldView::of)
                        .toList());
    }
}
