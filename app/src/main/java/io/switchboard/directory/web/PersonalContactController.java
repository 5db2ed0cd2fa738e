package io.switchboard.directory.web;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.directory.ContactInput;
import io.switchboard.directory.PersonalContactDirectory;
import io.switchboard.directory.web.Views.ContactView;
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
@RequestMapping("/api/v1/extensions/{extensionId}/personal-contacts")
@Tag(name = "Personal contacts", description = "An extension's softphone contacts; synced ones are read-only (O1)")
class PersonalContactController {

    private final PersonalContactDirectory directory;
    private final JsonMapper mapper;

    PersonalContactController(PersonalContactDirectory directory, JsonMapper mapper) {
        this.directory = directory;
        this.mapper = mapper;
    }

    @GetMapping
    PageResult<ContactView> list(
            @PathVariable UUID extensionId,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return directory.page(extensionId, q, PageRequest.of(page, size)).map(ContactView::of);
    }

    @GetMapping("/{cid}")
    ContactView get(@PathVariable UUID extensionId, @PathVariable UUID cid) {
        return ContactView.of(directory.get(extensionId, cid));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ContactView create(@PathVariable UUID extensionId, @RequestBody ContactInput input) {
        return ContactView.of(directory.create(extensionId, input));
    }

    @PatchMapping(
            path = "/{cid}",
            consumes = {"application/json", "application/merge-patch+json"})
    ContactView patch(@PathVariable UUID extensionId, @PathVariable UUID cid, @RequestBody JsonNode patch) {
        ContactInput merged =
                MergePatch.apply(mapper, directory.get(extensionId, cid).details(), patch, ContactInput.class);
        return ContactView.of(directory.update(extensionId, cid, merged));
    }

    @DeleteMapping("/{cid}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID extensionId, @PathVariable UUID cid) {
        directory.delete(extensionId, cid);
    }
}
