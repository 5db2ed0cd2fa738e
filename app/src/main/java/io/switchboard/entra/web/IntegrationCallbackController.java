package io.switchboard.entra.web;

import io.swagger.v3.oas.annotations.Hidden;
import io.switchboard.entra.EntraConnection;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The integration Redirect URI: Microsoft sends the admin's browser back here with the code. It
 * needs no session: the single-use state it carries, bound to the sign-in this PBX started, is its proof.
 */
@Controller
@Hidden
class IntegrationCallbackController {

    private final EntraConnection connection;

    IntegrationCallbackController(EntraConnection connection) {
        this.connection = connection;
    }

    @GetMapping("/integration/callback")
    String callback(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String code,
            @RequestParam(required = false) String error,
            @RequestParam(name = "error_description", required = false) String errorDescription) {
        EntraConnection.SignInOutcome outcome = connection.completeSignIn(state, code, error, errorDescription);
        return "redirect:/?integration=" + outcome.name().toLowerCase(java.util.Locale.ROOT);
    }
}
