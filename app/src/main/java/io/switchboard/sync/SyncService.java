package io.switchboard.sync;

import io.switchboard.directory.PbxSettingsService;
import io.switchboard.directory.SyncedDirectory;
import io.switchboard.entra.EntraConnection;
import io.switchboard.entra.EntraGroup;
import io.switchboard.entra.EntraUnavailable;
import io.switchboard.entra.TenantReader;
import io.switchboard.entra.TenantReader.DeltaLinks;
import io.switchboard.entra.TenantReader.MemberScope;
import io.switchboard.reconcile.ActualDirectory;
import io.switchboard.reconcile.Change;
import io.switchboard.reconcile.GroupSyncSettings;
import io.switchboard.reconcile.ObjectType;
import io.switchboard.reconcile.Plan;
import io.switchboard.reconcile.Planner;
import io.switchboard.reconcile.Snapshot;
import io.switchboard.reconcile.UserSyncSettings;
import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import io.switchboard.web.DatabaseUnavailable;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs syncs (U7, U8, X1–X4): reads the tenant (all of it, or only the changes since the last
 * read), plans against the directory, holds deletions the guard stops, applies the rest and
 * records every result. One run at a time across all instances; a failed or empty read of the
 * source never deletes anything.
 */
@Service
public class SyncService {

    private static final Logger log = LoggerFactory.getLogger(SyncService.class);
    private static final String OWNER = ManagementFactory.getRuntimeMXBean().getName();
    private static final Duration DATABASE_RETRY = Duration.ofSeconds(2);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

    /** A delta touching more users and groups than this is planned over the whole tenant. */
    static final int FOCUS_LIMIT = 1_000;

    private final SyncRuns runs;
    private final RuleSettings rules;
    private final GuardSettings guard;
    private final TenantMirror mirror;
    private final TenantReader reader;
    private final EntraConnection connection;
    private final SyncedDirectory directory;
    private final PbxSettingsService pbx;
    private final PlanApplier applier;
    private final HeldDeletions held;
    private final TransactionTemplate transactions;
    private final TaskExecutor executor;
    private final Duration heartbeat;
    private final ScheduledExecutorService heartbeats;
    private final List<RunPart> parts;
    private final RunProgress live;

    /** The mirror's write of the last tenant read whole, done while its run plans and applies. */
    private volatile CompletableFuture<Void> keeping = CompletableFuture.completedFuture(null);

    SyncService(
            SyncRuns runs,
            RuleSettings rules,
            GuardSettings guard,
            TenantMirror mirror,
            TenantReader reader,
            EntraConnection connection,
            SyncedDirectory directory,
            PbxSettingsService pbx,
            PlanApplier applier,
            HeldDeletions held,
            TransactionTemplate transactions,
            @Qualifier("applicationTaskExecutor") TaskExecutor executor,
            SyncHeartbeats heartbeats,
            SyncProperties properties,
            List<RunPart> parts,
            RunProgress live) {
        this.live = live;
        this.runs = runs;
        this.rules = rules;
        this.guard = guard;
        this.mirror = mirror;
        this.reader = reader;
        this.connection = connection;
        this.directory = directory;
        this.pbx = pbx;
        this.applier = applier;
        this.held = held;
        this.transactions = transactions;
        this.executor = executor;
        this.heartbeat = properties.heartbeat();
        this.heartbeats = heartbeats.executor();
        this.parts = parts;
    }

    /** Starts a run in the background, or returns the one already running ({@code started} false). */
    public SyncRuns.Start request(SyncTrigger trigger) {
        requireEnabled();
        SyncRuns.Start start = begin(trigger);
        if (start.started()) {
            executor.execute(() -> execute(start.run()));
        }
        return start;
    }

