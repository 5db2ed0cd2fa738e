package io.switchboard.portal;

import io.switchboard.entra.EntraConnection;
import io.switchboard.shared.ProblemException;
import java.security.Principal;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class PortalController {

    private final EntraConnection connection;
    private final SyncSection sync;

    PortalController(EntraConnection connection, SyncSection sync) {
        this.connection = connection;
        this.sync = sync;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home(Principal principal, Locale locale, Model model) {
        model.addAttribute("username", principal.getName());
        model.addAttribute("integration", connection.view());
        model.addAttribute("sync", sync.view(locale));
        return "index";
    }

    /** The portal's "Sign in with Microsoft" button: off to Microsoft, or connected at once in application mode. */
    @PostMapping("/integration/connect")
    String connect(RedirectAttributes redirect) {
        try {
            String url = connection.startSignIn();
            return url == null ? "redirect:/" : "redirect:" + url;
        } catch (ProblemException e) {
            redirect.addFlashAttribute("connectError", e.getMessage());
            return "redirect:/";
        }
    }
}
