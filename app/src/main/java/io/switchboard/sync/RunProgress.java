package io.switchboard.sync;

import io.switchboard.sync.SyncProgress.Phase;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The live progress of the runs this instance is running, counted in memory as the run goes;
 * {@link SyncService} writes it to the run's row at most once a second for the other instances.
 */
@Component
public class RunProgress {

    private final Map<UUID, Counter> running = new ConcurrentHashMap<>();

    Counter begin(UUID runId) {
        Counter counter = new Counter();
        running.put(runId, counter);
        return counter;
    }

    void end(UUID runId) {
        running.remove(runId);
    }

    Optional<SyncProgress> of(UUID runId) {
        return Optional.ofNullable(running.get(runId)).map(Counter::snapshot);
    }

    /** Counts results once their transaction commits, so a batch rolled back and written again counts once. */
    void recorded(UUID runId, List<SyncResult> results) {
        Counter counter = running.get(runId);
        if (counter == null) {
            return;
        }
        int failed = (int)
                results.stream().filter(r -> r.outcome() == Outcome.FAILED).count();
        int applied = results.size() - failed;
        Runnable count = () -> {
            counter.applied.addAndGet(applied);
            counter.failed.addAndGet(failed);
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count.run();
                }
            });
        } else {
            count.run();
        }
    }

    /** One run's counters. */
    static final class Counter {
        private volatile Phase phase = Phase.READING;
        private final AtomicInteger pagesRead = new AtomicInteger();
        private volatile int planned;
        private final AtomicInteger applied = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();

        void pageRead() {
            pagesRead.incrementAndGet();
        }

        void phase(Phase phase) {
            this.phase = phase;
        }

        void planned(int objects) {
            this.planned = objects;
        }

        SyncProgress snapshot() {
            return new SyncProgress(phase, pagesRead.get(), planned, applied.get(), failed.get());
        }
    }
}
