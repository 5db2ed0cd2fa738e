package io.switchboard.directory.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.directory.ExtensionDirectory;
import io.switchboard.directory.ExtensionInput;
import io.switchboard.directory.web.Views.ExtensionView;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/extensions")
@Tag(name = "Extensions", description = "PBX extensions; synced ones carry a label and locked fields (U9)")
class ExtensionController {

    private final ExtensionDirectory directory;
    private final JsonMapper mapper;

    ExtensionController(ExtensionDirectory directory, JsonMapper mapper) {
        this.directory = directory;
        this.mapper = mapper;
    }

    @GetMapping
    @Operation(summary = "List extensions, searching number, name and email with q")
    PageResult<ExtensionView> list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return directory.page(q, PageRequest.of(page, size)).map(ExtensionView::of);
    }

    @GetMapping("/{id}")
    ExtensionView get(@PathVariable UUID id) {
        return ExtensionView.of(directory.get(id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a local extension")
    ExtensionView create(@RequestBody ExtensionInput input) {
        return ExtensionView.of(directory.create(input));
    }

    @PatchMapping(
            path = "/{id}",
            consumes = {"application/json", "application/merge-patch+json"})
    @Operation(summary = "Change fields of an extension (merge patch); locked fields of a synced one are refused")
    ExtensionView patch(@PathVariable UUID id, @RequestBody JsonNode patch) {
        ExtensionInput merged = MergePatch.apply(mapper, directory.get(id).input(), patch, ExtensionInput.class);
        return ExtensionView.of(directory.update(id, merged));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a local extension; a synced one is refused with EXTENSION_LOCKED")
    void delete(@PathVariable UUID id) {
        directory.delete(id);
    }
}
