package io.switchboard.contacts;

import io.switchboard.contacts.ContactSyncSettings.MailboxRange;
import io.switchboard.contacts.ContactSyncSettings.PersonalRange;
import io.switchboard.directory.SyncedContacts;
import io.switchboard.entra.EntraConnection;
import io.switchboard.shared.EntraIds;
import io.switchboard.shared.ProblemException;
import io.switchboard.shared.TextRules;
import io.switchboard.sync.IntegrationStopRequested;
import io.switchboard.sync.SyncService;
import io.switchboard.sync.SyncSettingsChanged;
import io.switchboard.sync.SyncSettingsStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The contact-sync settings and what follows a change of them (O1, O2): a part newly switched on
 * starts a run (trigger {@code INITIAL}); a part switched off deletes or releases what it synced
 * ({@code deleteSyncedContacts}); so do disabling (delete, or keep locked) and disconnecting
 * (delete, or release as {@code LOCAL}). Frozen while the integration is disabled (M6).
 */
@Service
public class ContactSync {

    static final String NAME = "contact-sync";
    private static final int PHONEBOOK_NAME_MAX = 64;

    private final SyncSettingsStore store;
    private final EntraConnection connection;
    private final SyncedContacts contacts;
    private final ContactState state;
    private final SyncService sync;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    ContactSync(
            SyncSettingsStore store,
            EntraConnection connection,
            SyncedContacts contacts,
            ContactState state,
            SyncService sync,
            TransactionTemplate transactions,
            ApplicationEventPublisher events) {
        this.store = store;
        this.connection = connection;
        this.contacts = contacts;
        this.state = state;
        this.sync = sync;
        this.transactions = transactions;
        this.events = events;
    }

    public ContactSyncSettings get() {
        return store.read(NAME, ContactSyncSettings.class).orElse(ContactSyncSettings.DEFAULT);
    }

    /** Saves the settings a patch document makes of the current ones; fields left out stay. */
    public ContactSyncSettings update(JsonNode document) {
        SyncSettingsStore.requireEditable(connection);
        if (document == null || !document.isObject()) {
            throw ProblemException.invalid(
                    "personal", "the body must be a JSON object with personal and/or sharedMailboxes");
        }
        for (String field : document.propertyNames()) {
            if (!Set.of("personal", "sharedMailboxes", "deleteSyncedContacts").contains(field)) {
                throw ProblemException.invalid(
                        field, "is not a contact-sync setting (personal, sharedMailboxes, deleteSyncedContacts)");
            }
        }
        boolean delete = flag(document, "deleteSyncedContacts");
        ContactSyncSettings current = get();
        ContactSyncSettings next = new ContactSyncSettings(
                personal(current.personal(), document.get("personal")),
                shared(current.sharedMailboxes(), document.get("sharedMailboxes")));
        List<Part> switchedOn = new ArrayList<>();
        transactions.executeWithoutResult(status -> {
            store.write(NAME, next);
            for (Part part : Part.values()) {
                if (current.on(part) && !next.on(part)) {
                    stop(part, delete);
                } else if (!current.on(part) && next.on(part)) {
                    switchedOn.add(part);
                }
            }
        });
        if (!switchedOn.isEmpty() && connection.connected()) {
            sync.syncPartSwitchedOn();
        }
        events.publishEvent(new SyncSettingsChanged(NAME));
        return next;
    }

    /** Disable: delete the synced contacts when asked, else keep them locked; disconnect: delete or release. */
    @EventListener
    void onStopRequested(IntegrationStopRequested requested) {
        transactions.executeWithoutResult(status -> {
            for (Part part : Part.values()) {
                if (requested.deleteSyncedContacts()) {
                    contacts.deleteAll(part == Part.PERSONAL);
                } else if (requested.disconnect()) {
                    contacts.releaseAll(part == Part.PERSONAL);
                }
            }
            if (requested.disconnect() || requested.deleteSyncedContacts()) {
                state.forget(null);
            }
        });
    }

    private void stop(Part part, boolean delete) {
        if (delete) {
            contacts.deleteAll(part == Part.PERSONAL);
        } else {
            contacts.releaseAll(part == Part.PERSONAL);
        }
        state.forget(part);
    }

