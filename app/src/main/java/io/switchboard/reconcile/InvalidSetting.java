package io.switchboard.reconcile;

/**
 * A sync setting that breaks a rule, naming the setting by its API name; the web layer answers it
 * as a {@code VALIDATION_FAILED} problem for that field.
 */
public final class InvalidSetting extends IllegalArgumentException {

    private final String field;
    private final String rule;

    public InvalidSetting(String field, String rule) {
        super(field + ": " + rule);
        this.field = field;
        this.rule = rule;
    }

    /** The setting's API name, such as {@code startNumber}. */
    public String field() {
        return field;
    }

    /** What the setting must be, such as {@code must be 1 to 15 digits, such as "1000"}. */
    public String rule() {
        return rule;
    }
}
