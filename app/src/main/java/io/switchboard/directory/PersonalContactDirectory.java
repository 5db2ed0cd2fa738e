package io.switchboard.directory;

import io.switchboard.directory.Contacts.Owner;
import io.switchboard.shared.PageRequest;
import io.switchboard.shared.PageResult;
import io.switchboard.shared.ProblemException;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The personal contacts of each extension, shown in its softphone; synced ones are read-only (O1). */
@Service
public class PersonalContactDirectory {

    private final Contacts contacts;
    private final Extensions extensions;
    private final Clock clock;

    PersonalContactDirectory(Contacts contacts, Extensions extensions, Clock clock) {
        this.contacts = contacts;
        this.extensions = extensions;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public PageResult<Contact> page(UUID extensionId, String query, PageRequest page) {
        requireExtension(extensionId);
        return contacts.page(
                Owner.extension(extensionId), query == null || query.isBlank() ? null : query.strip(), page);
    }

    @Transactional(readOnly = true)
    public Contact get(UUID extensionId, UUID contactId) {
        requireExtension(extensionId);
        return contacts.find(Owner.extension(extensionId), contactId)
                .orElseThrow(() -> ProblemException.notFound("personal contact of this extension", contactId));
    }

    @Transactional
    public Contact create(UUID extensionId, ContactInput requested) {
        requireExtension(extensionId);
        ContactInput input = requested.normalized();
        input.validate();
        Contact created = new Contact(UUID.randomUUID(), input, Origin.LOCAL, null);
        contacts.insert(Owner.extension(extensionId), created, clock.instant());
        return created;
    }

    @Transactional
    public Contact update(UUID extensionId, UUID contactId, ContactInput requested) {
        return ContactEdits.update(contacts, get(extensionId, contactId), requested, clock.instant());
    }

    @Transactional
    public void delete(UUID extensionId, UUID contactId) {
        ContactEdits.delete(contacts, get(extensionId, contactId));
    }

    private void requireExtension(UUID extensionId) {
        if (extensions.find(extensionId).isEmpty()) {
            throw ProblemException.notFound("extension", extensionId);
        }
    }
}
