package io.switchboard.directory;

import java.util.UUID;

/** A company contact in a phonebook, or a personal contact of an extension. */
public record Contact(UUID id, ContactInput details, Origin origin, String sourceId) {

    public boolean synced() {
        return origin == Origin.MICROSOFT_365;
    }
}