    private static ContactSyncSettings.Personal personal(ContactSyncSettings.Personal current, JsonNode patch) {
        if (patch == null || patch.isNull()) {
            return current;
        }
        requireObject(patch, "personal", Set.of("enabled", "range", "groupIds"));
        EntraIds.requireObjectIds(patch, "groupIds");
        Boolean enabled = bool(patch, "enabled", "personal.enabled", current.enabled());
        PersonalRange range = patch.has("range")
                ? enumValue(PersonalRange.class, patch.get("range"), "personal.range")
                : current.range();
        List<String> groupIds =
                patch.has("groupIds") ? ids(patch.get("groupIds"), "personal.groupIds") : current.groupIds();
        if (enabled && range == PersonalRange.GROUPS && groupIds.isEmpty()) {
            throw ProblemException.invalid("personal.groupIds", "must name at least one group when range is GROUPS");
        }
        return new ContactSyncSettings.Personal(enabled, range, groupIds);
    }

    private static ContactSyncSettings.SharedMailboxes shared(
            ContactSyncSettings.SharedMailboxes current, JsonNode patch) {
        if (patch == null || patch.isNull()) {
            return current;
        }
        requireObject(patch, "sharedMailboxes", Set.of("enabled", "range", "mailboxIds", "phonebookName"));
        EntraIds.requireObjectIds(patch, "mailboxIds");
        Boolean enabled = bool(patch, "enabled", "sharedMailboxes.enabled", current.enabled());
        MailboxRange range = patch.has("range")
                ? enumValue(MailboxRange.class, patch.get("range"), "sharedMailboxes.range")
                : current.range();
        List<String> mailboxIds = patch.has("mailboxIds")
                ? ids(patch.get("mailboxIds"), "sharedMailboxes.mailboxIds")
                : current.mailboxIds();
        String name = current.phonebookName();
        if (patch.has("phonebookName")) {
            JsonNode n = patch.get("phonebookName");
            if (!n.isString() || TextRules.clean(n.asString()) == null) {
                throw ProblemException.invalid("sharedMailboxes.phonebookName", "must be a name of 1 to 64 characters");
            }
            name = TextRules.clean(n.asString());
            if (name.length() > PHONEBOOK_NAME_MAX || TextRules.hasControlCharacter(name)) {
                throw ProblemException.invalid(
                        "sharedMailboxes.phonebookName",
                        "must be a name of 1 to 64 characters without control characters");
            }
        }
        if (enabled && range == MailboxRange.MAILBOXES && mailboxIds.isEmpty()) {
            throw ProblemException.invalid(
                    "sharedMailboxes.mailboxIds", "must name at least one shared mailbox when range is MAILBOXES");
        }
        return new ContactSyncSettings.SharedMailboxes(enabled, range, mailboxIds, name);
    }

    private static void requireObject(JsonNode node, String field, Set<String> allowed) {
        if (!node.isObject()) {
            throw ProblemException.invalid(field, "must be an object");
        }
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name)) {
                throw ProblemException.invalid(
                        field + "." + name, "is not a setting of " + field + " (" + String.join(", ", allowed) + ")");
            }
        }
    }

    private static boolean bool(JsonNode node, String name, String field, boolean current) {
        if (!node.has(name)) {
            return current;
        }
        if (!node.get(name).isBoolean()) {
            throw ProblemException.invalid(field, "must be true or false");
        }
        return node.get(name).asBoolean();
    }

    private static boolean flag(JsonNode document, String name) {
        return bool(document, name, name, false);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, JsonNode value, String field) {
        List<String> names =
                java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        if (value.isString() && names.contains(value.asString().toUpperCase(Locale.ROOT))) {
            return Enum.valueOf(type, value.asString().toUpperCase(Locale.ROOT));
        }
        throw ProblemException.invalid(field, "must be one of " + String.join(", ", names));
    }

    private static List<String> ids(JsonNode value, String field) {
        if (!value.isArray()) {
            throw ProblemException.invalid(field, "must be a list of Entra object ids");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode id : value) {
            if (!id.isString() || !EntraIds.isObjectId(id.asString())) {
                throw ProblemException.invalid(field, "must be a list of Entra object ids (GUIDs)");
            }
            if (!ids.contains(id.asString().toLowerCase(Locale.ROOT))) {
                ids.add(id.asString().toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(ids);
    }
}
