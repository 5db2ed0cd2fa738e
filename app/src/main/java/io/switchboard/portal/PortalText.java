package io.switchboard.portal;

import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The portal's wording of what the services return: a refusal worded from its stable code in the
 * admin's language (never the English detail), field names as the form labels them, and times in
 * the admin's locale and the PBX time zone.
 */
@Component
class PortalText {

    private final MessageSource messages;

    PortalText(MessageSource messages) {
        this.messages = messages;
    }

    /** A date and time in the admin's locale, in the PBX time zone; null for null. */
    static String when(Instant instant, ZoneId zone, Locale locale) {
        return instant == null
                ? null
                : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                        .withLocale(locale)
                        .format(instant.atZone(zone));
    }

    /** The sentence of a stable code, naming the fields it is about; the code's title when no sentence exists. */
    String problem(ProblemCode code, Collection<String> fields, Locale locale) {
        String names = fields.stream().map(f -> field(f, locale)).collect(Collectors.joining(separator(locale)));
        return messages.getMessage("problem." + code.name(), new Object[] {names}, code.title(), locale);
    }

    /** A refusal of a directory service worded from its code and the fields it names. */
    String refusal(ProblemException e, Locale locale) {
        return problem(e.code(), fields(e), locale);
    }

    String field(String apiName, Locale locale) {
        return messages.getMessage("field." + apiName, null, apiName, locale);
    }

    String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    static List<String> fields(ProblemException e) {
        List<String> names = new ArrayList<>();
        if (e.properties().get("errors") instanceof List<?> errors) {
            for (Object error : errors) {
                if (error instanceof ProblemException.FieldError f && !names.contains(f.field())) {
                    names.add(f.field());
                }
            }
        }
        if (e.properties().get("lockedFields") instanceof List<?> locked) {
            locked.stream().map(String::valueOf).filter(f -> !names.contains(f)).forEach(names::add);
        }
        return names;
    }

    private static String separator(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? "、" : ", ";
    }
}
