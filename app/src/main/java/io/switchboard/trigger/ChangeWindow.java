package io.switchboard.trigger;

import java.time.Duration;
import java.time.Instant;

/**
 * The debounce of change-triggered sync (M2): the first relevant change opens a window that ends
 * {@code delay} later; the sync runs when the window ends, or at once when {@code eventThreshold}
 * events have gathered in it. A delay of zero runs at the first change.
 *
 * @param openedAt when the first change of the window arrived; null when no change is pending
 * @param events how many relevant change events the window holds
 */
public record ChangeWindow(Instant openedAt, int events) {

    public static final ChangeWindow EMPTY = new ChangeWindow(null, 0);

    public boolean open() {
        return openedAt != null;
    }

    /** The window after {@code count} more relevant events arrived at {@code now}. */
    public ChangeWindow add(int count, Instant now) {
        if (count <= 0) {
            return this;
        }
        return new ChangeWindow(open() ? openedAt : now, events + count);
    }

    /** When the window's sync is due; null when no change is pending. */
    public Instant dueAt(Duration delay, int eventThreshold) {
        if (!open()) {
            return null;
        }
        return events >= eventThreshold ? openedAt : openedAt.plus(delay);
    }

    public boolean due(Instant now, Duration delay, int eventThreshold) {
        Instant due = dueAt(delay, eventThreshold);
        return due != null && !now.isBefore(due);
    }
}
