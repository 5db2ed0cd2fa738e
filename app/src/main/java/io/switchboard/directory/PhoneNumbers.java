package io.switchboard.directory;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.switchboard.shared.ExtensionNumber;

/**
 * Phone numbers as caller-ID lookup compares them (X5). Two keys: the {@link #suffix} that the
 * index stores, which does not depend on any country, and the {@link #matchKey} that decides a
 * match, computed with the PBX's default country at lookup time (ADR 0019).
 */
public final class PhoneNumbers {

    /** How many trailing digits the index keeps: short enough for the shortest national numbers in use. */
    public static final int SUFFIX_DIGITS = 6;

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {}

    /**
     * The digits of a number as written, in ASCII (full-width and other decimal digits read as
     * such), without a {@code tel:} scheme and without what follows the number itself: an
     * extension ({@code ;ext=12}, {@code x12}, {@code ext. 12}) or any other letter or {@code ;#,*}.
     */
    public static String digits(String written) {
        if (written == null) {
            return "";
        }
        StringBuilder digits = new StringBuilder();
        String text = withoutScheme(written);
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            int digit = Character.digit(c, 10);
            if (digit >= 0) {
                digits.append((char) ('0' + digit));
            } else if (!digits.isEmpty() && (Character.isLetter(c) || ";#,*".indexOf(c) >= 0)) {
                break;
            }
        }
        return digits.toString();
    }

    /** The key the index stores: the last {@value #SUFFIX_DIGITS} digits, or all of them when fewer. */
    public static String suffix(String written) {
        String digits = digits(written);
        return digits.length() <= SUFFIX_DIGITS ? digits : digits.substring(digits.length() - SUFFIX_DIGITS);
    }

    /**
     * The E.164 form of a number read with {@code country} as the country of national numbers, or
     * null when it is not a possible phone number (an extension number such as {@code 1001}).
     */
    public static String e164(String written, String country) {
        PhoneNumber number = parse(written, country);
        return number == null ? null : UTIL.format(number, PhoneNumberFormat.E164);
    }

    /** What two numbers must share to match: their E.164 form, else their digits as written. */
    public static String matchKey(String written, String country) {
        String e164 = e164(written, country);
        return e164 != null ? e164 : "#" + digits(written);
    }

    /**
     * The {@link #matchKey} of a number written with its country code ({@code +44 20 7946 0958},
     * {@code tel:+1…}), which no default country changes; null for a number written in national
     * form, whose key is only known with the country at lookup time.
     */
    public static String fixedMatchKey(String written) {
        return written != null && international(written) ? matchKey(written, "ZZ") : null;
    }

    /** A query read once: whether it can be looked up, its E.164 form (or null) and its match key. */
    public record Reading(boolean readable, String e164, String matchKey) {}

    /** Reads a query with the PBX's default country. */
    public static Reading read(String written, String country) {
        String digits = digits(written);
        if (digits.isEmpty()) {
            return new Reading(false, null, null);
        }
        PhoneNumber number = parse(written, country);
        if (number != null) {
            String e164 = UTIL.format(number, PhoneNumberFormat.E164);
            return new Reading(true, e164, e164);
        }
        return new Reading(readable(written, country), null, "#" + digits);
    }

    /**
     * Whether a query can be looked up: a number libphonenumber can read with {@code country}, or
     * digits that could be an extension number.
     */
    public static boolean readable(String written, String country) {
        String digits = digits(written);
        if (digits.isEmpty()) {
            return false;
        }
        if (parse(written, country) != null) {
            return true;
        }
        try {
            UTIL.parse(written, country);
            return true;
        } catch (NumberParseException e) {
            return !international(written) && digits.length() <= ExtensionNumber.MAX_DIGITS;
        }
    }

    /** Whether a query written as digits only could be this extension number (matched exactly). */
    public static boolean isExtensionNumber(String written, String number) {
        return !international(written) && digits(written).equals(number);
    }

    /**
     * The extension number a lookup asks for when written as such: its digits, when it is not
     * written as an international number and has 1 to 15 digits; else null.
     */
    public static String extensionNumber(String written) {
        String digits = digits(written);
        return international(written) || digits.isEmpty() || digits.length() > 15 ? null : digits;
    }

    private static PhoneNumber parse(String written, String country) {
        if (written == null || written.isBlank()) {
            return null;
        }
        PhoneNumber national = readText(written, country);
        if (national != null && UTIL.isValidNumber(national)) {
            return national;
        }
        String digits = digits(written);
        if (!international(written) && digits.startsWith("00")) {
            PhoneNumber dialled = readText("+" + digits.substring(2), country);
            if (dialled != null && UTIL.isValidNumber(dialled)) {
                return dialled;
            }
        }
        return national != null && UTIL.isPossibleNumber(national) ? national : null;
    }

    private static PhoneNumber readText(String text, String country) {
        try {
            return UTIL.parse(text, country);
        } catch (NumberParseException e) {
            return null;
        }
    }

    static boolean international(String written) {
        String text = withoutScheme(written).stripLeading();
        return text.startsWith("+") || text.startsWith("\uFF0B");
    }

    private static String withoutScheme(String written) {
        String text = written.strip();
        return text.regionMatches(true, 0, "tel:", 0, 4) ? text.substring(4) : text;
    }
}
