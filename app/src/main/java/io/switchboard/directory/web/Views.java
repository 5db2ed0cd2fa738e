package io.switchboard.directory.web;

import io.swagger.v3.oas.annotations.media.Schema;
import io.switchboard.directory.Contact;
import io.switchboard.directory.Extension;
import io.switchboard.directory.ExtensionGroup;
import io.switchboard.directory.Origin;
import io.switchboard.directory.Phonebook;
import io.switchboard.directory.Presence;
import io.switchboard.directory.Visibility;
import java.util.List;
import java.util.UUID;

/** The JSON shapes the directory API answers with (API.md, "Directory"). */
final class Views {

    private Views() {}

    @Schema(name = "Extension")
    record ExtensionView(
            UUID id,
            String number,
            String firstName,
            String lastName,
            String email,
            String mobileNumber,
            String jobTitle,
            Presence presence,
            Origin origin,
            String sourceId,

            @Schema(description = "API names of the fields that cannot be changed on the PBX")
            List<String> lockedFields,

            @Schema(description = "\"Synced from Microsoft 365\" on a synced extension, else null")
            String label) {

        static ExtensionView of(Extension e) {
            return new ExtensionView(
                    e.id(),
                    e.number(),
                    e.firstName(),
                    e.lastName(),
                    e.email(),
                    e.mobileNumber(),
                    e.jobTitle(),
                    e.presence(),
                    e.origin(),
                    e.sourceId(),
                    e.lockedFields(),
                    e.origin().label());
        }
    }

    @Schema(name = "ExtensionGroup")
    record GroupView(
            UUID id,
            String name,
            List<UUID> memberIds,
            Origin origin,
            String sourceId,
            List<String> lockedFields,
            String label) {

        static GroupView of(ExtensionGroup g) {
            return new GroupView(
                    g.id(),
                    g.name(),
                    g.memberIds(),
                    g.origin(),
                    g.sourceId(),
                    g.synced() ? List.of("name", "memberIds") : List.of(),
                    g.origin().label());
        }
    }

    @Schema(name = "Phonebook")
    record PhonebookView(
            UUID id,
            String name,
            Origin origin,
            String sourceId,
            Visibility visibleTo,
            List<String> lockedFields,
            String label) {

        static PhonebookView of(Phonebook p) {
            return new PhonebookView(
                    p.id(),
                    p.name(),
                    p.origin(),
                    p.sourceId(),
                    p.visibleTo(),
                    p.synced() ? List.of("name") : List.of(),
                    p.origin().label());
        }
    }

    @Schema(name = "Contact")
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
            Origin origin,
            String sourceId,
            String sourceMailbox,
            List<String> lockedFields,
            String label) {

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
                    c.origin(),
                    c.sourceId(),
                    c.sourceMailbox(),
                    c.lockedFields(),
                    c.origin().label());
        }
    }
}
