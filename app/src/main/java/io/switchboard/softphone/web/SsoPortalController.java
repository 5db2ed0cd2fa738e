package io.switchboard.softphone.web;

import io.swagger.v3.oas.annotations.Hidden;
import io.switchboard.entra.EntraConnection;
import io.switchboard.shared.ProblemException;
import io.switchboard.softphone.SoftphoneSso;
import io.switchboard.softphone.SsoSettings;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The portal's softphone sign-in section of Integrations › Microsoft 365 (S1). */
@Controller
@Hidden
class SsoPortalController {

    static final String PATH = "/integrations/microsoft-365/sso";

    private final SoftphoneSso sso;
    private final EntraConnection connection;

    SsoPortalController(SoftphoneSso sso, EntraConnection connection) {
        this.sso = sso;
        this.connection = connection;
    }

    @GetMapping(PATH)
    String page(Principal principal, Model model) {
        model.addAttribute("username", principal.getName());
        model.addAttribute("integration", connection.view());
        model.addAttribute("sso", sso.get());
        return "softphone/sso";
    }

    @PostMapping(PATH)
    String save(
            @RequestParam(defaultValue = "false") boolean enabled,
            @RequestParam(required = false) String webRedirectUri,
            RedirectAttributes redirect) {
        try {
            sso.update(new SsoSettings(enabled, webRedirectUri));
            redirect.addAttribute("saved", "");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("ssoError", e.getMessage());
        }
        return "redirect:" + PATH;
    }
}
