package io.switchboard.reconcile;

import io.switchboard.entra.EntraUser;
import io.switchboard.shared.ExtensionNumber;
import io.switchboard.shared.TextRules;
import java.text.Normalizer;

/** How an Entra user's properties become extension fields (SPEC §2 field mapping, U2, U11). */
final class UserFields {

    static final int NAME_MAX = 100;
    static final int EMAIL_MAX = 254;
    static final int PHONE_MAX = 40;
    static final int JOB_TITLE_MAX = 128;

    private UserFields() {}

    static String firstName(EntraUser u) {
        String given = clean(u.givenName(), NAME_MAX);
        String surname = clean(u.surname(), NAME_MAX);
        return given == null && surname == null ? clean(u.displayName(), NAME_MAX) : given;
    }

    static String lastName(EntraUser u) {
        return clean(u.surname(), NAME_MAX);
    }

    static String email(EntraUser u) {
        String mail = clean(u.mail(), EMAIL_MAX + 1);
        return mail == null || mail.length() > EMAIL_MAX ? null : mail;
    }

    /** The mobile number, or null when the value holds no digit at all (such as {@code n/a}): that is no phone number. */
    static String mobile(EntraUser u) {
        String mobile = clean(u.mobilePhone(), PHONE_MAX);
        return mobile == null || !hasDigit(mobile) ? null : mobile;
    }

    private static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (Character.isDigit(c)) {
                return true;
            }
            i += Character.charCount(c);
        }
        return false;
    }

    static String jobTitle(EntraUser u) {
        return clean(u.jobTitle(), JOB_TITLE_MAX);
    }

    /** The raw value of the property numbers are read from, or null when the user has none. */
    static String property(EntraUser u, String property) {
        return switch (property) {
            case "businessPhones" ->
                u.businessPhones().isEmpty() ? null : u.businessPhones().get(0);
            case "mobilePhone" -> u.mobilePhone();
            case "employeeId" -> u.employeeId();
            default -> u.extensionAttributes().get(property.substring(property.indexOf('.') + 1));
        };
    }

    /** The number in a property value after NFKC normalisation and trimming, or null when it is not 1–15 digits. */
    static String number(String raw) {
        if (raw == null) {
            return null;
        }
        String normalized = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
        return ExtensionNumber.valid(normalized) ? normalized : null;
    }

    /** Trims, drops control characters, turns blank into null and cuts to the field's length. */
    static String clean(String value, int max) {
        if (value == null) {
            return null;
        }
        String text = TextRules.withoutControlCharacters(value).strip();
        if (text.isEmpty()) {
            return null;
        }
        return text.length() <= max ? text : text.substring(0, max).strip();
    }
}
