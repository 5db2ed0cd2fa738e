package io.switchboard.sync;

import io.switchboard.reconcile.ObjectType;
import java.util.UUID;

/**
 * A deletion the guard held (X2).
 *
 * @param objectType {@code EXTENSION} or {@code GROUP}
 * @param targetId the extension or extension group that would be deleted
 */
public record HeldDeletion(
        UUID id, UUID runId, ObjectType objectType, UUID targetId, String sourceId, String displayName) {}
