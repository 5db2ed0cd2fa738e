package io.switchboard.shared;

import java.util.Locale;
import java.util.Objects;

/**
 * How email addresses are compared: without regard to case, so {@code Alice@Contoso.example} and
 * {@code alice@contoso.example} are one address. Every comparison of emails goes through {@link #key}.
 */
public final class Email {

    private Email() {}

    /** The comparison key of an address (lower case, {@link Locale#ROOT}); null for null. */
    public static String key(String email) {
        return email == null ? null : email.toLowerCase(Locale.ROOT);
    }

    /** Whether two addresses are the same address; two nulls are the same (no address). */
    public static boolean same(String a, String b) {
        return Objects.equals(key(a), key(b));
    }
}
