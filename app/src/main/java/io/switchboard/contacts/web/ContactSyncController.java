package io.switchboard.contacts.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.contacts.ContactSync;
import io.switchboard.contacts.ContactSyncSettings;
import io.switchboard.contacts.SharedMailboxPicker;
import io.switchboard.entra.EntraUnavailable;
import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/integration")
@Tag(name = "Outlook contacts", description = "Personal and shared-mailbox contacts from Outlook (O1–O4)")
class ContactSyncController {

    private final ContactSync contactSync;
    private final SharedMailboxPicker picker;

    ContactSyncController(ContactSync contactSync, SharedMailboxPicker picker) {
        this.contactSync = contactSync;
        this.picker = picker;
    }

    @GetMapping("/contact-sync")
    @Operation(summary = "The contact-sync settings: personal part and shared-mailbox part (O1, O2)")
    ContactSyncSettings get() {
        return contactSync.get();
    }

    @PutMapping("/contact-sync")
    @Operation(
            summary = "Saves the contact-sync settings; fields left out stay. A part newly switched on starts a sync"
                    + " (trigger INITIAL); switching a part off takes deleteSyncedContacts (true deletes that part's"
                    + " synced contacts or the synced phonebook, false releases them as LOCAL). 400 VALIDATION_FAILED"
                    + " naming the field; 409 SETTINGS_FROZEN while the integration is disabled")
    ContactSyncSettings put(@RequestBody JsonNode body) {
        return contactSync.update(body);
    }

    @GetMapping("/directory/shared-mailboxes")
    @Operation(
            summary = "Shared mailboxes whose display name starts with q (O2), each saying whether the authorization"
                    + " account can read its contacts (readable); 409 NOT_CONNECTED before a connection")
    Map<String, List<SharedMailboxPicker.Entry>> sharedMailboxes(@RequestParam(required = false) String q) {
        try {
            return Map.of("items", picker.find(q));
        } catch (EntraUnavailable e) {
            throw new ProblemException(ProblemCode.NOT_CONNECTED, e.getMessage());
        }
    }
}
