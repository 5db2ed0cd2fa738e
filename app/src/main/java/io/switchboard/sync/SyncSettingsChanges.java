package io.switchboard.sync;

import io.switchboard.directory.Extension;
import io.switchboard.directory.ExtensionGroup;
import io.switchboard.directory.SyncedDirectory;
import io.switchboard.entra.EntraConnection;
import io.switchboard.reconcile.GroupSyncSettings;
import io.switchboard.reconcile.UserSyncSettings;
import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import java.util.Objects;
import java.util.function.BiFunction;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Saving the sync settings: a save that switches user or group sync on syncs that part at once
 * (U7); switching a sync off
 * pauses it (M4, M5), optionally deleting what it synced; paused settings stay as they were and
 * cannot change until it is switched on again. Either way the change-notification subscriptions
 * follow: there are none while both syncs are off (M2).
 */
@Service
public class SyncSettingsChanges {

    private final RuleSettings rules;
    private final SyncedDirectory directory;
    private final EntraConnection connection;
    private final SyncService sync;
    private final ApplicationEventPublisher events;

    SyncSettingsChanges(
            RuleSettings rules,
            SyncedDirectory directory,
            EntraConnection connection,
            SyncService sync,
            ApplicationEventPublisher events) {
        this.rules = rules;
        this.directory = directory;
        this.connection = connection;
        this.sync = sync;
        this.events = events;
    }

    public UserSyncSettings users() {
        return rules.users();
    }

    public GroupSyncSettings groups() {
        return rules.groups();
    }

    /**
     * Saves the user-sync settings a patch document makes of the current ones; {@code merge} reads
     * the document over the current settings as the API shapes them and refuses a field that
     * breaks a rule.
     */
    public UserSyncSettings updateUsers(
            JsonNode document, BiFunction<UserSyncSettings, JsonNode, UserSyncSettings> merge) {
        requireIntegrationEnabled();
        boolean deleteSynced = takeFlag(document, "deleteSyncedExtensions");
        boolean first = !rules.everSaved();
        UserSyncSettings current = rules.users();
        UserSyncSettings next = merge.apply(current, document);
        requireNotFrozen(first, current.enabled(), next.enabled(), !Objects.equals(current, next), "user sync");
        rules.save(next);
        if (current.enabled() && !next.enabled() && deleteSynced) {
            directory.extensions().stream()
                    .filter(Extension::synced)
                    .forEach(e -> directory.deleteSyncedExtension(e.id()));
        }
        afterSave(RuleSettings.USERS, !current.enabled() && next.enabled());
        return next;
    }

    /** Saves the group-sync settings a patch document makes of the current ones, as {@link #updateUsers}. */
    public GroupSyncSettings updateGroups(
            JsonNode document, BiFunction<GroupSyncSettings, JsonNode, GroupSyncSettings> merge) {
        requireIntegrationEnabled();
        boolean deleteSynced = takeFlag(document, "deleteSyncedGroups");
        boolean first = !rules.everSaved();
        GroupSyncSettings current = rules.groups();
        GroupSyncSettings next = merge.apply(current, document);
        requireNotFrozen(first, current.enabled(), next.enabled(), !Objects.equals(current, next), "group sync");
        rules.save(next);
        if (current.enabled() && !next.enabled() && deleteSynced) {
            directory.groups().stream()
                    .filter(ExtensionGroup::synced)
                    .forEach(g -> directory.deleteSyncedGroup(g.id()));
        }
        afterSave(RuleSettings.GROUPS, !current.enabled() && next.enabled());
        return next;
    }

    /**
     * A save that switches a part on syncs that part at once (U7): a new run, or the running one
     * when it has not planned yet, or a follow-up run when it has.
     */
    private void afterSave(String what, boolean switchedOn) {
        if (switchedOn && connection.connected()) {
            sync.syncPartSwitchedOn();
        }
        events.publishEvent(new SyncSettingsChanged(what));
    }

    private void requireIntegrationEnabled() {
        SyncSettingsStore.requireEditable(connection);
    }

    private static void requireNotFrozen(boolean first, boolean wasOn, boolean isOn, boolean changed, String what) {
        if (!first && !wasOn && !isOn && changed) {
            throw new ProblemException(
                    ProblemCode.SETTINGS_FROZEN,
                    "The " + what + " is paused, so its settings cannot change. Switch it on (enabled: true) to edit"
                            + " them again.");
        }
    }

    private static boolean takeFlag(JsonNode document, String name) {
        if (document instanceof ObjectNode object && object.has(name)) {
            JsonNode flag = object.remove(name);
            if (!flag.isBoolean()) {
                throw ProblemException.invalid(name, "must be true or false");
            }
            return flag.asBoolean();
        }
        return false;
    }
}
