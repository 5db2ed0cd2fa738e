package io.switchboard.portal;

import io.switchboard.audit.AuditTrail;
import io.switchboard.directory.PbxSettingsService;
import io.switchboard.entra.EntraConnection;
import io.switchboard.shared.ProblemException;
import java.security.Principal;
import java.time.ZoneId;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class PortalController {

    static final int RECENT_AUDIT_EVENTS = 20;

    private final EntraConnection connection;
    private final SyncSection sync;
    private final AuditTrail audit;
    private final PbxSettingsService pbx;
    private final PortalProblems problems;

    PortalController(
            EntraConnection connection,
            SyncSection sync,
            AuditTrail audit,
            PbxSettingsService pbx,
            PortalProblems problems) {
        this.connection = connection;
        this.sync = sync;
        this.audit = audit;
        this.pbx = pbx;
        this.problems = problems;
    }

    /** One line of the portal's audit section. */
    record AuditLine(String at, String actor, String action, String target, String details) {}

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home(Principal principal, Locale locale, Model model) {
        model.addAttribute("username", principal.getName());
        var view = connection.view();
        model.addAttribute("integration", view);
        model.addAttribute("statusReason", problems.statusReason(view, locale));
        model.addAttribute("secretWarning", problems.secretWarning(view, locale));
        model.addAttribute("sync", sync.view(locale));
        ZoneId zone = pbx.get().zone();
        model.addAttribute(
                "auditEvents",
                audit.recent(RECENT_AUDIT_EVENTS).stream()
                        .map(e -> new AuditLine(
                                SyncSection.when(e.at().toInstant(), zone),
                                e.actor(),
                                e.action(),
                                e.target(),
                                e.details().isEmpty() ? "" : e.details().toString()))
                        .toList());
        return "index";
    }

    /** The portal's "Sign in with Microsoft" button: off to Microsoft, or connected at once in application mode. */
    @PostMapping("/integration/connect")
    String connect(Locale locale, RedirectAttributes redirect) {
        try {
            String url = connection.startSignIn();
            return url == null ? "redirect:/" : "redirect:" + url;
        } catch (ProblemException e) {
            redirect.addFlashAttribute("connectError", problems.sentence(e, locale));
            return "redirect:/";
        }
    }
}
