package io.switchboard.shared;

import io.switchboard.shared.ProblemException.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Collects the field errors of one request and turns them into one {@code VALIDATION_FAILED} problem. */
public final class FieldRules {

    public static final int NAME_MAX = 100;
    public static final int EMAIL_MAX = 254;
    public static final int PHONE_MAX = 40;
    public static final int JOB_TITLE_MAX = 128;
    public static final int COMPANY_MAX = 128;
    public static final int GROUP_NAME_MAX = 64;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern PHONE = Pattern.compile("[+]?[0-9 ()./\\-]{1,39}(\\s*(x|ext\\.?)\\s*[0-9]{1,8})?");

    private final List<FieldError> errors = new ArrayList<>();

    public FieldRules text(String field, String value, int max) {
        if (value == null) {
            return this;
        }
        if (TextRules.hasControlCharacter(value)) {
            errors.add(new FieldError(field, "must not contain control characters (such as line breaks or tabs)"));
        } else if (value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters long"));
        }
        return this;
    }

    public FieldRules required(String field, Object value) {
        if (value == null) {
            errors.add(new FieldError(field, "is required"));
        }
        return this;
    }

    public FieldRules number(String field, String value) {
        if (value != null && !ExtensionNumber.valid(value)) {
            errors.add(new FieldError(field, "must be 1 to 15 digits (0-9), without spaces or signs"));
        }
        return this;
    }

    public FieldRules email(String field, String value) {
        text(field, value, EMAIL_MAX);
        if (value != null
                && value.length() <= EMAIL_MAX
                && !EMAIL.matcher(value).matches()) {
            errors.add(new FieldError(field, "must be an email address such as alice@example.com"));
        }
        return this;
    }

    public FieldRules phone(String field, String value) {
        text(field, value, PHONE_MAX);
        if (value != null
                && value.length() <= PHONE_MAX
                && !TextRules.hasControlCharacter(value)
                && !PHONE.matcher(value).matches()) {
            errors.add(new FieldError(
                    field, "must be a phone number: digits, spaces, + ( ) - . / and an optional extension"));
        }
        return this;
    }

    public FieldRules check(boolean ok, String field, String message) {
        if (!ok) {
            errors.add(new FieldError(field, message));
        }
        return this;
    }

    public void throwIfAny() {
        if (errors.isEmpty()) {
            return;
        }
        String detail = errors.size() == 1
                ? errors.get(0).field() + " " + errors.get(0).message() + "."
                : "Correct these fields: "
                        + String.join(
                                "; ",
                                errors.stream()
                                        .map(e -> e.field() + " " + e.message())
                                        .toList())
                        + ".";
        throw new ProblemException(ProblemCode.VALIDATION_FAILED, detail, Map.of("errors", List.copyOf(errors)));
    }
}
