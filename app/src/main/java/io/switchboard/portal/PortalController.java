package io.switchboard.portal;

import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class PortalController {

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home(Principal principal, Model model) {
        model.addAttribute("username", principal.getName());
        return "index";
    }
}
