package io.switchboard.web;

import java.util.regex.Pattern;

/** Recognises text that would tell a client about the service's insides: classes, packages, libraries. */
final class ErrorTexts {

    private static final Pattern INTERNALS = Pattern.compile(
            "(?i)(io\\.switchboard|java\\.|javax\\.|jakarta\\.|tools\\.jackson|com\\.fasterxml|org\\.springframework"
                    + "|org\\.apache|springframework|jackson|tomcat|exception|cannot construct|\\bat [a-z]+\\.[a-z]+"
                    + "|\\b[a-z]+(\\.[a-z0-9]+)+\\.[A-Z]\\w+)");

    private ErrorTexts() {}

    static boolean leaksInternals(String text) {
        return INTERNALS.matcher(text).find();
    }
}
