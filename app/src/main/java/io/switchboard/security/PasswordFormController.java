package io.switchboard.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The portal's password form: on success the session ends with every other one and the sign-in
 * page says so; a refusal goes back to the form with the broken rule ({@code passwordError}), which
 * the portal words in the admin's language.
 */
@Controller
class PasswordFormController {

    private final PasswordChange passwords;

    PasswordFormController(PasswordChange passwords) {
        this.passwords = passwords;
    }

    @PostMapping("/account/password")
    String change(
            @RequestParam(required = false) String currentPassword,
            @RequestParam(required = false) String newPassword,
            @RequestParam(required = false) String confirmPassword,
            Principal principal,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        if (newPassword != null && !newPassword.equals(confirmPassword)) {
            redirect.addFlashAttribute("passwordError", "MISMATCH");
            return "redirect:/#password";
        }
        try {
            passwords.change(
                    principal.getName(),
                    currentPassword,
                    newPassword,
                    SignInDetails.source("portal").buildDetails(request));
        } catch (PasswordChange.Refused e) {
            redirect.addFlashAttribute("passwordError", e.rule());
            return "redirect:/#password";
        } catch (SignInThrottledException e) {
            redirect.addFlashAttribute("passwordError", "THROTTLED");
            redirect.addFlashAttribute("passwordRetryAfter", e.retryAfterSeconds());
            return "redirect:/#password";
        } catch (SignInBusyException e) {
            redirect.addFlashAttribute("passwordError", "BUSY");
            return "redirect:/#password";
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return "redirect:/login?passwordChanged";
    }
}
