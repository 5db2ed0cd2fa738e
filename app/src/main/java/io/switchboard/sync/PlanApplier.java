package io.switchboard.sync;

import io.switchboard.directory.Extension;
import io.switchboard.directory.SyncedDirectory;
import io.switchboard.notification.WelcomeMails;
import io.switchboard.reconcile.Action;
import io.switchboard.reconcile.Change;
import io.switchboard.reconcile.Change.AssociateExtension;
import io.switchboard.reconcile.Change.CreateExtension;
import io.switchboard.reconcile.Change.CreateGroup;
import io.switchboard.reconcile.Change.DeleteExtension;
import io.switchboard.reconcile.Change.DeleteGroup;
import io.switchboard.reconcile.Change.ReleaseExtension;
import io.switchboard.reconcile.Change.ReleaseGroup;
import io.switchboard.reconcile.Change.UpdateExtension;
import io.switchboard.reconcile.Change.UpdateGroup;
import io.switchboard.reconcile.Plan;
import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import io.switchboard.web.DatabaseUnavailable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a plan to the directory in the plan's order, in batches of {@link SyncProperties#applyBatch()} changes per
 * transaction with their results, written at once without savepoints; a batch in which anything
 * is refused is rolled back and written again each change behind a savepoint of its own: one
 * failure is recorded with its reason and the rest go on (a batch that fails as a whole even so is
 * applied again change by change). Deletions the guard holds (listed apart in the plan) are not applied but
 * recorded as held. Every change is idempotent, so a run cut off and retried
 * converges without duplicates; the welcome mail is queued in the transaction that creates the
 * extension and so exists once per extension. Each transaction first checks that the
 * run still holds the sync lock ({@link SyncRuns#fence}); a run taken for dead stops there.
 *
 * <p>A long run of new extensions in a row (a first sync's) is written by several transactions side
 * by side ({@link SyncProperties#applyWorkers()}), a wave of batches at a time: one transaction
 * fences the run and checks and holds the capacity for the whole wave while the batches are written,
 * so none of them waits for the others on the sync lock or the settings row (ADR 0015). New
 * extensions of one plan never compete for a number, an address or a user, so their order within
 * the run does not matter; the results keep the plan's order.
 */
@Component
class PlanApplier {

    private static final Logger log = LoggerFactory.getLogger(PlanApplier.class);
    private static final int RECORD_CHUNK = 1000;

    /** Batches written side by side under one hold of the capacity, per worker: the wait an administrator may see. */
    private static final int BATCHES_PER_WORKER_AND_WAVE = 4;

    private final SyncedDirectory directory;
    private final WelcomeMails welcome;
    private final HeldDeletions held;
    private final SyncRuns runs;
    private final TransactionTemplate transactions;
    private final TransactionTemplate savepoint;
    /** Changes written, and their results recorded, per transaction. */
    private final int batch;

    private final int workers;

    PlanApplier(
            SyncedDirectory directory,
            WelcomeMails welcome,
            HeldDeletions held,
            SyncRuns runs,
            TransactionTemplate transactions,
            SyncProperties properties) {
        this.batch = properties.applyBatch();
        this.workers = properties.applyWorkers();
        this.directory = directory;
        this.welcome = welcome;
        this.held = held;
        this.runs = runs;
        this.transactions = transactions;
        this.savepoint = new TransactionTemplate(transactions.getTransactionManager());
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Applies the plan for a run and records a result per object: the changes in order, then the
     * deletions the guard holds (recorded as held, their objects left as they are), then the
     * failures and the objects already in sync. A deletion held earlier that this plan no longer
     * asks for (its user came back, or a run deleted it) is no longer held, for each sync part the
     * plan covered. A delta run ({@code touched} not null) records every change, and the held
     * deletions, failures and objects already in sync of the objects its delta touched only (ADR 0015).
     */
    void apply(UUID runId, Plan plan, boolean sendWelcome, boolean usersPlanned, boolean groupsPlanned) {
        apply(runId, plan, null, sendWelcome, usersPlanned, groupsPlanned);
    }

    /** As {@link #apply(UUID, Plan, boolean, boolean, boolean)}, for a delta run when {@code touched} is not null. */
    void apply(
            UUID runId, Plan plan, Touched touched, boolean sendWelcome, boolean usersPlanned, boolean groupsPlanned) {
        List<Change> changes = plan.changes();
        int from = 0;
        while (from < changes.size()) {
            int creates = from;
            while (creates < changes.size() && !(changes.get(creates) instanceof CreateExtension)) {
                creates++;
            }
            int end = creates;
            while (end < changes.size() && changes.get(end) instanceof CreateExtension) {
                end++;
            }
            if (workers < 2 || end - creates <= batch) {
                inBatches(runId, changes.subList(from, end), sendWelcome);
            } else {
                inBatches(runId, changes.subList(from, creates), sendWelcome);
                sideBySide(runId, changes.subList(creates, end), sendWelcome);
            }
            from = end;
        }
        transactions.executeWithoutResult(status -> {
            runs.fence(runId);
            Set<UUID> stillHeld = new HashSet<>();
            for (Change deletion : plan.held()) {
                held.hold(
                        runId,
                        deletion.kind().objectType(),
                        target(deletion),
                        deletion.sourceId(),
                        deletion.displayName());
                stillHeld.add(target(deletion));
            }
            held.keepOnly(stillHeld, usersPlanned, groupsPlanned);
        });
        List<SyncResult> rest = new ArrayList<>();
        plan.held().stream()
                .filter(d -> touched == null || touched.contains(d.kind().objectType(), d.sourceId()))
                .forEach(d -> rest.add(result(d, Outcome.HELD, null, d.reason())));
        plan.failures().stream()
                .filter(f -> touched == null || touched.contains(f.objectType(), f.sourceId()))
                .forEach(f -> rest.add(new SyncResult(
                        f.objectType(),
                        f.sourceId(),
                        f.displayName(),
                        Action.NONE,
                        Outcome.FAILED,
                        f.code(),
                        f.reason())));
        plan.unchanged().stream()
                .filter(u -> touched == null || touched.contains(u.objectType(), u.sourceId()))
                .forEach(u -> rest.add(new SyncResult(
                        u.objectType(),
                        u.sourceId(),
                        u.displayName(),
                        Action.NONE,
                        Outcome.UNCHANGED,
                        null,
                        "Already in sync.")));
        for (int first = 0; first < rest.size(); first += RECORD_CHUNK) {
            runs.record(runId, rest.subList(first, Math.min(rest.size(), first + RECORD_CHUNK)));
        }
    }

    /** How many results applying the plan records: all its objects, or for a delta run those it touched. */
    static int recorded(Plan plan, Touched touched) {
        if (touched == null) {
            return plan.changes().size()
                    + plan.held().size()
                    + plan.failures().size()
                    + plan.unchanged().size();
        }
        return plan.changes().size()
                + (int) plan.held().stream()
                        .filter(d -> touched.contains(d.kind().objectType(), d.sourceId()))
                        .count()
                + (int) plan.failures().stream()
                        .filter(f -> touched.contains(f.objectType(), f.sourceId()))
                        .count()
                + (int) plan.unchanged().stream()
                        .filter(u -> touched.contains(u.objectType(), u.sourceId()))
                        .count();
    }

    private void inBatches(UUID runId, List<Change> changes, boolean sendWelcome) {
        for (int from = 0; from < changes.size(); from += batch) {
            applyChunk(
                    runId, changes.subList(from, Math.min(changes.size(), from + batch)), sendWelcome, Alone.INSTANCE);
        }
    }

    /**
     * Writes a run of new extensions a wave of batches at a time, the batches of a wave side by side,
     * each in its own transaction, while one transaction holds the sync lock and the capacity for
     * the wave; a wave that does not fit in the capacity is written one batch after the other, each
     * checked, so the extensions beyond it fail as they always did.
     */
    private void sideBySide(UUID runId, List<Change> creates, boolean sendWelcome) {
        int wave = batch * workers * BATCHES_PER_WORKER_AND_WAVE;
        log.info("Sync {}: writing {} new extensions in {} transactions side by side", runId, creates.size(), workers);
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(workers, work -> {
            Thread thread = new Thread(work, "sync-apply");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int from = 0; from < creates.size(); from += wave) {
                List<Change> part = creates.subList(from, Math.min(creates.size(), from + wave));
                Boolean written = transactions.execute(status -> {
                    runs.fence(runId);
                    if (!directory.holdCapacityFor(part.size())) {
                        return false;
                    }
                    writeWave(runId, part, sendWelcome, pool);
                    return true;
                });
                if (!Boolean.TRUE.equals(written)) {
                    inBatches(runId, part, sendWelcome);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        log.info(
                "Sync {}: wrote the {} new extensions in {} ms",
                runId,
                creates.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Hands the wave's batches to the workers, their results' positions set aside in the plan's
     * order, and waits for every batch handed out to end before returning, also when one fails or
     * this thread is interrupted: the caller's transaction, which holds the sync lock and the
     * capacity for them, must outlast them all. After a failure the batches not yet begun are
     * skipped (a running one is never cut off: it ends written or rolled back).
     */
    private void writeWave(UUID runId, List<Change> wave, boolean sendWelcome, ExecutorService pool) {
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<?>> written = new ArrayList<>();
        for (int from = 0; from < wave.size(); from += batch) {
            List<Change> chunk = wave.subList(from, Math.min(wave.size(), from + batch));
            Together together = new Together(runs.reserve(runId, chunk.size()));
            written.add(pool.submit(() -> {
                if (stop.get()) {
                    return;
                }
                try {
                    directory.withCapacityHeld(() -> applyChunk(runId, chunk, sendWelcome, together));
                } catch (RuntimeException | Error e) {
                    stop.set(true);
                    throw e;
                }
            }));
        }
        RuntimeException failure = null;
        boolean interrupted = false;
        for (Future<?> future : written) {
            while (true) {
                try {
                    future.get();
                    break;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r
                                ? r
                                : new IllegalStateException(
                                        "A batch of new extensions could not be written", e.getCause());
                    }
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    stop.set(true);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            if (failure == null) {
                failure = new IllegalStateException("Interrupted while new extensions were written");
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * How a batch's transactions begin and record: {@link Alone} fences the run itself and appends
     * its results; {@link Together}, one of a wave, relies on the wave's transaction for the fence
     * and writes its results at the positions set aside for it.
     */
    private sealed interface Batch permits Alone, Together {}

    private enum Alone implements Batch {
        INSTANCE
    }

    private record Together(int firstSeq) implements Batch {}

    private void begin(UUID runId, Batch how) {
        if (how instanceof Alone) {
            runs.fence(runId);
        }
    }

    private void record(UUID runId, List<SyncResult> results, Batch how) {
        if (how instanceof Together t) {
            runs.recordAt(runId, t.firstSeq(), results);
        } else {
            runs.record(runId, results);
        }
    }

    /**
     * Applies up to a batch of changes and records their results in one transaction, without
     * savepoints and with what the changes would ask one by one read at once (issue 20). Should
     * anything in it be refused, the batch is rolled back and written again the careful way, each
     * change behind a savepoint of its own, so failures are recorded as they always were.
     */
    private void applyChunk(UUID runId, List<Change> chunk, boolean sendWelcome, Batch how) {
        try {
            transactions.executeWithoutResult(status -> {
                begin(runId, how);
                prefetch(chunk);
                List<SyncResult> results = new ArrayList<>(chunk.size());
                List<Extension> welcomed = new ArrayList<>();
                for (Change change : chunk) {
                    results.add(write(change, sendWelcome ? welcomed : null));
                }
                directory.flush();
                welcome.enqueueAll(welcomed);
                record(runId, results, how);
            });
            return;
        } catch (SyncRuns.Superseded e) {
            throw e;
        } catch (RuntimeException e) {
            directory.forgetCounts();
            if (DatabaseUnavailable.causedBy(e)) {
                throw e;
            }
            log.debug(
                    "A batch of {} changes was refused written at once; writing it change by change", chunk.size(), e);
        }
        applyChunkBehindSavepoints(runId, chunk, sendWelcome, how);
    }

    /**
     * Reads once what the batch's extension changes would otherwise ask one by one: the extensions
     * of their users, and which of their numbers and email addresses are taken.
     */
    private void prefetch(List<Change> chunk) {
        SyncedDirectory.Keys read = SyncedDirectory.Keys.empty();
        SyncedDirectory.Keys planned = SyncedDirectory.Keys.empty();
        for (Change change : chunk) {
            if (change.sourceId() == null) {
                continue;
            }
            if (change instanceof CreateExtension c) {
                planned.add(c.sourceId(), c.input());
            } else if (change instanceof UpdateExtension u) {
                read.add(u.sourceId(), u.input());
            } else if (change instanceof AssociateExtension a) {
                read.add(a.sourceId(), a.input());
            }
        }
        if (!read.sourceIds().isEmpty() || !planned.sourceIds().isEmpty()) {
            directory.prefetch(read, planned);
        }
    }

    /**
     * The careful way of {@link #applyChunk}: each change behind a savepoint of its own, so a
     * refused change is rolled back alone and recorded as failed while the others go on; should
     * that fail as a whole, the changes are applied one by one, each in its own transaction.
     */
    private void applyChunkBehindSavepoints(UUID runId, List<Change> chunk, boolean sendWelcome, Batch how) {
        try {
            transactions.executeWithoutResult(status -> {
                begin(runId, how);
                List<SyncResult> results = new ArrayList<>(chunk.size());
                for (Change change : chunk) {
                    results.add(applyBehindSavepoint(change, sendWelcome));
                }
                record(runId, results, how);
            });
        } catch (SyncRuns.Superseded e) {
            throw e;
        } catch (RuntimeException e) {
            directory.forgetCounts();
            if (DatabaseUnavailable.causedBy(e)) {
                throw e;
            }
            log.warn("A batch of {} changes could not be written together; writing them one by one", chunk.size(), e);
            List<SyncResult> results = new ArrayList<>(chunk.size());
            for (Change change : chunk) {
                results.add(applyOne(runId, change, sendWelcome, how));
            }
            record(runId, results, how);
        }
    }

    private SyncResult applyBehindSavepoint(Change change, boolean sendWelcome) {
        try {
            return savepoint.execute(status -> write(change, sendWelcome));
        } catch (ProblemException e) {
            directory.forgetCounts();
            return result(change, Outcome.FAILED, e.code(), e.getMessage());
        } catch (SyncRuns.Superseded e) {
            throw e;
        } catch (RuntimeException e) {
            directory.forgetCounts();
            if (DatabaseUnavailable.causedBy(e)) {
                throw e;
            }
            return failed(change, e);
        }
    }

    private SyncResult applyOne(UUID runId, Change change, boolean sendWelcome, Batch how) {
        try {
            return transactions.execute(status -> {
                begin(runId, how);
                return write(change, sendWelcome);
            });
        } catch (SyncRuns.Superseded e) {
            throw e;
        } catch (ProblemException e) {
            return result(change, Outcome.FAILED, e.code(), e.getMessage());
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.causedBy(e)) {
                throw e;
            }
            return failed(change, e);
        }
    }

    private SyncResult failed(Change change, RuntimeException e) {
        log.warn("Applying {} failed", change.render(), e);
        return result(
                change,
                Outcome.FAILED,
                ProblemCode.APPLY_FAILED,
                "The change could not be written: " + e.getClass().getSimpleName() + ". The next sync retries it.");
    }

    private static UUID target(Change deletion) {
        return deletion instanceof DeleteGroup d ? d.groupId() : ((DeleteExtension) deletion).extensionId();
    }

    private SyncResult write(Change change, boolean sendWelcome) {
        List<Extension> welcomed = new ArrayList<>(1);
        SyncResult result = write(change, sendWelcome ? welcomed : null);
        welcomed.forEach(welcome::enqueue);
        return result;
    }

    /** Writes one change; the extension it creates is added to {@code welcomed} when that is not null. */
    private SyncResult write(Change change, List<Extension> welcomed) {
        if (change instanceof CreateExtension c) {
            Extension created = directory.upsertExtension(c.sourceId(), c.input(), c.numberFromSource());
            if (welcomed != null) {
                welcomed.add(created);
            }
            return done(change, c.reason());
        }
        if (change instanceof UpdateExtension u) {
            directory.upsertExtension(u.sourceId(), u.input(), u.numberFromSource());
            return done(change, u.reason() + ": " + fields(u.fields()));
        }
        if (change instanceof AssociateExtension a) {
            directory.associate(a.extensionId(), a.sourceId());
            directory.upsertExtension(a.sourceId(), a.input(), a.numberFromSource());
            return done(change, a.reason());
        }
        if (change instanceof DeleteExtension d) {
            directory.deleteSyncedExtension(d.extensionId());
            return done(change, d.reason());
        }
        if (change instanceof ReleaseExtension r) {
            directory.releaseExtension(r.extensionId());
            return done(change, r.reason());
        }
        if (change instanceof CreateGroup c) {
            directory.upsertGroup(c.sourceId(), c.displayName(), members(c.memberSourceIds()));
            return done(change, c.reason());
        }
        if (change instanceof UpdateGroup u) {
            directory.updateSyncedGroup(
                    u.sourceId(), u.displayName(), members(u.joiningSourceIds()), u.leavingExtensionIds());
            return done(change, u.reason() + ": " + fields(u.fields()));
        }
        if (change instanceof DeleteGroup d) {
            directory.deleteSyncedGroup(d.groupId());
            return done(change, d.reason());
        }
        ReleaseGroup r = (ReleaseGroup) change;
        directory.releaseGroup(r.groupId());
        return done(change, r.reason());
    }

    private List<UUID> members(List<String> sourceIds) {
        Map<String, UUID> bySource = directory.syncedExtensionIds(sourceIds);
        return sourceIds.stream()
                .map(bySource::get)
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    private static String fields(List<Change.FieldChange> fields) {
        return String.join(
                ", ",
                fields.stream()
                        .map(f -> f.field() + " " + (f.before() == null ? "(empty)" : "\"" + f.before() + "\"") + " → "
                                + (f.after() == null ? "(empty)" : "\"" + f.after() + "\""))
                        .toList());
    }

    /** The result of a change carried out: its kind says the object type, the action and so the outcome. */
    private static SyncResult done(Change change, String reason) {
        return result(change, Outcome.of(change.kind().action()), null, reason);
    }

    private static SyncResult result(Change change, Outcome outcome, ProblemCode code, String reason) {
        return new SyncResult(
                change.kind().objectType(),
                change.sourceId(),
                change.displayName(),
                change.kind().action(),
                outcome,
                code,
                capitalize(reason));
    }

    private static String capitalize(String s) {
        return s == null || s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
