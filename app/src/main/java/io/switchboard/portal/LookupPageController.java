package io.switchboard.portal;

import io.switchboard.directory.CallerIdLookup;
import io.switchboard.directory.PbxSettingsService;
import io.switchboard.shared.ProblemException;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The admin's caller-ID look-up box (X5): what the PBX would show for a number. */
@Controller
class LookupPageController {

    private final CallerIdLookup lookup;
    private final PbxSettingsService settings;

    LookupPageController(CallerIdLookup lookup, PbxSettingsService settings) {
        this.lookup = lookup;
        this.settings = settings;
    }

    @GetMapping("/lookup")
    String page(@RequestParam(required = false) String number, Principal principal, Model model) {
        model.addAttribute("username", principal.getName());
        model.addAttribute("number", number == null ? "" : number);
        model.addAttribute("defaultCountry", settings.get().defaultCountry());
        if (number != null && !number.isBlank()) {
            try {
                model.addAttribute("result", lookup.lookup(number, null));
            } catch (ProblemException e) {
                model.addAttribute("invalid", true);
            }
        }
        return "lookup";
    }
}
