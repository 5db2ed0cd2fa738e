package io.switchboard.shared;

import java.util.Locale;

/** Normalisation and checks shared by every text field the API accepts. */
public final class TextRules {

    private TextRules() {}

    /** Trims the value and turns blank into {@code null}. */
    public static String clean(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    /** True when the value holds a control character (C0, DEL or C1), which no directory field may hold. */
    public static boolean hasControlCharacter(String value) {
        return value != null && value.codePoints().anyMatch(Character::isISOControl);
    }

    /** The case-insensitive key of a name, used for uniqueness; emails use {@link Email#key}. */
    public static String key(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
