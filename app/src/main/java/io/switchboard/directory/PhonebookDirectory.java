package io.switchboard.directory;

import io.switchboard.directory.Contacts.Owner;
import io.switchboard.shared.PageRequest;
import io.switchboard.shared.PageResult;
import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The administrator's operations on phonebooks and their company contacts; a synced phonebook
 * cannot be renamed or deleted and its contacts cannot be edited (O2), while its visibility stays
 * the administrator's to grant (O4).
 */
@Service
public class PhonebookDirectory {

    private final Phonebooks phonebooks;
    private final Contacts contacts;
    private final Extensions extensions;
    private final ExtensionGroups groups;
    private final Clock clock;

    PhonebookDirectory(
            Phonebooks phonebooks, Contacts contacts, Extensions extensions, ExtensionGroups groups, Clock clock) {
        this.phonebooks = phonebooks;
        this.contacts = contacts;
        this.extensions = extensions;
        this.groups = groups;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public PageResult<Phonebook> page(String query, PageRequest page) {
        return phonebooks.page(query == null || query.isBlank() ? null : query.strip(), page);
    }

    @Transactional(readOnly = true)
    public Phonebook get(UUID id) {
        return phonebooks.find(id).orElseThrow(() -> ProblemException.notFound("phonebook", id));
    }

    @Transactional
    public Phonebook create(PhonebookInput requested) {
        PhonebookInput input = requested.normalized();
        input.validate();
        requireFreeName(input.name(), null);
        requireAudience(input.visibleTo());
        Phonebook created = new Phonebook(UUID.randomUUID(), input.name(), Origin.LOCAL, null, input.visibleTo());
        phonebooks.insert(created, clock.instant());
        return get(created.id());
    }

    @Transactional
    public Phonebook update(UUID id, PhonebookInput requested) {
        Phonebook current = get(id);
        PhonebookInput input = requested.normalized();
        boolean renamed = !Objects.equals(input.name(), current.name());
        if (renamed && current.synced()) {
            throw new ProblemException(
                    ProblemCode.PHONEBOOK_LOCKED,
                    "Phonebook \"" + current.name() + "\" is synced from Microsoft 365, so its name is set in"
                            + " the contact-sync settings and cannot be changed here. Its visibility can be.",
                    Map.of("lockedFields", List.of("name")));
        }
        input.validate();
        if (renamed) {
            requireFreeName(input.name(), id);
        }
        requireAudience(input.visibleTo());
        phonebooks.update(
                new Phonebook(id, input.name(), current.origin(), current.sourceId(), input.visibleTo()),
                clock.instant());
        return get(id);
    }

    @Transactional
    public void delete(UUID id) {
        Phonebook current = get(id);
        if (current.synced()) {
            throw new ProblemException(
                    ProblemCode.PHONEBOOK_LOCKED,
                    "Phonebook \"" + current.name() + "\" is synced from Microsoft 365 and cannot be deleted on"
                            + " the PBX. Switch off shared-mailbox contact sync to remove it.");
        }
        phonebooks.delete(id);
    }

    @Transactional(readOnly = true)
    public PageResult<Contact> contacts(UUID phonebookId, String query, PageRequest page) {
        get(phonebookId);
        return contacts.page(
                Owner.phonebook(phonebookId), query == null || query.isBlank() ? null : query.strip(), page);
    }

    @Transactional(readOnly = true)
    public Contact contact(UUID phonebookId, UUID contactId) {
        get(phonebookId);
        return contacts.find(Owner.phonebook(phonebookId), contactId)
                .orElseThrow(() -> ProblemException.notFound("contact in this phonebook", contactId));
    }

    @Transactional
    public Contact addContact(UUID phonebookId, ContactInput requested) {
        Phonebook book = get(phonebookId);
        if (book.synced()) {
            throw new ProblemException(
                    ProblemCode.PHONEBOOK_LOCKED,
                    "Phonebook \"" + book.name() + "\" is synced from Microsoft 365; its contacts come from"
                            + " the shared mailbox. Add the contact there, or to a local phonebook.");
        }
        ContactInput input = requested.normalized();
        input.validate();
        Contact created = new Contact(UUID.randomUUID(), input, Origin.LOCAL, null);
        contacts.insert(Owner.phonebook(phonebookId), created, clock.instant());
        return created;
    }

    @Transactional
    public Contact updateContact(UUID phonebookId, UUID contactId, ContactInput requested) {
        return ContactEdits.update(contacts, contact(phonebookId, contactId), requested, clock.instant());
    }

    @Transactional
    public void deleteContact(UUID phonebookId, UUID contactId) {
        ContactEdits.delete(contacts, contact(phonebookId, contactId));
    }

    private void requireFreeName(String name, UUID self) {
        phonebooks.findByName(name).filter(p -> !p.id().equals(self)).ifPresent(p -> {
            throw new ProblemException(
                    ProblemCode.NAME_TAKEN,
                    "A phonebook named \"" + p.name() + "\" already exists (names are compared without regard"
                            + " to letter case). Choose another name.");
        });
    }

    private void requireAudience(Visibility visibility) {
        List<UUID> foundExtensions = extensions.existing(visibility.extensionIds());
        List<UUID> missingExtensions = visibility.extensionIds().stream()
                .filter(id -> !foundExtensions.contains(id))
                .toList();
        if (!missingExtensions.isEmpty()) {
            throw ProblemException.invalid(
                    "visibleTo.extensionIds", "names extensions that do not exist: " + missingExtensions);
        }
        List<UUID> foundGroups = groups.existing(visibility.groupIds());
        List<UUID> missingGroups = visibility.groupIds().stream()
                .filter(id -> !foundGroups.contains(id))
                .toList();
        if (!missingGroups.isEmpty()) {
            throw ProblemException.invalid(
                    "visibleTo.groupIds", "names extension groups that do not exist: " + missingGroups);
        }
    }
}
