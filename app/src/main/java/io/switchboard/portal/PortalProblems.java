package io.switchboard.portal;

import io.switchboard.entra.IntegrationStatus;
import io.switchboard.entra.IntegrationView;
import io.switchboard.reconcile.ChangeReason;
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

    /**
     * A refusal in the page's language, from its stable code: a validation names the field's rule
     * ({@code m365.invalid.<field>}), or the field as the API names it; other refusals are worded
     * from {@code m365.error.<CODE>}, else {@code problem.<CODE>}, else the code's title. The
     * English detail is never shown.
     */
    String sentence(ProblemException e, Locale locale) {
        return sentence("m365.error.", e, locale);
    }

    /** As {@link #sentence(ProblemException, Locale)}, trying {@code <prefix><CODE>} first. */
    String sentence(String prefix, ProblemException e, Locale locale) {
        if (e.code() == ProblemCode.VALIDATION_FAILED) {
            List<String> fields = PortalText.fields(e);
            if (!fields.isEmpty()) {
                String rule = messages.getMessage("m365.invalid." + fields.get(0), null, null, locale);
                if (rule != null) {
                    return rule;
                }
                String label = messages.getMessage("field." + fields.get(0), null, fields.get(0), locale);
                return messages.getMessage("problem.VALIDATION_FAILED", new Object[] {label}, locale);
            }
        }
        String code = e.code().name();
        String own = messages.getMessage(prefix + code, null, null, locale);
        if (own != null) {
            return own;
        }
        String shared = messages.getMessage("m365.error." + code, null, null, locale);
        return shared != null
                ? shared
                : messages.getMessage("problem." + code, null, e.code().title(), locale);
    }

    /** The reason of a planned change in the page's language, worded from its code. */
    String changeReason(String reason, Locale locale) {
        return ChangeReason.of(reason)
                .map(r -> messages.getMessage(
                        "m365.change." + r.code().name(), r.values().toArray(), reason, locale))
                .orElse(reason);
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
