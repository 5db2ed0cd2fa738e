package io.switchboard.directory;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** The extensions and extension groups allowed to see a phonebook. */
public record Visibility(List<UUID> extensionIds, List<UUID> groupIds) {

    public static final Visibility NOBODY = new Visibility(List.of(), List.of());

    public Visibility {
        extensionIds = distinct(extensionIds);
        groupIds = distinct(groupIds);
    }

    private static List<UUID> distinct(List<UUID> ids) {
        return ids == null
                ? List.of()
                : List.copyOf(new LinkedHashSet<>(
                        ids.stream().filter(Objects::nonNull).toList()));
    }
}
