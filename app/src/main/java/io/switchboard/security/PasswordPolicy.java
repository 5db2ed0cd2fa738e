package io.switchboard.security;

import java.util.Locale;
import java.util.Optional;

/**
 * The administrator password policy: {@value #MIN_LENGTH} to {@value #MAX_LENGTH} characters,
 * not the username and not the current password. Length is what makes a password hard to guess;
 * the upper bound keeps each check's hashing cost bounded.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;

    /** A rule a proposed password breaks; the portal words it from {@code password.rule.<NAME>}. */
    enum Broken {
        /** No new password was given. */
        MISSING("is required"),
        /** Fewer than {@value #MIN_LENGTH} characters. */
        TOO_SHORT("must have at least " + MIN_LENGTH + " characters"),
        /** More than {@value #MAX_LENGTH} characters. */
        TOO_LONG("must have at most " + MAX_LENGTH + " characters"),
        /** Equal to the username. */
        SAME_AS_USERNAME("must not be the username"),
        /** Equal to the current password. */
        SAME_AS_CURRENT("must differ from the current password");

        private final String message;

        Broken(String message) {
            this.message = message;
        }

        String message() {
            return message;
        }
    }

    /** The sentence stating the policy, as the docs and the error answers give it. */
    static final String STATEMENT = "The password must have " + MIN_LENGTH + " to " + MAX_LENGTH
            + " characters and differ from the username and from the current password.";

    private PasswordPolicy() {}

    static Optional<Broken> check(String username, String current, String proposed) {
        if (proposed == null || proposed.isEmpty()) {
            return Optional.of(Broken.MISSING);
        }
        int length = proposed.codePointCount(0, proposed.length());
        if (length < MIN_LENGTH) {
            return Optional.of(Broken.TOO_SHORT);
        }
        if (length > MAX_LENGTH) {
            return Optional.of(Broken.TOO_LONG);
        }
        if (proposed.strip().toLowerCase(Locale.ROOT).equals(username.toLowerCase(Locale.ROOT))) {
            return Optional.of(Broken.SAME_AS_USERNAME);
        }
        if (proposed.equals(current)) {
            return Optional.of(Broken.SAME_AS_CURRENT);
        }
        return Optional.empty();
    }
}
