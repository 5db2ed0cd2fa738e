package io.switchboard.secrets;

/**
 * A stored secret does not open with the master key in use: the key differs from the one that
 * sealed it, or the value was altered. The message says so in words and names where the key comes
 * from, never the key.
 */
public class SecretUnreadableException extends IllegalStateException {

    SecretUnreadableException(String keySource) {
        super("A stored secret cannot be opened with the master key from " + keySource
                + ": it was sealed with another key, or altered. Start the service with the key that sealed it,"
                + " or enter the client secret again and sign in again.");
    }
}
