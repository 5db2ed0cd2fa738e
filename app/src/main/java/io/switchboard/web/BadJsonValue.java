package io.switchboard.web;

/**
 * A JSON value that reads but breaks a rule of the API (such as a lone surrogate in a string or a
 * number where an ISO-8601 duration belongs); the exception handler names the field from where
 * the reader was.
 */
final class BadJsonValue extends RuntimeException {

    BadJsonValue(String message) {
        super(message, null, false, false);
    }
}
