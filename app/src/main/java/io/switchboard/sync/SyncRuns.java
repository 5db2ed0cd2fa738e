package io.switchboard.sync;

import io.switchboard.directory.BulkInsert;
import io.switchboard.reconcile.ObjectType;
import io.switchboard.shared.Audited;
import io.switchboard.shared.Audited.Action;
import io.switchboard.shared.PageRequest;
import io.switchboard.shared.PageResult;
import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The history of sync runs and the lock that lets only one run at a time, across every instance
 * sharing the database (M3, X6): starting a run claims the single {@code sync_lock} row with a
 * conditional update, finishing releases it. A run whose instance stopped sending heartbeats is
 * ended as {@link RunState#FAILED} and its lock freed, so it can be run again.
 */
@Service
public class SyncRuns {

    private static final String RUN_COLUMNS = "id, trigger_kind, kind, state, started_at, finished_at, created,"
            + " updated, deleted, unchanged, failed, held, error, progress";

    private static final String ABANDONED =
            "The instance running this sync stopped before it finished. A new run completes the work.";

    private final JdbcClient jdbc;
    private final BulkInsert bulk;
    private final Clock clock;

    private static final List<String> RESULT_COLUMNS = List.of(
            "run_id",
            "seq",
            "object_type",
            "source_id",
            "display_name",
            "action",
            "outcome",
            "code",
            "reason",
            "owner");

    private final ApplicationEventPublisher events;
    private final RunProgress live;

    /**
     * The last result number given per run this instance records results of, so that appending a
     * batch does not look for the highest one again (on H2 that is a scan of the run's results, which
     * made recording quadratic in the tenant's size). A batch rolled back leaves a gap, which the
     * order of results ignores.
     */
    private final Map<UUID, Integer> lastSeq = new ConcurrentHashMap<>();

    SyncRuns(JdbcClient jdbc, BulkInsert bulk, Clock clock, ApplicationEventPublisher events, RunProgress live) {
        this.events = events;
        this.live = live;
        this.jdbc = jdbc;
        this.bulk = bulk;
        this.clock = clock;
    }

    /** The answer to a start request: the new run, or the one already running. */
    public record Start(SyncRun run, boolean started) {}

    /** Starts a run unless one is running; then the running one is returned with {@code started} false. */
    @Transactional
    public Start start(SyncTrigger trigger, SyncKind kind, String owner) {
        UUID id = UUID.randomUUID();
        int claimed = jdbc.sql("UPDATE sync_lock SET run_id = ? WHERE id = 1 AND run_id IS NULL")
                .param(id)
                .update();
        if (claimed == 0) {
            return running()
                    .map(run -> new Start(run, false))
                    .orElseThrow(() -> new IllegalStateException("The sync lock is held by a run that does not exist"));
        }
        OffsetDateTime now = utc(clock.instant());
        long seq = jdbc.sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM sync_run")
                .query(Long.class)
                .single();
        jdbc.sql("INSERT INTO sync_run (id, seq, trigger_kind, kind, state, started_at, owner, heartbeat_at)"
                        + " VALUES (?, ?, ?, ?, 'RUNNING', ?, ?, ?)")
                .params(id, seq, trigger.name(), kind.name(), now, owner, now)
                .update();
        events.publishEvent(Audited.of(
                Action.SYNC_STARTED,
                "sync-run/" + id,
                Audited.details("trigger", trigger.name(), "kind", kind.name(), "instance", owner)));
        return new Start(get(id), true);
    }

    @Transactional(readOnly = true)
    public Optional<SyncRun> running() {
        return jdbc.sql("SELECT " + RUN_COLUMNS.replace("id,", "r.id,") + " FROM sync_run r"
                        + " JOIN sync_lock l ON l.run_id = r.id")
                .query(SyncRuns::map)
                .optional()
                .map(this::live);
    }

    /** Appends results to a run, after those it already has. */
    @Transactional
    public void record(UUID runId, List<SyncResult> results) {
        if (results.isEmpty()) {
            return;
        }
        recordAt(runId, reserve(runId, results.size()), results);
        heartbeat(runId);
    }

    /**
     * Sets aside the positions of {@code count} results of a run, after every position handed out
     * before; returns the first. Batches written side by side take theirs in the plan's order first,
     * so the run's results keep that order whichever commits first. A position whose batch is rolled
     * back stays unused: results are listed in order of position, never counted by it.
     */
    int reserve(UUID runId, int count) {
        return lastSeq.compute(
                        runId,
                        (id, last) -> (last != null
                                        ? last
                                        : jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM sync_result WHERE run_id = ?")
                                                .param(id)
                                                .query(Integer.class)
                                                .single())
                                + count)
                - count
                + 1;
    }

    /**
     * Writes results at the positions from {@code first} on, set aside by {@link #reserve}, without
     * touching the run's row: batches written side by side do not wait for one another on it (the
     * run's heartbeat goes on from {@link SyncService}).
     */
    @Transactional
    public void recordAt(UUID runId, int first, List<SyncResult> results) {
        if (results.isEmpty()) {
            return;
        }
        List<Object[]> rows = BulkInsert.rows(results.size(), i -> {
            SyncResult r = results.get(i);
            return new Object[] {
                runId,
                first + i,
                r.objectType().name(),
                clip(r.sourceId(), 256),
                clip(r.displayName(), 256),
                r.action().name(),
                r.outcome().name(),
                r.code() == null ? null : r.code().name(),
                clip(r.reason(), 1000),
                clip(r.owner(), 320)
            };
        });
        bulk.insert("sync_result", RESULT_COLUMNS, rows);
        live.recorded(runId, results);
    }

    /** Records that a delta run fell back to reading everything. */
    @Transactional
    public void setKind(UUID runId, SyncKind kind) {
        jdbc.sql("UPDATE sync_run SET kind = ? WHERE id = ?")
                .params(kind.name(), runId)
                .update();
    }

    /** Stores a running run's progress for the other instances (issue 15 point 8). */
    @Transactional
    public void saveProgress(UUID runId, SyncProgress progress) {
        jdbc.sql("UPDATE sync_run SET progress = ? WHERE id = ? AND state = 'RUNNING'")
                .params(progress.stored(), runId)
                .update();
    }

    /** A running run's progress as this instance counts it, fresher than the stored one, when it runs here. */
    private SyncRun live(SyncRun run) {
        if (run.state() != RunState.RUNNING) {
            return run;
        }
        return live.of(run.id()).map(run::withProgress).orElse(run);
    }

    @Transactional
    public void heartbeat(UUID runId) {
        jdbc.sql("UPDATE sync_run SET heartbeat_at = ? WHERE id = ? AND state = 'RUNNING'")
                .params(utc(clock.instant()), runId)
                .update();
    }

    /**
     * Ends a run: its counts come from its recorded results; the state is {@code FAILED} when an
     * error is given, else {@code PARTIAL} when anything failed or is held, else {@code SUCCEEDED}.
     */
    @Transactional
    public SyncRun finish(UUID runId, String error) {
        end(runId, error, null);
        return get(runId);
    }

    /**
     * The fence of a run's writes (X6): inside the caller's transaction, locks the {@code sync_lock}
     * row and checks that this run still holds it. A run whose instance was taken for dead (and
     * whose lock went to another run) stops at its next write instead of writing next to the run
     * that replaced it; the row lock keeps the janitor from taking the lock over mid-write.
     *
     * @throws Superseded when the run no longer holds the lock
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void fence(UUID runId) {
        Optional<UUID> holder = jdbc.sql("SELECT run_id FROM sync_lock WHERE id = 1 FOR UPDATE")
                .query((rs, n) -> rs.getObject(1, UUID.class))
                .optional();
        if (holder.isEmpty() || !runId.equals(holder.get())) {
            throw new Superseded(runId);
        }
    }

    /** A run that no longer holds the sync lock: it was ended as abandoned and must write nothing more. */
    public static final class Superseded extends RuntimeException {
        Superseded(UUID runId) {
            super("Sync " + runId + " no longer holds the sync lock: it was ended as abandoned, so it writes nothing"
                    + " more.");
        }
    }

    /**
     * Ends, as failed, the running run whose heartbeat is older than {@code staleAfter}, and frees
     * the lock; returns it when this call ended it. Ending it is one conditional update, so when
     * the janitors of several instances find the same run, exactly one of them gets it (X6), and a
     * run whose heartbeat came back in the meantime goes on.
     */
    @Transactional
    public Optional<SyncRun> failAbandoned(Duration staleAfter) {
        OffsetDateTime silentSince = utc(clock.instant().minus(staleAfter));
        Optional<UUID> stale = jdbc.sql(
                        "SELECT r.id FROM sync_run r JOIN sync_lock l ON l.run_id = r.id WHERE r.heartbeat_at < ?")
                .param(silentSince)
                .query((rs, n) -> rs.getObject(1, UUID.class))
                .optional();
        if (stale.isEmpty() || !end(stale.get(), ABANDONED, silentSince)) {
            return Optional.empty();
        }
        return Optional.of(get(stale.get()));
    }

    /**
     * Ends a running run, when given {@code silentSince} only if its heartbeat is still older;
     * frees its lock when it ended it (or, without {@code silentSince}, anyway). True if this call ended it.
     */
    private boolean end(UUID runId, String error, OffsetDateTime silentSince) {
        Counts counts = counts(runId);
        RunState state = RunState.of(error, counts);
        int ended = jdbc.sql("UPDATE sync_run SET state = :state, finished_at = :now, created = :created,"
                        + " updated = :updated, deleted = :deleted, unchanged = :unchanged, failed = :failed,"
                        + " held = :held, error = :error WHERE id = :id AND state = 'RUNNING'"
                        + (silentSince == null ? "" : " AND heartbeat_at < :silentSince"))
                .param("state", state.name())
                .param("now", utc(clock.instant()))
                .param("created", counts.created())
                .param("updated", counts.updated())
                .param("deleted", counts.deleted())
                .param("unchanged", counts.unchanged())
                .param("failed", counts.failed())
                .param("held", counts.held())
                .param("error", clip(error, 1000))
                .param("id", runId)
                .param("silentSince", silentSince)
                .update();
        if (ended == 0 && silentSince != null) {
            return false;
        }
        if (ended > 0) {
            events.publishEvent(Audited.of(
                    Action.SYNC_FINISHED,
                    "sync-run/" + runId,
                    Audited.details(
                            "state", state.name(),
                            "created", counts.created(),
                            "updated", counts.updated(),
                            "deleted", counts.deleted(),
                            "unchanged", counts.unchanged(),
                            "failed", counts.failed(),
                            "held", counts.held(),
                            "error", clip(error, 300))));
        }
        lastSeq.remove(runId);
        jdbc.sql("UPDATE sync_lock SET run_id = NULL, follow_up = NULL WHERE id = 1 AND run_id = ?")
                .param(runId)
                .update();
        return ended > 0;
    }

    /**
     * Ends a run like {@link #finish} and returns the follow-up run asked for while it ran (a sync
     * part switched on after it planned), which the caller starts.
     */
    @Transactional
    public Optional<SyncTrigger> finishWithFollowUp(UUID runId, String error) {
        Optional<SyncTrigger> followUp = jdbc
                .sql("SELECT follow_up FROM sync_lock WHERE id = 1 AND run_id = ? FOR UPDATE")
                .param(runId)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1)))
                .list()
                .stream()
                .flatMap(Optional::stream)
                .findFirst()
                .map(SyncTrigger::valueOf);
        end(runId, error, null);
        return followUp;
    }

    /** Records, inside the run's fence, that the run is about to read the sync rules and plan; a heartbeat too. */
    @Transactional
    public void markPlanned(UUID runId) {
        fence(runId);
        OffsetDateTime now = utc(clock.instant());
        jdbc.sql("UPDATE sync_run SET planned_at = ?, heartbeat_at = ? WHERE id = ?")
                .params(now, now, runId)
                .update();
    }

    /** What asking a running run to cover a sync part just switched on came to. */
    public enum Join {
        /** The run has not planned yet, so it plans the part with the saved settings. */
        JOINED,
        /** The run has planned already; a follow-up run starts when it ends. */
        FOLLOW_UP,
        /** The run ended meanwhile; start a new one. */
        GONE
    }

    /**
     * Makes the running run cover a sync part switched on after the settings were saved: joins it
     * when it has not planned yet, else asks it for a follow-up run with {@code trigger}.
     */
    @Transactional
    public Join joinOrFollow(UUID runId, SyncTrigger trigger) {
        Optional<UUID> holder = jdbc.sql("SELECT run_id FROM sync_lock WHERE id = 1 FOR UPDATE")
                .query((rs, n) -> rs.getObject(1, UUID.class))
                .optional();
        if (holder.isEmpty() || !runId.equals(holder.get())) {
            return Join.GONE;
        }
        boolean planned = jdbc.sql("SELECT COUNT(*) FROM sync_run WHERE id = ? AND planned_at IS NOT NULL")
                        .param(runId)
                        .query(Long.class)
                        .single()
                > 0;
        if (!planned) {
            return Join.JOINED;
        }
        jdbc.sql("UPDATE sync_lock SET follow_up = ? WHERE id = 1 AND run_id = ?")
                .params(trigger.name(), runId)
                .update();
        return Join.FOLLOW_UP;
    }

    @Transactional(readOnly = true)
    public SyncRun get(UUID id) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM sync_run WHERE id = ?")
                .param(id)
                .query(SyncRuns::map)
                .optional()
                .map(this::live)
                .orElseThrow(() -> ProblemException.notFound("sync run", id));
    }

    /** Newest first. */
    @Transactional(readOnly = true)
    public PageResult<SyncRun> page(PageRequest page) {
        long total = jdbc.sql("SELECT COUNT(*) FROM sync_run").query(Long.class).single();
        List<SyncRun> items = jdbc
                .sql("SELECT " + RUN_COLUMNS + " FROM sync_run ORDER BY seq DESC" + " LIMIT ? OFFSET ?")
                .params(page.size(), page.offset())
                .query(SyncRuns::map)
                .list()
                .stream()
                .map(this::live)
                .toList();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    @Transactional(readOnly = true)
    public PageResult<SyncResult> results(UUID runId, PageRequest page) {
        get(runId);
        long total = jdbc.sql("SELECT COUNT(*) FROM sync_result WHERE run_id = ?")
                .param(runId)
                .query(Long.class)
                .single();
        List<SyncResult> items = jdbc.sql(
                        "SELECT object_type, source_id, display_name, action, outcome, code, reason, owner"
                                + " FROM sync_result WHERE run_id = ? ORDER BY seq LIMIT ? OFFSET ?")
                .params(runId, page.size(), page.offset())
                .query(SyncRuns::mapResult)
                .list();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    /** A filter of a run's results; a null field matches everything. */
    public record ResultFilter(Outcome outcome, ProblemCode code, ObjectType objectType) {

        public static final ResultFilter ALL = new ResultFilter(null, null, null);

        /** The names of the object types results are about, for a filter to offer. */
        public static final List<String> OBJECT_TYPES =
                java.util.Arrays.stream(ObjectType.values()).map(Enum::name).toList();

        /**
         * A filter from the names of an outcome, a code and an object type; blank or null matches
         * everything, an unknown name is refused as {@code VALIDATION_FAILED} on its parameter.
         */
        public static ResultFilter of(String outcome, String code, String objectType) {
            return new ResultFilter(
                    named(Outcome.class, "outcome", outcome),
                    named(ProblemCode.class, "code", code),
                    named(ObjectType.class, "type", objectType));
        }

        private static <E extends Enum<E>> E named(Class<E> type, String parameter, String name) {
            if (name == null || name.isBlank()) {
                return null;
            }
            try {
                return Enum.valueOf(type, name.strip());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid(parameter, "is not one of the known names");
            }
        }
    }

    /** A page of a run's results that match the filter, in the order they happened. */
    @Transactional(readOnly = true)
    public PageResult<SyncResult> results(UUID runId, ResultFilter filter, PageRequest page) {
        get(runId);
        StringBuilder where = new StringBuilder(" FROM sync_result WHERE run_id = :run");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        params.put("run", runId);
        if (filter.outcome() != null) {
            where.append(" AND outcome = :outcome");
            params.put("outcome", filter.outcome().name());
        }
        if (filter.code() != null) {
            where.append(" AND code = :code");
            params.put("code", filter.code().name());
        }
        if (filter.objectType() != null) {
            where.append(" AND object_type = :type");
            params.put("type", filter.objectType().name());
        }
        long total = jdbc.sql("SELECT COUNT(*)" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<SyncResult> items = jdbc.sql(
                        "SELECT object_type, source_id, display_name, action, outcome, code, reason, owner" + where
                                + " ORDER BY seq LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(SyncRuns::mapResult)
                .list();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    /** The codes the failed results of a run carry, for a filter to offer. */
    @Transactional(readOnly = true)
    public List<ProblemCode> resultCodes(UUID runId) {
        return jdbc
                .sql("SELECT DISTINCT code FROM sync_result WHERE run_id = ? AND code IS NOT NULL")
                .param(runId)
                .query(String.class)
                .list()
                .stream()
                .map(ProblemCode::valueOf)
                .sorted()
                .toList();
    }

    @Transactional(readOnly = true)
    public List<SyncResult> allResults(UUID runId) {
        return jdbc.sql("SELECT object_type, source_id, display_name, action, outcome, code, reason, owner"
                        + " FROM sync_result WHERE run_id = ? ORDER BY seq")
                .param(runId)
                .query(SyncRuns::mapResult)
                .list();
    }

    /** A run's counts from its results, counted by the database. */
    Counts counts(UUID runId) {
        Map<Outcome, Integer> by = new EnumMap<>(Outcome.class);
        jdbc.sql("SELECT outcome, COUNT(*) FROM sync_result WHERE run_id = ? GROUP BY outcome")
                .param(runId)
                .query(rs -> {
                    by.put(Outcome.valueOf(rs.getString(1)), rs.getInt(2));
                });
        int updated = by.getOrDefault(Outcome.UPDATED, 0)
                + by.getOrDefault(Outcome.ASSOCIATED, 0)
                + by.getOrDefault(Outcome.RELEASED, 0);
        return new Counts(
                by.getOrDefault(Outcome.CREATED, 0),
                updated,
                by.getOrDefault(Outcome.DELETED, 0),
                by.getOrDefault(Outcome.UNCHANGED, 0),
                by.getOrDefault(Outcome.FAILED, 0),
                by.getOrDefault(Outcome.HELD, 0));
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static SyncRun map(ResultSet rs, int row) throws SQLException {
        return new SyncRun(
                rs.getObject("id", UUID.class),
                SyncTrigger.valueOf(rs.getString("trigger_kind")),
                SyncKind.valueOf(rs.getString("kind")),
                RunState.valueOf(rs.getString("state")),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                new Counts(
                        rs.getInt("created"),
                        rs.getInt("updated"),
                        rs.getInt("deleted"),
                        rs.getInt("unchanged"),
                        rs.getInt("failed"),
                        rs.getInt("held")),
                rs.getString("error"),
                RunState.valueOf(rs.getString("state")) == RunState.RUNNING
                        ? SyncProgress.parse(rs.getString("progress"))
                        : null);
    }

    private static SyncResult mapResult(ResultSet rs, int row) throws SQLException {
        return new SyncResult(
                ObjectType.valueOf(rs.getString("object_type")),
                rs.getString("source_id"),
                rs.getString("display_name"),
                io.switchboard.reconcile.Action.valueOf(rs.getString("action")),
                Outcome.valueOf(rs.getString("outcome")),
                rs.getString("code") == null ? null : ProblemCode.valueOf(rs.getString("code")),
                rs.getString("reason"),
                rs.getString("owner"));
    }
}
