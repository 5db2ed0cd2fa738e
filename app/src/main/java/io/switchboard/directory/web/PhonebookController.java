package io.switchboard.directory.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.directory.ContactInput;
import io.switchboard.directory.Phonebook;
import io.switchboard.directory.PhonebookDirectory;
import io.switchboard.directory.PhonebookInput;
import io.switchboard.directory.web.Views.ContactView;
import io.switchboard.directory.web.Views.PhonebookView;
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
@RequestMapping("/api/v1/phonebooks")
@Tag(name = "Phonebooks", description = "Company phonebooks, their contacts and who may see them (O2, O4)")
class PhonebookController {

    private static final String MERGE = "application/merge-patch+json";

    private final PhonebookDirectory directory;
    private final JsonMapper mapper;

    PhonebookController(PhonebookDirectory directory, JsonMapper mapper) {
        this.directory = directory;
        this.mapper = mapper;
    }

    @GetMapping
    PageResult<PhonebookView> list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return directory.page(q, PageRequest.of(page, size)).map(PhonebookView::of);
    }

    @GetMapping("/{id}")
    PhonebookView get(@PathVariable UUID id) {
        return PhonebookView.of(directory.get(id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    PhonebookView create(@RequestBody PhonebookInput input) {
        return PhonebookView.of(directory.create(input));
    }

    @PatchMapping(
            path = "/{id}",
            consumes = {"application/json", MERGE})
    @Operation(summary = "Rename a local phonebook or change who may see any phonebook (merge patch)")
    PhonebookView patch(@PathVariable UUID id, @RequestBody JsonNode patch) {
        Phonebook current = directory.get(id);
        PhonebookInput merged = MergePatch.apply(
                mapper, new PhonebookInput(current.name(), current.visibleTo()), patch, PhonebookInput.class);
        return PhonebookView.of(directory.update(id, merged));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        directory.delete(id);
    }

    @GetMapping("/{id}/contacts")
    PageResult<ContactView> contacts(
            @PathVariable UUID id,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return directory.contacts(id, q, PageRequest.of(page, size)).map(ContactView::of);
    }

    @GetMapping("/{id}/contacts/{cid}")
    ContactView contact(@PathVariable UUID id, @PathVariable UUID cid) {
        return ContactView.of(directory.contact(id, cid));
    }

    @PostMapping("/{id}/contacts")
    @ResponseStatus(HttpStatus.CREATED)
    ContactView addContact(@PathVariable UUID id, @RequestBody ContactInput input) {
        return ContactView.of(directory.addContact(id, input));
    }

    @PatchMapping(
            path = "/{id}/contacts/{cid}",
            consumes = {"application/json", MERGE})
    ContactView patchContact(@PathVariable UUID id, @PathVariable UUID cid, @RequestBody JsonNode patch) {
        ContactInput merged =
                MergePatch.apply(mapper, directory.contact(id, cid).details(), patch, ContactInput.class);
        return ContactView.of(directory.updateContact(id, cid, merged));
    }

    @DeleteMapping("/{id}/contacts/{cid}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteContact(@PathVariable UUID id, @PathVariable UUID cid) {
        directory.deleteContact(id, cid);
    }
}
