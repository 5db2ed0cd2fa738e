package io.switchboard.sync;

/**
 * The admin asked to disable or disconnect the integration (M6, M7). Published before anything is
 * changed and outside any database transaction, while the tokens still work, so listeners can
 * still call Microsoft Graph (the change trigger deletes its subscriptions, M2).
 *
 * @param disconnect whether the integration is being disconnected rather than disabled
 */
public record IntegrationStopRequested(boolean disconnect) {}
