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
        if (value == null) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            // Every ISO control character is in the Basic Multilingual Plane, so a char is enough.
            if (Character.isISOControl(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The value without its control characters (those {@link #hasControlCharacter} finds); the value
     * itself when it has none, as nearly every value has.
     */
    public static String withoutControlCharacters(String value) {
        if (!hasControlCharacter(value)) {
            return value;
        }
        StringBuilder kept = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!Character.isISOControl(c)) {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    /** The case-insensitive key of a name, used for uniqueness; emails use {@link Email#key}. */
    public static String key(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
