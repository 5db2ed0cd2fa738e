package io.switchboard.portal;

import io.switchboard.shared.ProblemException;
import java.util.List;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * A directory or history page asked for something that does not exist (a deleted extension, a
 * mistyped id, an unknown filter value) answers with a page in the admin's language, not with the
 * API's problem document.
 */
@ControllerAdvice(assignableTypes = {DirectoryPages.class, HistoryPages.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class PortalPageErrors {

    private final PortalText text;

    PortalPageErrors(PortalText text) {
        this.text = text;
    }

    @ExceptionHandler(ProblemException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String refused(ProblemException e, Model model, Locale locale) {
        model.addAttribute("message", text.refusal(e, locale));
        return "page-error";
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String mistyped(Model model, Locale locale) {
        model.addAttribute("message", text.problem(io.switchboard.shared.ProblemCode.NOT_FOUND, List.of(), locale));
        return "page-error";
    }
}
