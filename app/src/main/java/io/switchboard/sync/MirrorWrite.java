package io.switchboard.sync;

import io.switchboard.entra.EntraGroup;
import io.switchboard.entra.EntraUser;
import io.switchboard.entra.TenantReader;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Keeps a full read in the {@link TenantMirror} while it is read (issue 15 point 2, ADR 0015): one
 * transaction, begun with the read on a thread of its own, empties the copy and adds the users as
 * the listing hands them over, so that after the last page only the groups and the delta links are
 * left to write. It commits at {@link #finish} and rolls back when the read is {@link #abandon
 * abandoned} or fails, leaving the copy as the last whole read left it.
 */
final class MirrorWrite implements TenantReader.Listing {

    private static final Object RESTARTED = new Object();
    private static final Object ABANDONED = new Object();

    private record Users(List<EntraUser> users) {}

    private record End(Collection<EntraGroup> groups, Runnable last) {}

    /** Why the write rolled back: its read stopped. */
    static final class Abandoned extends RuntimeException {
        Abandoned() {
            super("the read stopped before its end; the tenant copy is left as it was", null, false, false);
        }
    }

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> done;

    private MirrorWrite(TenantMirror mirror, TransactionOperations transactions, Executor executor) {
        this.done =
                CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> write(mirror)), executor);
    }

    /** Begins the transaction that keeps the read about to start. */
    static MirrorWrite begin(TenantMirror mirror, TransactionOperations transactions, Executor executor) {
        return new MirrorWrite(mirror, transactions, executor);
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
     * The read is whole: adds its groups, runs {@code last} (the delta links, the run's fence) in
     * the same transaction and commits; the returned future completes with that commit.
     */
    CompletableFuture<Void> finish(Collection<EntraGroup> groups, Runnable last) {
        queue.add(new End(groups, last));
        return done;
    }

    /** Completes when the write committed or rolled back (then exceptionally). */
    CompletableFuture<Void> written() {
        return done;
    }

    /** The read stopped: rolls back; the returned future fails with {@link Abandoned}. */
    CompletableFuture<Void> abandon() {
        queue.add(ABANDONED);
        return done;
    }

    private void write(TenantMirror mirror) {
        mirror.clear();
        while (true) {
            Object next = take();
            if (next instanceof Users u) {
                mirror.addUsers(u.users());
            } else if (next == RESTARTED) {
                mirror.clearUsers();
            } else if (next instanceof End end) {
                mirror.addGroups(end.groups());
                end.last().run();
                return;
            } else {
                throw new Abandoned();
            }
        }
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