    /**
     * Update Now (M3): starts a run, or returns the running one. Refused while not connected
     * ({@code NOT_CONNECTED}) and while user sync, group sync and every contributed part (both
     * Outlook contact parts) are off ({@code NOTHING_TO_SYNC}):
     * such a run could do nothing, so none is recorded.
     */
    public SyncRuns.Start updateNow() {
        requireEnabled();
        requireConnected();
        Optional<SyncRun> running = runs.running();
        if (running.isPresent()) {
            return new SyncRuns.Start(running.get(), false);
        }
        requireSomethingToSync();
        return request(SyncTrigger.MANUAL);
    }

    /**
     * Makes sure a sync part just switched on is synced at once (U7): starts a run, or joins the
     * running one when it has not planned yet (it plans with the saved settings), or asks the
     * running one for a follow-up run when it has.
     */
    public SyncRuns.Start syncPartSwitchedOn() {
        requireEnabled();
        for (int attempt = 0; ; attempt++) {
            SyncRuns.Start start = begin(SyncTrigger.INITIAL);
            if (start.started()) {
                executor.execute(() -> execute(start.run()));
                return start;
            }
            if (runs.joinOrFollow(start.run().id(), SyncTrigger.INITIAL) != SyncRuns.Join.GONE || attempt >= 20) {
                return start;
            }
        }
    }

    /** Runs a sync in the calling thread and returns it finished; the running one when another runs. */
    public SyncRun runNow(SyncTrigger trigger) {
        SyncRuns.Start start = begin(trigger);
        if (!start.started()) {
            return start.run();
        }
        execute(start.run());
        return runs.get(start.run().id());
    }

    /** What a sync would do now, changing nothing (X1): always planned from a full read. */
    public Plan preview() {
        requireEnabled();
        requireConnected();
        requireSomethingToSync();
        UserSyncSettings users = rules.users();
        GroupSyncSettings groups = rules.groups();
        TenantReader.FullRead read = reader.readAll(ReadScope.of(users, groups), () -> {});
        return plan(new Snapshot(read.users(), read.groups()), actual(), users, groups);
    }

    /** What the contributed parts (Outlook contacts) would do now, changing nothing (X1). */
    public List<SyncResult> previewParts() {
        List<SyncResult> results = new ArrayList<>();
        for (RunPart part : parts) {
            if (part.active()) {
                part.run(new RunPart.Context(null, nextKind(), true, results::addAll));
            }
        }
        return results;
    }

    private void runParts(SyncRun run) {
        SyncKind kind = runs.get(run.id()).kind();
        for (RunPart part : parts) {
            if (part.active()) {
                part.run(new RunPart.Context(run.id(), kind, false, r -> runs.record(run.id(), r)));
            }
        }
    }

    /** The plan for a snapshot: the same rules, directory and deletion guard for a preview and a run (X1, X2). */
    private Plan plan(Snapshot snapshot, ActualDirectory actual, UserSyncSettings users, GroupSyncSettings groups) {
        Set<UUID> alreadyHeld = new HashSet<>();
        held.list().forEach(h -> alreadyHeld.add(h.targetId()));
        return Planner.plan(snapshot, actual, users, groups, guard.get().forPlanner(alreadyHeld));
    }

