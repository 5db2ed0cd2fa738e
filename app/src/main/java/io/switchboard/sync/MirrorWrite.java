package io.switchboard.sync;

import io.switchboard.entra.EntraGroup;
import io.switchboard.entra.EntraUser;
import io.switchboard.entra.TenantReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Keeps a full read in the {@link TenantMirror} while it is read (issue 15 point 2, ADR 0015), on a
 * thread of its own, each step in a short transaction fenced like the apply's batches (a run taken
 * for dead stops at its next page): first the delta links are removed; then the mirror's users are
 * emptied and each page of users is added as the listing hands it over, while the listing waits on
 * Graph (pages coming faster than {@link #FAST_PAGE_NANOS} apart wait for the read's end instead);
 * once the read is whole, the groups with their members are replaced and the new links stored
 * together. Until then the mirror has no links, so a read that stops partway (or a crash) leaves a
 * copy that is never used: the next run reads the whole tenant again. The groups and their members,
 * which change notifications are weighed against between runs, change only in that last
 * transaction.
 */
final class MirrorWrite implements TenantReader.Listing {

    private static final Logger log = LoggerFactory.getLogger(MirrorWrite.class);

    private static final Object RESTARTED = new Object();
    private static final Object ABANDONED = new Object();

    /** A page of users and how long after the one before it the listing handed it over (-1 for the first). */
    private record Users(List<EntraUser> users, long gapNanos) {}

    /**
     * Pages handed over faster than this, three in a row, mean the read is held up by this
     * machine's processors rather than by Graph: writing them now would take processor time from
     * the read, so they wait for its end (measured: at full emulator speed the read of 100,000
     * users took 6–8 s instead of 3 s with the pages written during it; at 200 ms per page the
     * writing is hidden in the wait for the next page). A page of 999 users is written in 30–60 ms.
     */
    private static final long FAST_PAGE_NANOS = 100_000_000L;

    private static final int FAST_PAGES_IN_A_ROW = 3;

    /** The read is whole: how many users it listed, its groups, what stores its links, and when it ended. */
    private record End(int users, Collection<EntraGroup> groups, Runnable links, long readAt) {}

    /** Why the write stopped before the end: its read stopped. */
    static final class Abandoned extends RuntimeException {
        Abandoned() {
            super("the read stopped before its end; the tenant copy has no delta links", null, false, false);
        }
    }

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final TenantMirror mirror;
    private final TransactionOperations transactions;
    private final SyncRuns runs;
    private final UUID runId;
    private final CompletableFuture<Void> done;
    private long lastPage = -1;

    private MirrorWrite(
            TenantMirror mirror, TransactionOperations transactions, SyncRuns runs, UUID runId, Executor executor) {
        this.mirror = mirror;
        this.transactions = transactions;
        this.runs = runs;
        this.runId = runId;
        this.done = CompletableFuture.runAsync(this::write, executor);
    }

    /** Begins keeping the read about to start: its first transaction removes the delta links. */
    static MirrorWrite begin(
            TenantMirror mirror, TransactionOperations transactions, SyncRuns runs, UUID runId, Executor executor) {
        return new MirrorWrite(mirror, transactions, runs, runId, executor);
    }

    @Override
    public synchronized void users(List<EntraUser> users) {
        long now = System.nanoTime();
        queue.add(new Users(users, lastPage < 0 ? -1 : now - lastPage));
        lastPage = now;
    }

    @Override
    public synchronized void restarted() {
        queue.add(RESTARTED);
        lastPage = -1;
    }

    /**
     * The read is whole ({@code users} listed, for the log): in one last transaction, replaces the
     * groups and their members, runs {@code links} (storing the new delta links), then fences the
     * run and commits; the returned future completes with that commit.
     */
    CompletableFuture<Void> finish(int users, Collection<EntraGroup> groups, Runnable links) {
        queue.add(new End(users, groups, links, System.nanoTime()));
        return done;
    }

    /** Completes when the last transaction committed, or exceptionally when the write stopped before it. */
    CompletableFuture<Void> written() {
        return done;
    }

    /** The read stopped: nothing more is written; the returned future fails with {@link Abandoned}. */
    CompletableFuture<Void> abandon() {
        queue.add(ABANDONED);
        return done;
    }

    private void write() {
        fenced(() -> {
            mirror.setState(TenantMirror.USERS_DELTA, null);
            mirror.setState(TenantMirror.GROUPS_DELTA, null);
        });
        boolean begun = false;
        boolean waitForTheEnd = false;
        int fastInARow = 0;
        int during = 0;
        List<List<EntraUser>> waiting = new ArrayList<>();
        while (true) {
            Object next = take();
            if (next instanceof Users u) {
                fastInARow = u.gapNanos() >= 0 && u.gapNanos() < FAST_PAGE_NANOS ? fastInARow + 1 : 0;
                waitForTheEnd |= fastInARow >= FAST_PAGES_IN_A_ROW;
                if (waitForTheEnd) {
                    waiting.add(u.users());
                    continue;
                }
                begun = begin(begun);
                fenced(() -> mirror.addUsers(u.users()));
                during++;
            } else if (next == RESTARTED) {
                waiting.clear();
                fastInARow = 0;
                during = 0;
                if (begun) {
                    fenced(mirror::clearUsers);
                }
            } else if (next instanceof End end) {
                begun = begin(begun);
                if (!waiting.isEmpty()) {
                    fenced(() -> waiting.forEach(mirror::addUsers));
                }
                fenced(() -> {
                    mirror.clearGroups();
                    mirror.addGroups(end.groups());
                    end.links().run();
                });
                log.info(
                        "Sync {}: kept the {} users and {} groups read, {} ms after the last page ({} pages of"
                                + " users while the tenant was read, {} after it)",
                        runId,
                        end.users(),
                        end.groups().size(),
                        (System.nanoTime() - end.readAt()) / 1_000_000,
                        during,
                        waiting.size());
                return;
            } else {
                throw new Abandoned();
            }
        }
    }

    /** Before the first page is written, the users read before go. */
    private boolean begin(boolean begun) {
        if (!begun) {
            fenced(mirror::clearUsers);
        }
        return true;
    }

    /**
     * Runs a step in a transaction of its own that fences the run last, so the sync lock's row is
     * held only while it commits: the run's own writes, which fence too, never wait for the mirror.
     */
    private void fenced(Runnable step) {
        transactions.executeWithoutResult(status -> {
            step.run();
            runs.fence(runId);
        });
    }

    private Object take() {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Abandoned();
        }
    }
}
