package io.switchboard.entra.graph;

/**
 * The delta link is expired, unknown or reset by Graph (400/410 with {@code syncStateNotFound}, {@code
 * syncStateInvalid} or {@code resyncRequired}): the caller must start a new round with a null link and reconcile.
 */
public class FullSyncRequired extends GraphException {

    public FullSyncRequired(int status, String code, String message, String requestId) {
        super(status, code, message, requestId);
    }
}
