package io.switchboard.softphone.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.directory.CallerIdLookup;
import io.switchboard.directory.Contact;
import io.switchboard.directory.ContactInput;
import io.switchboard.directory.Extension;
import io.switchboard.directory.ExtensionDirectory;
import io.switchboard.directory.PersonalContactDirectory;
import io.switchboard.directory.PhonebookDirectory;
import io.switchboard.directory.VisiblePhonebooks;
import io.switchboard.shared.MergePatch;
import io.switchboard.shared.PageRequest;
import io.switchboard.shared.PageResult;
import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import io.switchboard.shared.SoftphoneUser;
import io.switchboard.softphone.web.MeViews.ContactView;
import io.switchboard.softphone.web.MeViews.Me;
import io.switchboard.softphone.web.MeViews.MePatch;
import io.switchboard.softphone.web.MeViews.PhonebookView;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
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

/**
 * The signed-in softphone user's own API: their extension and presence, their personal contacts
 * (synced ones read-only), the phonebooks visible to them, and a caller-ID look-up. Reached only with
 * a softphone session or client token (S2).
 */
@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Softphone user", description = "The signed-in softphone user's extension, contacts and phonebooks (S2)")
class MeController {

    private final ExtensionDirectory extensions;
    private final PersonalContactDirectory contacts;
    private final PhonebookDirectory phonebooks;
    private final VisiblePhonebooks visible;
    private final JsonMapper mapper;
    private final CallerIdLookup lookup;

    MeController(
            ExtensionDirectory extensions,
            PersonalContactDirectory contacts,
            PhonebookDirectory phonebooks,
            VisiblePhonebooks visible,
            JsonMapper mapper,
            CallerIdLookup lookup) {
        this.extensions = extensions;
        this.contacts = contacts;
        this.phonebooks = phonebooks;
        this.visible = visible;
        this.mapper = mapper;
        this.lookup = lookup;
    }

    @GetMapping
    @Operation(summary = "The signed-in user's extension")
    Me me(@AuthenticationPrincipal SoftphoneUser user) {
        return Me.of(extensions.get(user.extensionId()));
    }

    @PatchMapping(consumes = {"application/json", "application/merge-patch+json"})
    @Operation(summary = "Set the user's presence: {\"presence\": \"AVAILABLE\"|\"AWAY\"|…}")
    Me patch(@AuthenticationPrincipal SoftphoneUser user, @RequestBody MePatch patch) {
        Extension current = extensions.get(user.extensionId());
        if (patch.presence() == null || patch.presence() == current.presence()) {
            return Me.of(current);
        }
        var in = current.input();
        return Me.of(extensions.update(
                user.extensionId(),
                new io.switchboard.directory.ExtensionInput(
                        in.number(),
                        in.firstName(),
                        in.lastName(),
                        in.email(),
                        in.mobileNumber(),
                        in.jobTitle(),
                        patch.presence())));
    }

    @GetMapping("/personal-contacts")
    @Operation(summary = "The user's personal contacts, searching name, company, email and numbers with q")
    PageResult<ContactView> personalContacts(
            @AuthenticationPrincipal SoftphoneUser user,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return contacts.page(user.extensionId(), q, PageRequest.of(page, size)).map(ContactView::of);
    }

    @PostMapping("/personal-contacts")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a local personal contact")
    ContactView addContact(@AuthenticationPrincipal SoftphoneUser user, @RequestBody ContactInput input) {
        return ContactView.of(contacts.create(user.extensionId(), input));
    }

    @PatchMapping(
            path = "/personal-contacts/{cid}",
            consumes = {"application/json", "application/merge-patch+json"})
    @Operation(summary = "Change a local personal contact; a synced one answers 409 CONTACT_LOCKED")
    ContactView patchContact(
            @AuthenticationPrincipal SoftphoneUser user, @PathVariable UUID cid, @RequestBody JsonNode patch) {
        Contact current = editable(user, cid);
        ContactInput merged = MergePatch.apply(mapper, current.details(), patch, ContactInput.class);
        return ContactView.of(contacts.update(user.extensionId(), cid, merged));
    }

    @DeleteMapping("/personal-contacts/{cid}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a local personal contact; a synced one answers 409 CONTACT_LOCKED")
    void deleteContact(@AuthenticationPrincipal SoftphoneUser user, @PathVariable UUID cid) {
        editable(user, cid);
        contacts.delete(user.extensionId(), cid);
    }

    private Contact editable(SoftphoneUser user, UUID cid) {
        Contact current = contacts.get(user.extensionId(), cid);
        if (current.synced()) {
            throw new ProblemException(
                    ProblemCode.CONTACT_LOCKED,
                    "This contact is synced from your Outlook contacts and is read-only here. Change it in Outlook;"
                            + " the next sync brings the change.");
        }
        return current;
    }

    @GetMapping("/phonebooks")
    @Operation(summary = "The phonebooks visible to the user's extension")
    List<PhonebookView> phonebooks(@AuthenticationPrincipal SoftphoneUser user) {
        return visible.of(user.extensionId()).stream().map(PhonebookView::of).toList();
    }

    @GetMapping("/phonebooks/{id}/contacts")
    @Operation(summary = "The contacts of a phonebook visible to the user, searching with q")
    PageResult<ContactView> phonebookContacts(
            @AuthenticationPrincipal SoftphoneUser user,
            @PathVariable UUID id,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        if (!visible.visible(id, user.extensionId())) {
            throw ProblemException.notFound("phonebook", id);
        }
        return phonebooks.contacts(id, q, PageRequest.of(page, size)).map(ContactView::of);
    }

    @GetMapping("/lookup")
    @Operation(
            summary = "Caller-ID look-up of a number for the signed-in user (X5)",
            description = "As GET /api/v1/lookup with extensionId set to the user's extension: the extensions, the"
                    + " phonebooks visible to the user and the user's own personal contacts.")
    CallerIdLookup.Result lookup(
            @AuthenticationPrincipal SoftphoneUser user,
            @Parameter(description = "the number to look up, in any format") @RequestParam String number) {
        return lookup.lookup(number, user.extensionId());
    }

    private static String name(String first, String last, String fallback) {
        String n = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
        return n.isEmpty() ? fallback : n;
    }
}
