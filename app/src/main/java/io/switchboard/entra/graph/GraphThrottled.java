package io.switchboard.entra.graph;

import java.time.Duration;

/** Graph answered 429 and no attempt was left; {@code retryAfter} is its {@code Retry-After}, or null without one. */
public final class GraphThrottled extends GraphException {

    private final Duration retryAfter;

    GraphThrottled(GraphException cause, Duration retryAfter) {
        super(cause.status(), cause.code(), cause.getMessage(), cause.requestId(), cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
