package io.switchboard.portal;

import io.switchboard.entra.IntegrationStatus;
import io.switchboard.entra.IntegrationView;
import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Refusals and the integration's status reason as sentences of the page's language: a refusal is
 * worded from its stable code (and the field a validation names); a status reason the connection
 * wrote in English is worded again when it is one of the connection's own sentences, and shown as
 * it is otherwise (Microsoft's own words, for example).
 */
@Component
class PortalProblems {

    private static final Pattern DATA_CHECK = Pattern.compile(
            "Connected\\. Data initialization succeeded: (\\d+) users and (\\d+) groups can be read\\.");

    private final MessageSource messages;

    PortalProblems(MessageSource messages) {
        this.messages = messages;
    }

    String sentence(ProblemException e, Locale locale) {
        if (e.code() == ProblemCode.VALIDATION_FAILED
                && e.properties().get("errors") instanceof List<?> errors
                && !errors.isEmpty()
                && errors.get(0) instanceof ProblemException.FieldError field) {
            return messages.getMessage(
                    "m365.error.field", new Object[] {field.field(), field.message()}, e.getMessage(), locale);
        }
        return messages.getMessage("m365.error." + e.code().name(), null, e.getMessage(), locale);
    }

    String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    /** The early warning of C5 in the page's language: expired, or expiring within 30 days. */
    String secretWarning(IntegrationView view, Locale locale) {
        if (view.clientSecretWarning() == null) {
            return null;
        }
        return text(
                view.clientSecretWarning().contains("expired on") ? "m365.secret.expired" : "m365.secret.expiring",
                locale,
                view.clientSecretExpiresAt());
    }

    String statusReason(IntegrationView view, Locale locale) {
        String reason = view.statusReason();
        if (view.status() == IntegrationStatus.DISABLED) {
            return text("m365.reason.disabled", locale);
        }
        if (reason == null || reason.isBlank()) {
            return text("m365.reason." + view.status().name(), locale);
        }
        Matcher check = DATA_CHECK.matcher(reason);
        if (check.matches()) {
            return text("m365.reason.dataCheck", locale, check.group(1), check.group(2));
        }
        return switch (reason) {
            case "Settings saved. Sign in with the authorization account to connect." ->
                text("m365.reason.saved", locale);
            case "Disconnected. Enter the settings of a tenant to connect again." ->
                text("m365.reason.disconnected", locale);
            case "The new client secret works." -> text("m365.reason.secretWorks", locale);
            case "Connected again." -> text("m365.reason.connectedAgain", locale);
            default -> reason;
        };
    }
}
