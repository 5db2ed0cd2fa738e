package io.switchboard.reconcile;

import java.util.ArrayList;
import java.util.List;

/**
 * What a sync would change, in the order it must be applied, each change with its reason; the
 * deletions the guard holds (X2), which are not applied; the Entra objects that cannot be synced;
 * the synced objects already right; and, for each kind of object the guard holds deletions of, the
 * threshold that holds them. A preview (X1) is a plan that is never applied.
 *
 * @param held deletions ({@link Change.DeleteExtension}, {@link Change.DeleteGroup}) held by the guard,
 *     each with the reason it is held
 * @param guard why deletions are held, one verdict per kind of object that has held deletions
 */
public record Plan(
        List<Change> changes,
        List<Change> held,
        List<Failure> failures,
        List<Unchanged> unchanged,
        List<Guard.Verdict> guard) {

    public Plan {
        changes = List.copyOf(changes);
        held = List.copyOf(held);
        failures = List.copyOf(failures);
        unchanged = List.copyOf(unchanged);
        guard = List.copyOf(guard);
    }

    /** A plan that holds nothing. */
    public Plan(List<Change> changes, List<Failure> failures, List<Unchanged> unchanged) {
        this(changes, List.of(), failures, unchanged, List.of());
    }

    /** True when applying the plan would write nothing; held deletions are not written. */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public <T extends Change> List<T> changes(Class<T> type) {
        return changes.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The plan as a diff, one line a change, held deletion or failure. */
    public String render() {
        List<String> lines = new ArrayList<>();
        changes.forEach(c -> lines.add(c.render()));
        held.forEach(c -> lines.add(c.render() + " (held)"));
        failures.forEach(f -> lines.add(f.render()));
        if (lines.isEmpty()) {
            lines.add("(no changes; " + unchanged.size() + " objects already in sync)");
        }
        return String.join("\n", lines);
    }

    @Override
    public String toString() {
        return render();
    }
}
