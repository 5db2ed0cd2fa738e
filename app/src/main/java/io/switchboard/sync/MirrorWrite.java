package io.switchboard.sync;

import io.switchboard.entra.EntraGroup;
import io.switchboard.entra.EntraUser;
import io.switchboard.entra.TenantReader;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Keeps a full read in the {@link TenantMirror} while it is read (issue 15 point 2, ADR 0015), on a
 * thread of its own, each step in a short transaction fenced like the apply's batches (a run taken
 * for dead stops at its next page): first the delta links are removed and the mirror's users
 * emptied, then each page of users is added as the listing hands it over; once the read is whole,
 * the groups with their members are replaced and the new links stored together. Until then the
 * mirror has no links, so a read that stops partway (or a crash) leaves a copy that is never used:
 * the next run reads the whole tenant again. The groups and their members, which change
 * notifications are weighed against between runs, change only in that last transaction.
 */
final class MirrorWrite implements TenantReader.Listing {

    private static final Object RESTARTED = new Object();
    private static final Object ABANDONED = new Object();

    private record Users(List<EntraUser> users) {}

    private record End(Collection<EntraGroup> groups, Runnable links) {}

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

    private MirrorWrite(
            TenantMirror mirror, TransactionOperations transactions, SyncRuns runs, UUID runId, Executor executor) {
        this.mirror = mirror;
        this.transactions = transactions;
        this.runs = runs;
        this.runId = runId;
        this.done = CompletableFuture.runAsync(this::write, executor);
    }

    /** Begins keeping the read about to start: its first transaction removes the links and the users. */
    static MirrorWrite begin(
            TenantMirror mirror, TransactionOperations transactions, SyncRuns runs, UUID runId, Executor executor) {
        return new MirrorWrite(mirror, transactions, runs, runId, executor);
    }

    @Override
    public void users(List<EntraUser> users) {
        queue.add(new Users(users));
    }

    @Override
    public void restarted() {
        queue.add(RESTARTED);
    }

    /**
     * The read is whole: in one last transaction, replaces the groups and their members, runs
     * {@code links} (storing the new delta links), then fences the run and commits; the returned
     * future completes with that commit.
     */
    CompletableFuture<Void> finish(Collection<EntraGroup> groups, Runnable links) {
        queue.add(new End(groups, links));
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
            mirror.clearUsers();
        });
        while (true) {
            Object next = take();
            if (next instanceof Users u) {
                fenced(() -> mirror.addUsers(u.users()));
            } else if (next == RESTARTED) {
                fenced(mirror::clearUsers);
            } else if (next instanceof End end) {
                transactions.executeWithoutResult(status -> {
                    mirror.clearGroups();
                    mirror.addGroups(end.groups());
                    end.links().run();
                    runs.fence(runId);
                });
                return;
            } else {
                throw new Abandoned();
            }
        }
    }

    private void fenced(Runnable step) {
        transactions.executeWithoutResult(status -> {
            runs.fence(runId);
            step.run();
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
