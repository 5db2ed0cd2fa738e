package io.switchboard.reconcile;

/**
 * A synced object already as it should be.
 *
 * @param objectType {@link ObjectType#EXTENSION} or {@link ObjectType#GROUP}
 */
public record Unchanged(ObjectType objectType, String sourceId, String displayName) {}
