package io.switchboard.directory;

import java.util.UUID;

/** A company phonebook; {@code visibleTo} names who may see it (nobody by default for a synced one, O4). */
public record Phonebook(UUID id, String name, Origin origin, String sourceId, Visibility visibleTo) {

    public boolean synced() {
        return origin == Origin.MICROSOFT_365;
    }
}
