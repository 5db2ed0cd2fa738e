package io.switchboard.sync;

/**
 * The admin asked to disable or disconnect the integration (M6, M7). Published before anything is
 * changed and outside any database transaction, while the tokens still work, so listeners can
 * still call Microsoft Graph (the change trigger deletes its subscriptions, M2).
 *
 * @param disconnect whether the integration is being disconnected rather than disabled
 * @param deleteSyncedContacts the admin's choice for the contacts synced from Outlook (O1, O2):
 *     delete them, or keep them (disable) / release them as {@code LOCAL} (disconnect)
 */
public record IntegrationStopRequested(boolean disconnect, boolean deleteSyncedContacts) {

    public IntegrationStopRequested(boolean disconnect) {
        this(disconnect, false);
    }
}
