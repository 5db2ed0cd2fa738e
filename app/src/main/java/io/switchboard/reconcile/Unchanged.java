package io.switchboard.reconcile;

/**
 * A synced object already as it should be.
 *
 * @param objectType {@code EXTENSION} or {@code GROUP}
 */
public record Unchanged(String objectType, String sourceId, String displayName) {}
