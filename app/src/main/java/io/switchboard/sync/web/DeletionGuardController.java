package io.switchboard.sync.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.shared.MergePatch;
import io.switchboard.sync.DeletionGuard;
import io.switchboard.sync.GuardSettings;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/integration/deletion-guard")
@Tag(name = "Deletion guard")
class DeletionGuardController {

    private final GuardSettings guard;
    private final JsonMapper mapper;

    DeletionGuardController(GuardSettings guard, JsonMapper mapper) {
        this.guard = guard;
        this.mapper = mapper;
    }

    @GetMapping
    DeletionGuard get() {
        return guard.get();
    }

    @PutMapping
    @Operation(summary = "Set when deletions are held: more than percent % of the synced objects and at least minimum")
    DeletionGuard put(@RequestBody JsonNode document) {
        return guard.set(MergePatch.apply(mapper, guard.get(), document, DeletionGuard.class));
    }
}
