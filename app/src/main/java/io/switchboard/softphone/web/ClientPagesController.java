package io.switchboard.softphone.web;

import io.swagger.v3.oas.annotations.Hidden;
import io.switchboard.directory.ExtensionDirectory;
import io.switchboard.directory.Presence;
import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import io.switchboard.shared.SoftphoneUser;
import io.switchboard.softphone.Platform;
import io.switchboard.softphone.SoftphoneSignIn;
import io.switchboard.web.ProblemStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The softphone web client's pages: sign-in, the client itself, and the page of a refused sign-in. */
@Controller
@Hidden
class ClientPagesController {

    private final ExtensionDirectory extensions;

    ClientPagesController(ExtensionDirectory extensions) {
        this.extensions = extensions;
    }

    @GetMapping({"/client/", "/client"})
    String client(@AuthenticationPrincipal SoftphoneUser user, Model model) {
        model.addAttribute("me", extensions.get(user.extensionId()));
        model.addAttribute("presences", List.of(Presence.values()));
        return "client/client";
    }

    @GetMapping("/client/sign-in")
    String signIn() {
        return "client/sign-in";
    }

    /** Reached only when no sign-in was started: an unknown platform, or SSO off or the integration disabled. */
    @GetMapping("/client/sso/microsoft")
    String notStarted(@RequestParam(required = false) String platform, HttpServletResponse response, Model model) {
        if (platform != null
                && Arrays.stream(Platform.values()).noneMatch(p -> p.name().equalsIgnoreCase(platform.strip()))) {
            throw ProblemException.invalid("platform", "must be WEB or MOBILE");
        }
        return refusal(ProblemCode.SSO_DISABLED, response, model);
    }

    @RequestMapping(SoftphoneSignIn.REFUSED_PATH)
    String refused(HttpServletRequest request, HttpServletResponse response, Model model) {
        Object code = request.getAttribute(SoftphoneSignIn.REFUSAL_ATTRIBUTE);
        return refusal(code instanceof ProblemCode c ? c : ProblemCode.SSO_TOKEN_INVALID, response, model);
    }

    private static String refusal(ProblemCode code, HttpServletResponse response, Model model) {
        response.setStatus(ProblemStatus.of(code).value());
        model.addAttribute("code", code.name());
        return "client/refused";
    }
}
