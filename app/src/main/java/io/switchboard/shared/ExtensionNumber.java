package io.switchboard.shared;

import java.util.Optional;

/**
 * An extension number: 1 to 15 ASCII digits, kept as written, leading zeros included ({@code 0100}
 * and {@code 100} are two numbers). The one place that knows the digit rule.
 */
public record ExtensionNumber(String value) {

    /** The most digits a number has. */
    public static final int MAX_DIGITS = 15;

    /** The rule as a sentence, for refusals that name the field. */
    public static final String RULE = "must be 1 to 15 digits";

    public ExtensionNumber {
        if (!valid(value)) {
            throw new IllegalArgumentException("An extension number " + RULE + ".");
        }
    }

    /** Whether the text is a number as it stands: 1 to 15 digits, nothing around them. */
    public static boolean valid(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_DIGITS) {
            return false;
        }
        // a loop rather than a pattern: every number the planner counts up to is checked here
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The number the text holds, or empty when it is not 1 to 15 digits. */
    public static Optional<ExtensionNumber> parse(String text) {
        return valid(text) ? Optional.of(new ExtensionNumber(text)) : Optional.empty();
    }

    /** The number the text holds; throws {@link IllegalArgumentException} when it is not 1 to 15 digits. */
    public static ExtensionNumber of(String text) {
        return new ExtensionNumber(text);
    }

    /**
     * The next number counting up with the same width: {@code 0100} → {@code 0101}, {@code 0999} →
     * {@code 1000}, {@code 9} → {@code 10}; empty after {@code 999999999999999} (15 digits).
     */
    public Optional<ExtensionNumber> next() {
        char[] digits = value.toCharArray();
        for (int i = digits.length - 1; i >= 0; i--) {
            if (digits[i] != '9') {
                digits[i]++;
                return Optional.of(new ExtensionNumber(new String(digits)));
            }
            digits[i] = '0';
        }
        return digits.length == MAX_DIGITS
                ? Optional.empty()
                : Optional.of(new ExtensionNumber("1" + new String(digits)));
    }

    @Override
    public String toString() {
        return value;
    }
}
