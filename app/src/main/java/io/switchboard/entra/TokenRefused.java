package io.switchboard.entra;

/** Microsoft refused a token request, or could not be reached; {@code reason} is in plain words (C4). */
class TokenRefused extends RuntimeException {

    private final String error;

    TokenRefused(String error, String reason) {
        super(reason);
        this.error = error;
    }

    /** The OAuth {@code error} ({@code invalid_client}, {@code invalid_grant} …), or {@code unreachable}. */
    String error() {
        return error;
    }
}
