package io.switchboard.reconcile;

import io.switchboard.directory.Extension;
import io.switchboard.directory.ExtensionGroup;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The PBX directory as a plan sees it: every extension and extension group, local and synced, and
 * the capacity; or, for a focused plan (issue 15 point 6), only the part of it {@link Planner#needs}
 * names, with the counts of the whole and the numbers in use, read only when a new extension needs
 * a number from the pool.
 *
 * @param extensions every extension, or the part a focused plan needs
 * @param groups every extension group; in a part, the groups a focused plan needs list their members
 *     among its extensions, the others none
 * @param memberCounts how many members each extension group has in the whole directory
 * @param extensionCount how many extensions the whole directory holds
 * @param syncedExtensionCount how many of them are synced
 * @param numbersInUse every number the whole directory holds; asked at most once per plan
 */
public record ActualDirectory(
        List<Extension> extensions,
        List<ExtensionGroup> groups,
        Map<UUID, Integer> memberCounts,
        int capacity,
        int extensionCount,
        int syncedExtensionCount,
        Supplier<Set<String>> numbersInUse) {

    public ActualDirectory {
        extensions = List.copyOf(extensions);
        groups = List.copyOf(groups);
        memberCounts = Map.copyOf(memberCounts);
    }

    /** The whole directory. */
    public ActualDirectory(List<Extension> extensions, List<ExtensionGroup> groups, int capacity) {
        this(
                extensions,
                groups,
                counts(groups),
                capacity,
                extensions.size(),
                (int) extensions.stream().filter(Extension::synced).count(),
                () -> numbers(extensions));
    }

    private static Map<UUID, Integer> counts(List<ExtensionGroup> groups) {
        Map<UUID, Integer> counts = new HashMap<>();
        groups.forEach(g -> counts.put(g.id(), g.memberIds().size()));
        return counts;
    }

    /** How many members the extension group has in the whole directory. */
    public int memberCount(ExtensionGroup group) {
        return memberCounts.getOrDefault(group.id(), group.memberIds().size());
    }

    private static Set<String> numbers(List<Extension> extensions) {
        Set<String> numbers = new HashSet<>();
        extensions.forEach(e -> numbers.add(e.number()));
        return numbers;
    }

    /** How many extension groups are synced. */
    public int syncedGroupCount() {
        return (int) groups.stream().filter(ExtensionGroup::synced).count();
    }
}
