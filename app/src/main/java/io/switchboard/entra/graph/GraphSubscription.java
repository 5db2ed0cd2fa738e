package io.switchboard.entra.graph;

import java.time.Instant;

/** A change-notification subscription as Graph answered it. */
public record GraphSubscription(String id, String resource, Instant expirationDateTime) {}
