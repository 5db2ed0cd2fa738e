package io.switchboard.entra;

/** Graph cannot be called now: not connected, disabled, or Microsoft refused the tokens; the message says why. */
public class EntraUnavailable extends RuntimeException {

    public EntraUnavailable(String reason) {
        super(reason);
    }
}
