package io.switchboard.secrets;

/** The configured master key cannot be used; the message names where it came from, never its value. */
class MalformedMasterKeyException extends IllegalStateException {

    private final String source;

    MalformedMasterKeyException(String source, String message) {
        super(message);
        this.source = source;
    }

    /** The environment variable or key file the key was read from. */
    String source() {
        return source;
    }
}
