package io.switchboard.reconcile;

import io.switchboard.directory.Extension;
import io.switchboard.directory.ExtensionGroup;
import java.util.List;

/** The PBX directory as it is: every extension and extension group, local and synced, and the capacity. */
public record ActualDirectory(List<Extension> extensions, List<ExtensionGroup> groups, int capacity) {

    public ActualDirectory {
        extensions = List.copyOf(extensions);
        groups = List.copyOf(groups);
    }
}
