package io.switchboard.web;

import java.io.IOException;

/** A request body that went past its limit while being read; answered 413 {@code PAYLOAD_TOO_LARGE}. */
final class BodyTooLarge extends IOException {

    private final long limit;

    BodyTooLarge(long limit) {
        super("The request body is larger than " + limit + " bytes", null);
        this.limit = limit;
    }

    long limit() {
        return limit;
    }
}
