package io.switchboard.directory;

import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import java.time.Instant;
import java.util.Map;

/** Changing and deleting a contact, company or personal alike: a synced one is read-only (O1, O2). */
final class ContactEdits {

    private ContactEdits() {}

    static Contact update(Contacts contacts, Contact current, ContactInput requested, Instant now) {
        ContactInput input = requested.normalized();
        if (input.equals(current.details())) {
            return current;
        }
        if (current.synced()) {
            throw locked(current, "changed");
        }
        input.validate();
        Contact updated = new Contact(current.id(), input, current.origin(), current.sourceId());
        contacts.update(updated, now);
        return updated;
    }

    static void delete(Contacts contacts, Contact current) {
        if (current.synced()) {
            throw locked(current, "deleted");
        }
        contacts.delete(current.id());
    }

    private static ProblemException locked(Contact contact, String verb) {
        return new ProblemException(
                ProblemCode.CONTACT_LOCKED,
                "Contact \"" + contact.details().displayName() + "\" is synced from Microsoft 365 and cannot be " + verb
                        + " on the PBX. Change it in Outlook; the next sync brings the change here.",
                Map.of("lockedFields", Contact.LOCKED_FIELDS));
    }
}
