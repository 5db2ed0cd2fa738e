package io.switchboard.directory;

import io.switchboard.shared.TimeOrderedIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An extension of the PBX: one person with a number.
 *
 * @param numberFromSource true when the number is read from a Microsoft 365 user property, and so locked
 */
public record Extension(
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
        boolean numberFromSource,
        Instant createdAt,
        Instant updatedAt) {

    /** The API names of the fields the PBX administrator cannot change (U9); empty for a local extension. */
    public List<String> lockedFields() {
        if (origin != Origin.MICROSOFT_365) {
            return List.of();
        }
        List<String> locked = new ArrayList<>(List.of("firstName", "lastName", "email", "mobileNumber", "jobTitle"));
        if (numberFromSource) {
            locked.add(0, "number");
        }
        return List.copyOf(locked);
    }

    public boolean synced() {
        return origin == Origin.MICROSOFT_365;
    }

    /** A new extension. */
    static Extension create(
            ExtensionInput input, Origin origin, String sourceId, boolean numberFromSource, Instant now) {
        return new Extension(
                TimeOrderedIds.next(),
                input.number(),
                input.firstName(),
                input.lastName(),
                input.email(),
                input.mobileNumber(),
                input.jobTitle(),
                input.presence(),
                origin,
                sourceId,
                numberFromSource,
                now,
                now);
    }

    /** This extension with the settable fields of {@code input}. */
    Extension with(ExtensionInput input, Instant now) {
        return new Extension(
                id,
                input.number(),
                input.firstName(),
                input.lastName(),
                input.email(),
                input.mobileNumber(),
                input.jobTitle(),
                input.presence(),
                origin,
                sourceId,
                numberFromSource,
                createdAt,
                now);
    }

    /** This extension with another owner: synced from a source object, or local (released). */
    Extension ownedBy(Origin newOrigin, String newSourceId, boolean newNumberFromSource, Instant now) {
        return new Extension(
                id,
                number,
                firstName,
                lastName,
                email,
                mobileNumber,
                jobTitle,
                presence,
                newOrigin,
                newSourceId,
                newNumberFromSource,
                createdAt,
                now);
    }

    /** The fields an administrator may set, taken from this extension. */
    public ExtensionInput input() {
        return new ExtensionInput(number, firstName, lastName, email, mobileNumber, jobTitle, presence);
    }

    public String displayName() {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
        return name.isEmpty() ? number : number + " " + name;
    }
}
