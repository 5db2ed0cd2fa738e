package io.switchboard.directory;

import java.util.List;
import java.util.UUID;

/** An extension group: a named set of extensions. */
public record ExtensionGroup(UUID id, String name, Origin origin, String sourceId, List<UUID> memberIds) {

    /** The most extension groups a PBX holds (G2). */
    public static final int MAX_GROUPS = 63;

    /** The longest name of an extension group. */
    public static final int MAX_NAME = 64;

    public ExtensionGroup {
        memberIds = List.copyOf(memberIds);
    }

    public boolean synced() {
        return origin == Origin.MICROSOFT_365;
    }
}
