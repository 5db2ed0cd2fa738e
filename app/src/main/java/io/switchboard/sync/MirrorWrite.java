package io.switchboard.sync;

import io.switchboard.entra.EntraUser;
import io.switchboard.entra.TenantReader;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps a full read in the tenant mirror while it is being read (issue 15 point 2): one
 * transaction, begun before the first page, empties the mirror and takes the users page by page as
 * Graph answers them; once the read is whole it takes the rest (the groups, the delta links) and
 * commits. A read that fails rolls it back, so the mirror holds either the last whole read or this
 * one, never a part.
 */
final class MirrorWrite implements TenantReader.UserPages {

    private sealed interface Step permits Restart, Page, Finish, Abandon {}

    private record Restart() implements Step {}

    private record Page(List<EntraUser> users) implements Step {}

    private record Finish(Runnable last) implements Step {}

    private record Abandon() implements Step {}

    /** Ends the write's transaction with a rollback. */
    private static final class Abandoned extends RuntimeException {
        Abandoned() {
            super("the read was abandoned", null, false, false);
        }
    }

    private final BlockingQueue<Step> steps = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> done;
    private volatile boolean closed;

    MirrorWrite(TenantMirror mirror, TransactionTemplate transactions, Executor executor) {
        done = CompletableFuture.runAsync(
                () -> {
                    try {
                        transactions.executeWithoutResult(status -> write(mirror));
                    } catch (Abandoned e) {
                        // rolled back: the mirror keeps the last whole read
                    }
                },
                executor);
    }

    private void write(TenantMirror mirror) {
        mirror.clear();
        while (true) {
            Step step;
            try {
                step = steps.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Abandoned();
            }
            if (step instanceof Page page) {
                mirror.addUsers(page.users());
            } else if (step instanceof Restart) {
                mirror.clearUsers();
            } else if (step instanceof Finish finish) {
                finish.last().run();
                return;
            } else {
                throw new Abandoned();
            }
        }
    }

    @Override
    public void restart() {
        offer(new Restart());
    }

    @Override
    public void page(List<EntraUser> users) {
        offer(new Page(users));
    }

    private void offer(Step step) {
        if (!closed) {
            steps.add(step);
        }
    }

    /**
     * The read is whole: {@code last} runs in the write's transaction after the last page, which
     * then commits; the future completes then, or with what stopped the write.
     */
    CompletableFuture<Void> finish(Runnable last) {
        closed = true;
        steps.add(new Finish(last));
        return done;
    }

    /** The read failed: the write rolls back; the future completes once it has. */
    CompletableFuture<Void> abandon() {
        closed = true;
        steps.add(new Abandon());
        return done;
    }
}
