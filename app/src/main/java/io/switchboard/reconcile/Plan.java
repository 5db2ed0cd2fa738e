package io.switchboard.reconcile;

import java.util.ArrayList;
import java.util.List;

/**
 * What a sync would change, in the order it must be applied, each change with its reason; the
 * Entra objects that cannot be synced; and the synced objects already right. A preview (X1) is a
 * plan that is never applied.
 */
public record Plan(List<Change> changes, List<Failure> failures, List<Unchanged> unchanged) {

    public Plan {
        changes = List.copyOf(changes);
        failures = List.copyOf(failures);
        unchanged = List.copyOf(unchanged);
    }

    /** True when applying the plan would write nothing. */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public <T extends Change> List<T> changes(Class<T> type) {
        return changes.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The plan as a diff, one line a change or failure. */
    public String render() {
        List<String> lines = new ArrayList<>();
        changes.forEach(c -> lines.add(c.render()));
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
