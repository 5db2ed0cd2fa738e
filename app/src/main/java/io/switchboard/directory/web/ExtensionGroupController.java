package io.switchboard.directory.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.directory.ExtensionGroup;
import io.switchboard.directory.ExtensionGroupInput;
import io.switchboard.directory.GroupDirectory;
import io.switchboard.directory.web.Views.GroupView;
import io.switchboard.shared.MergePatch;
import io.switchboard.shared.PageRequest;
import io.switchboard.shared.PageResult;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/extension-groups")
@Tag(name = "Extension groups", description = "At most 63 groups (G2); synced ones are locked (G4)")
class ExtensionGroupController {

    private final GroupDirectory directory;
    private final JsonMapper mapper;

    ExtensionGroupController(GroupDirectory directory, JsonMapper mapper) {
        this.directory = directory;
        this.mapper = mapper;
    }

    @GetMapping
    PageResult<GroupView> list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return directory.page(q, PageRequest.of(page, size)).map(GroupView::of);
    }

    @GetMapping("/{id}")
    GroupView get(@PathVariable UUID id) {
        return GroupView.of(directory.get(id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    GroupView create(@RequestBody ExtensionGroupInput input) {
        return GroupView.of(directory.create(input));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace the name and members of a local group")
    GroupView replace(@PathVariable UUID id, @RequestBody ExtensionGroupInput input) {
        return GroupView.of(directory.update(id, input));
    }

    @PatchMapping(
            path = "/{id}",
            consumes = {"application/json", "application/merge-patch+json"})
    @Operation(summary = "Change the name or members of a local group (merge patch)")
    GroupView patch(@PathVariable UUID id, @RequestBody JsonNode patch) {
        ExtensionGroup current = directory.get(id);
        ExtensionGroupInput merged = MergePatch.apply(
                mapper, new ExtensionGroupInput(current.name(), current.memberIds()), patch, ExtensionGroupInput.class);
        return GroupView.of(directory.update(id, merged));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        directory.delete(id);
    }
}
