package io.switchboard.secrets;

/** The master key does not open what is stored sealed in the database; start-up stops. */
class WrongMasterKeyException extends IllegalStateException {

    private final String source;

    WrongMasterKeyException(String source) {
        super("The master key from " + source + " does not open the secrets stored in the database: they were"
                + " sealed with another key.");
        this.source = source;
    }

    String source() {
        return source;
    }
}
