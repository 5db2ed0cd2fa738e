package io.switchboard.trigger;

import io.switchboard.shared.ProblemException;
import io.switchboard.sync.SyncRuns;
import io.switchboard.sync.SyncService;
import io.switchboard.sync.SyncTrigger;
import io.switchboard.trigger.ChangeTrigger.EffectiveMode;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The debounce window shared by every instance (M2): the first relevant change opens it, the sync
 * runs when {@code delay} has passed or at once when {@code eventThreshold} events have gathered.
 * A window that falls due while a sync runs waits for that run to end, so no change is lost.
 */
@Component
class ChangeDebounce {

    private static final Logger log = LoggerFactory.getLogger(ChangeDebounce.class);

    private final TriggerState state;
    private final WindowRow window;
    private final SyncRuns runs;
    private final SyncService sync;
    private final Clock clock;

    ChangeDebounce(TriggerState state, WindowRow window, SyncRuns runs, SyncService sync, Clock clock) {
        this.state = state;
        this.window = window;
        this.runs = runs;
        this.sync = sync;
        this.clock = clock;
    }

    /** Adds relevant events to the window and runs the sync when the window is due. */
    void gather(int events) {
        if (events <= 0) {
            return;
        }
        window.add(events, clock.instant());
        fireIfDue();
    }

    /** Starts the change-triggered sync when the window is due and no sync runs; one instance claims it. */
    boolean fireIfDue() {
        WindowRow.Window current = window.read();
        ChangeTriggerSettings settings = state.settings();
        ChangeWindow debounce = new ChangeWindow(current.openedAt(), current.events());
        if (!debounce.due(clock.instant(), settings.delay(), settings.eventThreshold())) {
            return false;
        }
        if (state.effectiveMode() == EffectiveMode.OFF) {
            window.clear();
            return false;
        }
        if (runs.running().isPresent() || !window.claim(current)) {
            return false;
        }
        try {
            SyncRuns.Start start = sync.request(SyncTrigger.CHANGE);
            if (start.started()) {
                log.info(
                        "{} relevant change(s) in Entra ID: sync {} started",
                        current.events(),
                        start.run().id());
                return true;
            }
        } catch (ProblemException e) {
            log.info("Change-triggered sync not started: {}", e.getMessage());
        }
        window.add(current.events(), current.openedAt());
        return false;
    }
}
