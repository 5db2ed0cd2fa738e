package io.switchboard.portal;

import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every server-rendered page's header needs: the signed-in account's name. */
@ControllerAdvice(annotations = Controller.class)
class PortalPageModel {

    @ModelAttribute("username")
    String username(Principal principal) {
        return principal == null ? null : principal.getName();
    }
}
