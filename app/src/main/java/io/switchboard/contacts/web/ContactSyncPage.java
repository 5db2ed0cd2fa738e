package io.switchboard.contacts.web;

import io.switchboard.contacts.ContactSync;
import io.switchboard.contacts.ContactSyncSettings;
import io.switchboard.contacts.SharedMailboxPicker;
import io.switchboard.entra.DirectoryPicker;
import io.switchboard.entra.EntraConnection;
import io.switchboard.entra.IntegrationMode;
import io.switchboard.shared.ProblemException;
import io.switchboard.sync.LastResults;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The portal's Microsoft Outlook Contacts Synchronization tab (issue 17 point 9): both parts, their
 * ranges with the group and shared-mailbox pickers, and the last result. Saving goes through the
 * same settings service as the API, so a refusal shows its sentence.
 */
@Controller
@RequestMapping("/integrations/microsoft-365/contacts")
class ContactSyncPage {

    private final ContactSync contactSync;
    private final SharedMailboxPicker mailboxes;
    private final DirectoryPicker directory;
    private final EntraConnection connection;
    private final LastResults lastResults;
    private final JsonMapper json = JsonMapper.builder().build();

    ContactSyncPage(
            ContactSync contactSync,
            SharedMailboxPicker mailboxes,
            DirectoryPicker directory,
            EntraConnection connection,
            LastResults lastResults) {
        this.contactSync = contactSync;
        this.mailboxes = mailboxes;
        this.directory = directory;
        this.connection = connection;
        this.lastResults = lastResults;
    }

    @GetMapping
    String page(Model model) {
        ContactSyncSettings settings = contactSync.get();
        model.addAttribute("settings", settings);
        model.addAttribute("integration", connection.view());
        model.addAttribute("application", connection.view().mode() == IntegrationMode.APPLICATION);
        model.addAttribute("groups", safe(() -> directory.groups("", DirectoryPicker.MAX)));
        model.addAttribute("mailboxes", safe(() -> mailboxes.find("")));
        model.addAttribute("last", lastResults.contacts().orElse(null));
        return "contacts";
    }

    @PostMapping
    String save(
            @RequestParam(defaultValue = "false") boolean personalEnabled,
            @RequestParam(defaultValue = "ALL") String personalRange,
            @RequestParam(required = false) List<String> groupIds,
            @RequestParam(defaultValue = "false") boolean sharedEnabled,
            @RequestParam(defaultValue = "ALL") String sharedRange,
            @RequestParam(required = false) List<String> mailboxIds,
            @RequestParam(required = false) String phonebookName,
            @RequestParam(defaultValue = "false") boolean deleteSyncedContacts,
            RedirectAttributes redirect) {
        ObjectNode body = json.createObjectNode();
        ObjectNode personal = body.putObject("personal");
        personal.put("enabled", personalEnabled).put("range", personalRange);
        ArrayNode groups = personal.putArray("groupIds");
        (groupIds == null ? List.<String>of() : groupIds).forEach(groups::add);
        ObjectNode shared = body.putObject("sharedMailboxes");
        shared.put("enabled", sharedEnabled).put("range", sharedRange);
        ArrayNode ids = shared.putArray("mailboxIds");
        (mailboxIds == null ? List.<String>of() : mailboxIds).forEach(ids::add);
        if (phonebookName != null && !phonebookName.isBlank()) {
            shared.put("phonebookName", phonebookName);
        }
        body.put("deleteSyncedContacts", deleteSyncedContacts);
        try {
            contactSync.update(body);
            redirect.addFlashAttribute("saved", true);
        } catch (ProblemException e) {
            redirect.addFlashAttribute("saveError", e.getMessage());
        }
        return "redirect:/integrations/microsoft-365/contacts";
    }

    private static <T> List<T> safe(java.util.function.Supplier<List<T>> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
