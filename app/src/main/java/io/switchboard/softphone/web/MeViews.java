package io.switchboard.softphone.web;

import io.swagger.v3.oas.annotations.media.Schema;
import io.switchboard.directory.Contact;
import io.switchboard.directory.Extension;
import io.switchboard.directory.Phonebook;
import io.switchboard.directory.Presence;
import java.util.UUID;

/** The JSON shapes of the signed-in user's own API ({@code /api/v1/me}). */
final class MeViews {

    private MeViews() {}

    @Schema(name = "Me", description = "The signed-in user's extension")
    record Me(UUID extensionId, String number, String firstName, String lastName, String email, Presence presence) {
        static Me of(Extension e) {
            return new Me(e.id(), e.number(), e.firstName(), e.lastName(), e.email(), e.presence());
        }
    }

    @Schema(name = "MePatch", description = "What the user may change of their extension: the presence")
    record MePatch(Presence presence) {}

    @Schema(name = "MeContact")
    record ContactView(
            UUID id,
            String firstName,
            String lastName,
            String company,
            String email,
            String mobilePhone,
            String homePhone,
            String businessPhone,
            String otherPhone,
            String jobTitle,

            @Schema(description = "LOCAL (editable) or MICROSOFT_365 (synced from Outlook, read-only)")
            String origin,

            @Schema(description = "true for a synced contact: PATCH and DELETE answer 409 CONTACT_LOCKED")
            boolean readOnly) {
        static ContactView of(Contact c) {
            var d = c.details();
            return new ContactView(
                    c.id(),
                    d.firstName(),
                    d.lastName(),
                    d.company(),
                    d.email(),
                    d.mobilePhone(),
                    d.homePhone(),
                    d.businessPhone(),
                    d.otherPhone(),
                    d.jobTitle(),
                    c.origin().name(),
                    c.synced());
        }
    }

    @Schema(name = "MePhonebook")
    record PhonebookView(UUID id, String name, String origin) {
        static PhonebookView of(Phonebook p) {
            return new PhonebookView(p.id(), p.name(), p.origin().name());
        }
    }
}