    /**
     * The plan of only what a delta touched and what failed in the last plan (issue 15 point 6, ADR
     * 0015), with the part of the directory it was planned against, or empty when the whole tenant
     * must be planned: the last run did not leave the directory in step for these settings (a
     * failed write, a held deletion, a run cut off, a settings change, synced objects released or
     * deleted since), a deletion is held, the delta removed a group, the focus is larger than
     * {@link #FOCUS_LIMIT}, or the planner cannot decide from the focused view. Only what the
     * focus needs is read of the directory: its counts, the extensions and groups of the focused
     * objects, and the numbers in use when a new extension takes one from the pool.
     */
    private Optional<Focused> focusedPlan(
            TenantReader.Changes changes,
            Touched touched,
            List<EntraGroup> shapes,
            String inStep,
            String fingerprint,
            UserSyncSettings users,
            GroupSyncSettings groups) {
        if (inStep == null
                || !changes.removedGroupIds().isEmpty()
                || touched.users().size() + touched.groups().size() > FOCUS_LIMIT
                || !held.list().isEmpty()) {
            return Optional.empty();
        }
        SyncedDirectory.Counts counts = directory.counts();
        if (!inStep.equals(stepMark(fingerprint, counts.syncedExtensions(), counts.syncedGroups()))) {
            return Optional.empty();
        }
        TenantMirror.Waiting waiting = mirror.waiting();
        Set<String> focusUsers = new HashSet<>(touched.users());
        focusUsers.addAll(waiting.users());
        Set<String> touchedGroups = new HashSet<>(touched.groups());
        touchedGroups.addAll(waiting.groups());
        if (focusUsers.size() + touchedGroups.size() > FOCUS_LIMIT) {
            return Optional.empty();
        }
        Planner.Focus focus = new Planner.Focus(focusUsers, focusGroups(focusUsers, touchedGroups, shapes));
        Set<String> toCreate = new HashSet<>(focus.groups());
        directory.syncedGroupSources().forEach(toCreate::remove);
        Snapshot snapshot = new Snapshot(mirror.users(focusUsers), mirror.withUsers(shapes, toCreate, focusUsers));
        Planner.Needs needs = Planner.needs(snapshot, users, focus);
        SyncedDirectory.Part part =
                directory.part(needs.userSourceIds(), needs.emailKeys(), needs.numbers(), needs.groups());
        ActualDirectory actual = new ActualDirectory(
                part.extensions(),
                part.groups(),
                part.memberCounts(),
                pbx.get().extensionCapacity(),
                counts.extensions(),
                counts.syncedExtensions(),
                directory::numbersInUse);
        return Planner.planFocused(snapshot, actual, users, groups, guard.get().forPlanner(Set.of()), focus)
                .map(plan -> new Focused(plan, actual));
    }

    private record Focused(Plan plan, ActualDirectory actual) {}

    /** The groups a delta added to or removed from a group: their users are touched. */
    private static Set<String> nestedChanged(TenantReader.Changes changes) {
        Set<String> nested = new HashSet<>();
        for (TenantReader.GroupChange g : changes.groups()) {
            nested.addAll(g.addedGroups());
            nested.addAll(g.removedGroups());
        }
        return nested;
    }

