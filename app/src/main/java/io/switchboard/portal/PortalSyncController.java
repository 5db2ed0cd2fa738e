package io.switchboard.portal;

import io.switchboard.directory.PbxSettingsService;
import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import io.switchboard.sync.HeldDeletions;
import io.switchboard.sync.SyncRuns;
import io.switchboard.sync.SyncService;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The portal's sync buttons: Update Now (M3) and approving or discarding the held deletions (X2).
 * Each answers with a redirect to the home page and a sentence to show there; refusals are shown
 * as their sentence, never as an error page.
 */
@Controller
class PortalSyncController {

    /** Refusals of Update now that the page words in its own language. */
    private static final Set<ProblemCode> WORDED_REFUSALS =
            Set.of(ProblemCode.INTEGRATION_DISABLED, ProblemCode.NOT_CONNECTED, ProblemCode.NOTHING_TO_SYNC);

    private final SyncService sync;
    private final HeldDeletions held;
    private final PbxSettingsService pbx;
    private final PortalProblems problems;

    PortalSyncController(SyncService sync, HeldDeletions held, PbxSettingsService pbx, PortalProblems problems) {
        this.sync = sync;
        this.held = held;
        this.pbx = pbx;
        this.problems = problems;
    }

    @PostMapping("/sync/update-now")
    String updateNow(Locale locale, RedirectAttributes redirect) {
        try {
            SyncRuns.Start start = sync.updateNow();
            redirect.addFlashAttribute(
                    start.started() ? "syncStarted" : "syncAlreadyRunning",
                    SyncSection.when(start.run().startedAt(), pbx.get().zone()));
            redirect.addFlashAttribute("syncRunId", start.run().id().toString());
        } catch (ProblemException e) {
            redirect.addFlashAttribute("syncError", problems.sentence(e, locale));
            if (WORDED_REFUSALS.contains(e.code())) {
                redirect.addFlashAttribute("syncErrorCode", e.code().name());
            }
        }
        return "redirect:/#sync";
    }

    @PostMapping("/sync/held-deletions/approve")
    String approve(Locale locale, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("heldApproved", held.approve(List.of()).size());
        } catch (ProblemException e) {
            redirect.addFlashAttribute("heldError", problems.sentence("held.refused.", e, locale));
        }
        return "redirect:/#held";
    }

    @PostMapping("/sync/held-deletions/discard")
    String discard(Locale locale, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("heldDiscarded", held.discard(List.of()).size());
        } catch (ProblemException e) {
            redirect.addFlashAttribute("heldError", problems.sentence("held.refused.", e, locale));
        }
        return "redirect:/#held";
    }
}
