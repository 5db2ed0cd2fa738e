package io.switchboard.sync;

import io.switchboard.directory.Extension;
import io.switchboard.directory.ExtensionGroup;
import io.switchboard.directory.SyncedDirectory;
import io.switchboard.entra.EntraConnection;
import io.switchboard.shared.Audited;
import io.switchboard.shared.Audited.Action;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Disabling, enabling and disconnecting the integration (M6, M7), with the admin's choice of
 * deleting the synced extensions and groups. Disabled: retained objects stay synced and locked,
 * settings are frozen, nothing syncs. Disconnected: retained objects are released to full PBX
 * management, the secret and tokens are erased, and the copy of the tenant is forgotten. Both
 * remove the change-notification subscriptions first, while the tokens to do so still work (M2).
 */
@Service
public class IntegrationLifecycle {

    private final EntraConnection connection;
    private final SyncedDirectory directory;
    private final TenantMirror mirror;
    private final HeldDeletions held;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    IntegrationLifecycle(
            EntraConnection connection,
            SyncedDirectory directory,
            TenantMirror mirror,
            HeldDeletions held,
            TransactionTemplate transactions,
            ApplicationEventPublisher events) {
        this.events = events;
        this.connection = connection;
        this.directory = directory;
        this.mirror = mirror;
        this.held = held;
        this.transactions = transactions;
    }

    /** Graph is called (to delete the subscriptions) before the transaction that disables, never inside it. */
    public void disable(boolean deleteSyncedExtensions, boolean deleteSyncedGroups) {
        disable(deleteSyncedExtensions, deleteSyncedGroups, false);
    }

    /** As {@link #disable(boolean, boolean)}, with the choice for the contacts synced from Outlook (O1, O2). */
    public void disable(boolean deleteSyncedExtensions, boolean deleteSyncedGroups, boolean deleteSyncedContacts) {
        events.publishEvent(new IntegrationStopRequested(false, deleteSyncedContacts));
        transactions.executeWithoutResult(status -> {
            connection.disable();
            deleteSynced(deleteSyncedExtensions, deleteSyncedGroups);
            audit(Action.DISABLED, deleteSyncedExtensions, deleteSyncedGroups);
        });
    }

    public void enable() {
        transactions.executeWithoutResult(status -> {
            connection.enable();
            events.publishEvent(Audited.of(Action.ENABLED, "integration", Map.of()));
        });
        events.publishEvent(new SyncSettingsChanged("integration"));
    }

    /** Graph is called (to delete the subscriptions) before the transaction that disconnects, never inside it. */
    public void disconnect(boolean deleteSyncedExtensions, boolean deleteSyncedGroups) {
        disconnect(deleteSyncedExtensions, deleteSyncedGroups, false);
    }

    /** As {@link #disconnect(boolean, boolean)}, with the choice for the contacts synced from Outlook (O1, O2). */
    public void disconnect(boolean deleteSyncedExtensions, boolean deleteSyncedGroups, boolean deleteSyncedContacts) {
        events.publishEvent(new IntegrationStopRequested(true, deleteSyncedContacts));
        transactions.executeWithoutResult(
                status -> disconnectInTransaction(deleteSyncedExtensions, deleteSyncedGroups));
    }

    private void disconnectInTransaction(boolean deleteSyncedExtensions, boolean deleteSyncedGroups) {
        deleteSynced(deleteSyncedExtensions, deleteSyncedGroups);
        held.discard(List.of());
        directory.groups().stream().filter(ExtensionGroup::synced).forEach(g -> directory.releaseGroup(g.id()));
        directory.extensions().stream().filter(Extension::synced).forEach(e -> directory.releaseExtension(e.id()));
        mirror.replace(List.of(), List.of());
        mirror.setState(TenantMirror.USERS_DELTA, null);
        mirror.setState(TenantMirror.GROUPS_DELTA, null);
        mirror.setState(TenantMirror.READ_FOR, null);
        connection.disconnect();
        audit(Action.DISCONNECTED, deleteSyncedExtensions, deleteSyncedGroups);
    }

    private void audit(Action action, boolean deleteSyncedExtensions, boolean deleteSyncedGroups) {
        events.publishEvent(Audited.of(
                action,
                "integration",
                Audited.details(
                        "deleteSyncedExtensions", deleteSyncedExtensions, "deleteSyncedGroups", deleteSyncedGroups)));
    }

    private void deleteSynced(boolean extensions, boolean groups) {
        if (groups) {
            directory.groups().stream()
                    .filter(ExtensionGroup::synced)
                    .forEach(g -> directory.deleteSyncedGroup(g.id()));
        }
        if (extensions) {
            directory.extensions().stream()
                    .filter(Extension::synced)
                    .forEach(e -> directory.deleteSyncedExtension(e.id()));
        }
    }
}