    /**
     * The touched and waiting groups, the synced groups holding an extension of a focused user, and
     * every group above them (a nested member's change is a change of the groups holding it).
     */
    private Set<String> focusGroups(Set<String> users, Set<String> groups, List<EntraGroup> mirrorGroups) {
        Set<String> focus = new HashSet<>(groups);
        focus.addAll(directory.syncedGroupsHolding(users));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (EntraGroup g : mirrorGroups) {
                if (!focus.contains(g.id()) && g.memberGroupIds().stream().anyMatch(focus::contains)) {
                    focus.add(g.id());
                    grew = true;
                }
            }
        }
        return focus;
    }

    private static String stepMark(String fingerprint, long syncedExtensions, long syncedGroups) {
        return fingerprint + " " + syncedExtensions + " " + syncedGroups;
    }

    /** Reads and clears the mark of a directory in step: a run cut off from now on leaves it cleared. */
    private String leaveStep(SyncRun run) {
        Optional<String> mark = mirror.state(TenantMirror.IN_STEP);
        if (mark.isPresent()) {
            transactions.executeWithoutResult(status -> {
                runs.fence(run.id());
                mirror.setState(TenantMirror.IN_STEP, null);
            });
        }
        return mark.orElse(null);
    }

    /**
     * Marks the directory in step once a plan with nothing held was applied with no failure of its
     * own, with the synced counts it left and the objects the plan failed (they wait for something
     * to be freed, so a focused delta plans them too): the next delta may plan only what it touches.
     */
    private void markInStep(SyncRun run, Plan plan, Touched touched, ActualDirectory before, String fingerprint) {
        long recordedFailures = plan.failures().stream()
                .filter(f -> touched == null || touched.contains(f.objectType(), f.sourceId()))
                .count();
        if (!plan.held().isEmpty()
                || plan.failures().size() > FOCUS_LIMIT
                || runs.counts(run.id()).failed() != recordedFailures) {
            return;
        }
        Set<String> waitingUsers = new HashSet<>();
        Set<String> waitingGroups = new HashSet<>();
        plan.failures()
                .forEach(f -> (f.objectType() == ObjectType.GROUP ? waitingGroups : waitingUsers).add(f.sourceId()));
        long extensions = before.syncedExtensionCount();
        long extensionGroups = before.syncedGroupCount();
        for (Change c : plan.changes()) {
            switch (c.kind()) {
                case CREATE_EXTENSION, ASSOCIATE_EXTENSION -> extensions++;
                case DELETE_EXTENSION, RELEASE_EXTENSION -> extensions--;
                case CREATE_GROUP -> extensionGroups++;
                case DELETE_GROUP, RELEASE_GROUP -> extensionGroups--;
                default -> {}
            }
        }
        String mark = stepMark(fingerprint, extensions, extensionGroups);
        transactions.executeWithoutResult(status -> {
            runs.fence(run.id());
            mirror.setWaiting(waitingUsers, waitingGroups);
            mirror.setState(TenantMirror.IN_STEP, mark);
        });
    }

    private SyncRuns.Start begin(SyncTrigger trigger) {
        return runs.start(trigger, nextKind(), OWNER);
    }

    /** A delta run when the last read's links are kept and were read for the current settings; else a full one. */
    private SyncKind nextKind() {
        boolean delta = mirror.state(TenantMirror.USERS_DELTA).isPresent()
                && mirror.state(TenantMirror.GROUPS_DELTA).isPresent()
                && mirror.state(TenantMirror.READ_FOR)
                        .filter(rules.fingerprint()::equals)
                        .isPresent();
        return delta ? SyncKind.DELTA : SyncKind.FULL;
    }

    private void execute(SyncRun run) {
        ScheduledFuture<?> beat = heartbeats.scheduleAtFixedRate(
                () -> beat(run), heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        RunProgress.Counter progress = live.begin(run.id());
        ScheduledFuture<?> reporting = heartbeats.scheduleAtFixedRate(
                new ProgressWriter(run.id(), progress),
                PROGRESS_EVERY.toMillis(),
                PROGRESS_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        Optional<SyncTrigger> followUp = Optional.empty();
        try {
            requireConnected();
            long started = System.nanoTime();
            String inStep = leaveStep(run);
            Read read = read(run, progress);
            long readAt = System.nanoTime();
            ReadFor readFor = read.readFor();
            Snapshot snapshot = read.full();
            progress.phase(SyncProgress.Phase.PLANNING);
            runs.markPlanned(run.id());
            UserSyncSettings users = rules.users();
            GroupSyncSettings groups = rules.groups();
            ReadFor plannedWith = ReadFor.of(rules, users, groups);
            if (!plannedWith.scope().equals(readFor.scope())) {
                log.info(
                        "Sync {}: a settings save during the read changed the groups in scope; reading them again",
                        run.id());
                runs.setKind(run.id(), SyncKind.FULL);
                read.awaitKept();
                read = readAll(run, progress, plannedWith);
                snapshot = read.full();
            }
            Touched touched = null;
            ActualDirectory actual = null;
            Plan plan = null;
            if (snapshot == null) {
                List<EntraGroup> shapes = mirror.shapes();
                touched = Touched.by(
                        read.changes(),
                        mirror.withUsers(shapes, nestedChanged(read.changes()), Set.of()),
                        mirror::groupsOf);
                Optional<Focused> focused =
                        focusedPlan(read.changes(), touched, shapes, inStep, plannedWith.fingerprint(), users, groups);
                if (focused.isPresent()) {
                    plan = focused.get().plan();
                    actual = focused.get().actual();
                    log.info(
                            "Sync {}: planned only the {} users and {} groups its delta touched",
                            run.id(),
                            touched.users().size(),
                            touched.groups().size());
                } else {
                    snapshot = new Snapshot(mirror.users(), mirror.groups());
                }
            }
            if (plan == null) {
                actual = actual();
                plan = plan(snapshot, actual, users, groups);
            }
            progress.planned(PlanApplier.recorded(plan, touched));
            if (!mirror.writtenAlongside()) {
                read.awaitKept();
            }
            progress.phase(SyncProgress.Phase.APPLYING);
            long plannedAt = System.nanoTime();
            applier.apply(run.id(), plan, touched, users.sendWelcomeEmail(), users.enabled(), groups.enabled());
            read.awaitKept();
            recordPlannedWith(run, read.readFor().fingerprint(), plannedWith.fingerprint());
            markInStep(run, plan, touched, actual, plannedWith.fingerprint());
            long appliedAt = System.nanoTime();
            runParts(run);
            log.info(
                    "Sync {}: read {} ms, planned {} ms, applied {} changes in {} ms, other parts {} ms",
                    run.id(),
                    (readAt - started) / 1_000_000,
                    (plannedAt - readAt) / 1_000_000,
                    plan.changes().size(),
                    (appliedAt - plannedAt) / 1_000_000,
                    (System.nanoTime() - appliedAt) / 1_000_000);
            followUp = runs.finishWithFollowUp(run.id(), null);
        } catch (SyncRuns.Superseded e) {
            awaitKeptQuietly();
            log.warn(e.getMessage());
        } catch (EntraUnavailable | ProblemException e) {
            awaitKeptQuietly();
            log.warn("Sync {} stopped: {}", run.id(), e.getMessage());
            followUp = runs.finishWithFollowUp(run.id(), e.getMessage() + " Nothing was deleted.");
        } catch (RuntimeException e) {
            awaitKeptQuietly();
            if (DatabaseUnavailable.causedBy(e)) {
                log.warn("Sync {} stopped: the database cannot be reached ({})", run.id(), e.getMessage());
                finishOnceTheDatabaseIsBack(run.id());
                return;
            }
            log.error("Sync {} failed", run.id(), e);
            followUp = runs.finishWithFollowUp(
                    run.id(),
                    "The sync stopped on an unexpected error (" + e.getClass().getSimpleName()
                            + "); the next run completes the work.");
        } finally {
            beat.cancel(false);
            reporting.cancel(false);
            live.end(run.id());
        }
        followUp.ifPresent(this::startFollowUp);
    }

    /**
     * Waits for the mirror's write of a run that stopped early, whatever its outcome, so the next
     * run never starts while it is still being written.
     */
    private void awaitKeptQuietly() {
        try {
            keeping.join();
        } catch (RuntimeException e) {
            log.debug("The tenant read was not kept: {}", e.getMessage());
        }
    }

    /** Stores a running run's progress when it changed, at most once per {@link #PROGRESS_EVERY}. */
    private final class ProgressWriter implements Runnable {
        private final UUID runId;
        private final RunProgress.Counter progress;
        private SyncProgress written;

        ProgressWriter(UUID runId, RunProgress.Counter progress) {
            this.runId = runId;
            this.progress = progress;
        }

        @Override
        public void run() {
            SyncProgress now = progress.snapshot();
            if (now.equals(written)) {
                return;
            }
            try {
                runs.saveProgress(runId, now);
                written = now;
            } catch (RuntimeException e) {
                log.debug("Sync {}: progress not stored: {}", runId, e.getMessage());
            }
        }
    }

    /** Starts the run asked for while the last one ran; a refusal (integration disabled meanwhile) is logged. */
    private void startFollowUp(SyncTrigger trigger) {
        try {
            if (connection.connected()) {
                request(trigger);
            }
        } catch (ProblemException e) {
            log.info("Follow-up sync not started: {}", e.getMessage());
        }
    }

    /**
     * Ends a run that lost the database as failed with that reason, as soon as the database lets it
     * be recorded; until then the run holds the sync lock, so no other run starts on a half-read
     * database. Should this instance stop meanwhile, the janitor of another ends the run.
     */
    private void finishOnceTheDatabaseIsBack(UUID runId) {
        Runnable attempt = new Runnable() {
            @Override
            public void run() {
                try {
                    runs.finish(runId, DatabaseUnavailable.REASON);
                    log.info("Sync {} recorded as failed: the database was lost during it", runId);
                } catch (RuntimeException e) {
                    if (!DatabaseUnavailable.causedBy(e)) {
                        log.warn("Sync {}: its end cannot be recorded: {}", runId, e.getMessage());
                        return;
                    }
                    heartbeats.schedule(this, DATABASE_RETRY.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        };
        attempt.run();
    }

    /** One heartbeat; a failed one is logged, so the next still beats (an exception would end them all). */
    private void beat(SyncRun run) {
        try {
            runs.heartbeat(run.id());
        } catch (RuntimeException e) {
            log.warn("Sync {}: heartbeat not recorded: {}", run.id(), e.getMessage());
        }
    }

    /**
     * Records the settings a run plans with as those its read is valid for, when a save changed
     * them after the read began: the next run is full only when the saved settings differ from
     * those the running run planned with (X3).
     */
    private void recordPlannedWith(SyncRun run, String readFor, String plannedWith) {
        if (plannedWith.equals(readFor)) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            runs.fence(run.id());
            mirror.setState(TenantMirror.READ_FOR, plannedWith);
        });
    }

    /** The settings a read was made for: their fingerprint, and the groups whose members it read. */
    private record ReadFor(String fingerprint, MemberScope scope) {

        static ReadFor of(RuleSettings rules, UserSyncSettings users, GroupSyncSettings groups) {
            return new ReadFor(rules.fingerprint(users, groups), ReadScope.of(users, groups));
        }
    }

    /**
     * Brings the tenant mirror up to date: only the changes when the last read's links still work
     * and the settings are those of the last read (X3), else the whole tenant; returns the
     * settings the read was made for, and the tenant when it was read whole.
     */
    private Read read(SyncRun run, RunProgress.Counter progress) {
        ReadFor readFor = ReadFor.of(rules, rules.users(), rules.groups());
        if (run.kind() == SyncKind.DELTA) {
            if (mirror.state(TenantMirror.READ_FOR)
                    .filter(readFor.fingerprint()::equals)
                    .isEmpty()) {
                log.info(
                        "Sync {}: the settings changed since the run was asked for; reading the whole tenant",
                        run.id());
                runs.setKind(run.id(), SyncKind.FULL);
                return readAll(run, progress, readFor);
            }
            try {
                TenantReader.Changes changes = reader.readChanges(
                        new DeltaLinks(
                                mirror.state(TenantMirror.USERS_DELTA).orElseThrow(),
                                mirror.state(TenantMirror.GROUPS_DELTA).orElseThrow()),
                        progress::pageRead);
                transactions.executeWithoutResult(status -> {
                    runs.fence(run.id());
                    changes.users().forEach(mirror::putUser);
                    changes.removedUserIds().forEach(mirror::removeUser);
                    changes.removedGroupIds().forEach(mirror::removeGroup);
                    for (TenantReader.GroupChange g : changes.groups()) {
                        applyGroupChange(g);
                    }
                    saveLinks(changes.links(), readFor.fingerprint());
                });
                return new Read(readFor, null, changes, null);
            } catch (TenantReader.FullSyncRequired e) {
                log.info("Delta link no longer valid ({}); reading the whole tenant", e.getMessage());
                runs.setKind(run.id(), SyncKind.FULL);
            }
        }
        return readAll(run, progress, readFor);
    }

    /**
     * What a read brought: the settings it was made for, and the whole tenant when it read it (else
     * null) or the changes when it read only those (else null).
     */
    private record Read(ReadFor readFor, Snapshot full, TenantReader.Changes changes, CompletableFuture<Void> kept) {

        /**
         * Waits until the tenant read whole is kept in the mirror with its delta links; rethrows
         * what stopped that.
         */
        void awaitKept() {
            if (kept != null) {
                await(kept);
            }
        }
    }

    /** Waits for a mirror write; rethrows what stopped it. */
    private static void await(CompletableFuture<Void> write) {
        try {
            write.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Reads the whole tenant (the members of the groups in scope only) and returns it, so the run
     * plans from it without reading the mirror back. The mirror takes it on another thread ({@link
     * MirrorWrite}): the users page by page while they are listed, then the groups and the new
     * delta links while the run plans, and applies where the database gains from it ({@link
     * TenantMirror#writtenAlongside}) (issue 15 point 2). Its first step removes the old links, so a
     * run cut off before the last step commits is followed by a full one.
     */
    private Read readAll(SyncRun run, RunProgress.Counter progress, ReadFor readFor) {
        long started = System.nanoTime();
        MirrorWrite keep = MirrorWrite.begin(mirror, transactions, runs, run.id(), executor::execute);
        keeping = keep.written();
        TenantReader.FullRead read;
        try {
            read = reader.readAll(readFor.scope(), progress::pageRead, keep);
        } catch (RuntimeException | Error e) {
            keep.abandon();
            throw e;
        }
        log.info(
                "Sync {}: read {} users and {} groups from Microsoft Graph in {} ms",
                run.id(),
                read.users().size(),
                read.groups().size(),
                (System.nanoTime() - started) / 1_000_000);
        CompletableFuture<Void> kept =
                keep.finish(read.users().size(), read.groups(), () -> saveLinks(read.links(), readFor.fingerprint()));
        return new Read(readFor, new Snapshot(read.users(), read.groups()), null, kept);
    }

    private void applyGroupChange(TenantReader.GroupChange g) {
        if (g.fields() != null) {
            mirror.putGroupFields(g.fields());
        }
        g.addedUsers().forEach(m -> mirror.addMember(g.id(), m, false));
        g.addedGroups().forEach(m -> mirror.addMember(g.id(), m, true));
        g.removedUsers().forEach(m -> mirror.removeMember(g.id(), m));
        g.removedGroups().forEach(m -> mirror.removeMember(g.id(), m));
    }

    private void saveLinks(DeltaLinks links, String fingerprint) {
        mirror.setState(TenantMirror.USERS_DELTA, links.users());
        mirror.setState(TenantMirror.GROUPS_DELTA, links.groups());
        mirror.setState(TenantMirror.READ_FOR, fingerprint);
    }

    private ActualDirectory actual() {
        return new ActualDirectory(
                directory.extensions(), directory.groups(), pbx.get().extensionCapacity());
    }

    private void requireEnabled() {
        if (!connection.enabled()) {
            throw new ProblemException(
                    ProblemCode.INTEGRATION_DISABLED,
                    "The integration is disabled, so nothing syncs. Enable it first.");
        }
    }

    private void requireSomethingToSync() {
        if (!rules.userSyncOn() && !rules.groupSyncOn() && parts.stream().noneMatch(RunPart::active)) {
            throw new ProblemException(
                    ProblemCode.NOTHING_TO_SYNC,
                    "User sync and group sync are paused and Outlook contact sync is off, so a sync would do"
                            + " nothing. Switch one of them on (enabled: true) first.");
        }
    }

    private void requireConnected() {
        if (!connection.connected()) {
            throw new ProblemException(
                    ProblemCode.NOT_CONNECTED,
                    "The integration is not connected to Microsoft Entra ID, so nothing can be read.");
        }
    }
}
