package io.switchboard.entra;

/** One user's Teams presence as Graph reports it (reference §7.1); the values are Graph's words, unchecked. */
public record GraphPresence(String id, String availability, String activity) {}
