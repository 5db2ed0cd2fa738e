package io.switchboard.presence.web;

import io.switchboard.directory.ExtensionDirectory;
import io.switchboard.directory.Presence;
import io.switchboard.presence.PresenceSync;
import io.switchboard.presence.TeamsAvailability;
import io.switchboard.presence.TeamsPresenceSetting;
import io.switchboard.shared.ProblemException;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The portal's Teams presence pages (T1–T2): the switch with the source in use, and one extension's mapping. */
@Controller
class PresencePortalController {

    private final PresenceSync presence;
    private final ExtensionDirectory extensions;

    PresencePortalController(PresenceSync presence, ExtensionDirectory extensions) {
        this.presence = presence;
        this.extensions = extensions;
    }

    @GetMapping("/integrations/microsoft-365/presence")
    String page(Model model) {
        model.addAttribute("status", presence.status());
        return "presence";
    }

    @PostMapping("/integrations/microsoft-365/presence")
    String turn(@RequestParam(defaultValue = "false") boolean enabled, RedirectAttributes redirect) {
        try {
            presence.setEnabled(enabled);
            redirect.addFlashAttribute("saved", true);
        } catch (ProblemException e) {
            redirect.addFlashAttribute("errorCode", e.code().name());
        }
        return "redirect:/integrations/microsoft-365/presence";
    }

    @GetMapping("/extensions/{id}/teams-presence")
    String mapping(@PathVariable UUID id, Model model) {
        model.addAttribute("extension", extensions.get(id));
        model.addAttribute("keys", TeamsAvailability.values());
        model.addAttribute("presences", Presence.values());
        try {
            model.addAttribute("setting", presence.get(id));
        } catch (ProblemException e) {
            model.addAttribute("errorCode", e.code().name());
            model.addAttribute("setting", TeamsPresenceSetting.DEFAULT);
        }
        return "teams-presence";
    }

    @PostMapping("/extensions/{id}/teams-presence")
    String save(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "false") boolean enabled,
            @RequestParam Map<String, String> form,
            RedirectAttributes redirect) {
        Map<TeamsAvailability, Presence> mapping = new EnumMap<>(TeamsAvailability.class);
        for (TeamsAvailability key : TeamsAvailability.values()) {
            String value = form.get("mapping." + key.name());
            if (value != null) {
                mapping.put(key, Presence.valueOf(value));
            }
        }
        try {
            presence.set(id, new TeamsPresenceSetting(enabled, mapping));
            redirect.addFlashAttribute("saved", true);
        } catch (ProblemException e) {
            redirect.addFlashAttribute("errorCode", e.code().name());
        }
        return "redirect:/extensions/" + id + "/teams-presence";
    }
}
