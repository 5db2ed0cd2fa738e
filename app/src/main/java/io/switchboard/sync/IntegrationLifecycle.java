package io.switchboard.sync;

import io.switchboard.directory.Extension;
import io.switchboard.directory.ExtensionGroup;
import io.switchboard.directory.SyncedDirectory;
import io.switchboard.entra.EntraConnection;
import io.switchboard.shared.Audited;
import io.switchboard.shared.Audited.Action;
import io.switchboard.trigger.ChangeTrigger;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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
    private final ChangeTrigger trigger;
    private final ApplicationEventPublisher events;

    IntegrationLifecycle(
            EntraConnection connection,
            SyncedDirectory directory,
            TenantMirror mirror,
            HeldDeletions held,
            ChangeTrigger trigger,
            ApplicationEventPublisher events) {
        this.events = events;
        this.connection = connection;
        this.directory = directory;
        this.mirror = mirror;
        this.held = held;
        this.trigger = trigger;
    }

    @Transactional
    public void disable(boolean deleteSyncedExtensions, boolean deleteSyncedGroups) {
        trigger.removeSubscriptions();
        connection.disable();
        deleteSynced(deleteSyncedExtensions, deleteSyncedGroups);
        audit(Action.DISABLED, deleteSyncedExtensions, deleteSyncedGroups);
    }

    @Transactional
    public void enable() {
        connection.enable();
        trigger.maintain();
        events.publishEvent(Audited.of(Action.ENABLED, "integration", Map.of()));
    }

    @Transactional
    public void disconnect(boolean deleteSyncedExtensions, boolean deleteSyncedGroups) {
        trigger.removeSubscriptions();
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
