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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a plan to the directory in the plan's order, in batches of {@link #CHUNK} changes per
 * transaction with their results, written at once without savepoints; a batch in which anything
 * is refused is rolled back and written again each change behind a savepoint of its own: one
 * failure is recorded with its reason and the rest go on (a batch that fails as a whole even so is
 * applied again change by change). Deletions the guard holds (listed apart in the plan) are not applied but
 * recorded as held. Every change is idempotent, so a run cut off and retried
 * converges without duplicates; the welcome mail is queued in the transaction that creates the
 * extension and so exists once per extension. Each transaction first checks that the
 * run still holds the sync lock ({@link SyncRuns#fence}); a run taken for dead stops there.
 */
@Component
class PlanApplier {

    private static final Logger log = LoggerFactory.getLogger(PlanApplier.class);
    /** Changes written, and their results recorded, per transaction. */
    static final int CHUNK = 4000;

    private static final int RECORD_CHUNK = 1000;

    private final SyncedDirectory directory;
    private final WelcomeMails welcome;
    private final HeldDeletions held;
    private final SyncRuns runs;
    private final TransactionTemplate transactions;
    private final TransactionTemplate savepoint;

    PlanApplier(
            SyncedDirectory directory,
            WelcomeMails welcome,
            HeldDeletions held,
            SyncRuns runs,
            TransactionTemplate transactions) {
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
        for (int from = 0; from < changes.size(); from += CHUNK) {
            applyChunk(runId, changes.subList(from, Math.min(changes.size(), from + CHUNK)), sendWelcome);
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
        for (int from = 0; from < rest.size(); from += RECORD_CHUNK) {
            runs.record(runId, rest.subList(from, Math.min(rest.size(), from + RECORD_CHUNK)));
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

    /**
     * Applies up to {@link #CHUNK} changes and records their results in one transaction, without
     * savepoints and with what the changes would ask one by one read at once (issue 20). Should
     * anything in it be refused, the batch is rolled back and written again the careful way, each
     * change behind a savepoint of its own, so failures are recorded as they always were.
     */
    private void applyChunk(UUID runId, List<Change> chunk, boolean sendWelcome) {
        try {
            transactions.executeWithoutResult(status -> {
                runs.fence(runId);
                prefetch(chunk);
                List<SyncResult> results = new ArrayList<>(chunk.size());
                List<Extension> welcomed = new ArrayList<>();
                for (Change change : chunk) {
                    results.add(write(change, sendWelcome ? welcomed : null));
                }
                directory.flush();
                welcome.enqueueAll(welcomed);
                runs.record(runId, results);
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
        applyChunkBehindSavepoints(runId, chunk, sendWelcome);
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
    private void applyChunkBehindSavepoints(UUID runId, List<Change> chunk, boolean sendWelcome) {
        try {
            transactions.executeWithoutResult(status -> {
                runs.fence(runId);
                List<SyncResult> results = new ArrayList<>(chunk.size());
                for (Change change : chunk) {
                    results.add(applyBehindSavepoint(runId, change, sendWelcome));
                }
                runs.record(runId, results);
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
                results.add(applyOne(runId, change, sendWelcome));
            }
            runs.record(runId, results);
        }
    }

    private SyncResult applyBehindSavepoint(UUID runId, Change change, boolean sendWelcome) {
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

    private SyncResult applyOne(UUID runId, Change change, boolean sendWelcome) {
        try {
            return transactions.execute(status -> {
                runs.fence(runId);
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
