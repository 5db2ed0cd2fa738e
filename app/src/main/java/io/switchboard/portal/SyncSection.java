package io.switchboard.portal;

import io.switchboard.directory.PbxSettingsService;
import io.switchboard.entra.EntraConnection;
import io.switchboard.sync.Counts;
import io.switchboard.sync.HeldDeletion;
import io.switchboard.sync.HeldDeletions;
import io.switchboard.sync.LastResult;
import io.switchboard.sync.LastResults;
import io.switchboard.sync.RuleSettings;
import io.switchboard.sync.SyncRuns;
import io.switchboard.trigger.ChangeTrigger;
import io.switchboard.trigger.ScheduleSettings;
import io.switchboard.trigger.SyncSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** What the portal's Sync section shows (U8, G5, M1–M3, X2), read from the sync services. */
@Component
class SyncSection {

    /** How many failures of one section the page lists; the rest are in the CSV export. */
    static final int FAILURES_SHOWN = 20;

    /** How many held deletions the page names. */
    static final int HELD_SHOWN = 10;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The whole section. {@code runningSince} is set while a sync runs. */
    record View(
            boolean frozen,
            String runningSince,
            String runningTrigger,
            Part users,
            Part groups,
            Schedule schedule,
            Trigger trigger,
            Held held) {}

    /** The user-sync or group-sync part: on or paused, and its last result (null before any run finished). */
    record Part(boolean on, Result last) {}

    record Result(
            String runId,
            String trigger,
            String state,
            String finishedAt,
            String duration,
            Counts counts,
            List<LastResult.FailedObject> failures,
            int moreFailures,
            String csvUrl,
            String error) {}

    record Schedule(String frequency, String time, String weekdays, String zone, String nextRun) {}

    /**
     * @param reasonCode which sentence of the page's language explains the mode
     * @param detail what that sentence names: the poll interval in minutes, the public base URL,
     *     or Graph's refusal
     */
    record Trigger(String mode, String reasonCode, String detail, int pendingEvents, String syncDueAt) {}

    record Held(int count, List<String> names, int more) {}

    private final LastResults lastResults;
    private final RuleSettings rules;
    private final ScheduleSettings schedule;
    private final ChangeTrigger changeTrigger;
    private final HeldDeletions heldDeletions;
    private final SyncRuns runs;
    private final PbxSettingsService pbx;
    private final EntraConnection connection;

    SyncSection(
            LastResults lastResults,
            RuleSettings rules,
            ScheduleSettings schedule,
            ChangeTrigger changeTrigger,
            HeldDeletions heldDeletions,
            SyncRuns runs,
            PbxSettingsService pbx,
            EntraConnection connection) {
        this.lastResults = lastResults;
        this.rules = rules;
        this.schedule = schedule;
        this.changeTrigger = changeTrigger;
        this.heldDeletions = heldDeletions;
        this.runs = runs;
        this.pbx = pbx;
        this.connection = connection;
    }

    View view(Locale locale) {
        ZoneId zone = pbx.get().zone();
        var running = runs.running();
        SyncSchedule chosen = schedule.get();
        ChangeTrigger.Status status = changeTrigger.status();
        LastResults.Sections last = lastResults.sections();
        List<HeldDeletion> held = heldDeletions.list();
        return new View(
                !connection.enabled(),
                running.map(r -> when(r.startedAt(), zone)).orElse(null),
                running.map(r -> r.trigger().name()).orElse(null),
                new Part(rules.userSyncOn(), result(last.users(), zone)),
                new Part(rules.groupSyncOn(), result(last.groups(), zone)),
                new Schedule(
                        chosen.frequency().name(),
                        chosen.time(),
                        chosen.weekdays().stream()
                                .map(d -> d.getDisplayName(TextStyle.FULL, locale))
                                .collect(Collectors.joining(", ")),
                        zone.getId(),
                        when(schedule.nextRun(), zone)),
                new Trigger(
                        status.effectiveMode().name(),
                        status.reasonCode().name(),
                        switch (status.reasonCode()) {
                            case POLLING_CHOSEN ->
                                String.valueOf(
                                        changeTrigger.get().pollInterval().toMinutes());
                            case HTTPS_REQUIRED -> pbx.get().publicBaseUrl();
                            case SUBSCRIPTION_FAILED -> status.statusReason();
                            default -> "";
                        },
                        status.pendingEvents(),
                        status.syncDueAt() == null ? null : when(status.syncDueAt(), zone)),
                new Held(
                        held.size(),
                        held.stream()
                                .limit(HELD_SHOWN)
                                .map(HeldDeletion::displayName)
                                .toList(),
                        Math.max(0, held.size() - HELD_SHOWN)));
    }

    static String when(Instant instant, ZoneId zone) {
        return instant == null ? null : WHEN.format(instant.atZone(zone));
    }

    private static Result result(Optional<LastResult> last, ZoneId zone) {
        return last.map(r -> new Result(
                        r.runId().toString(),
                        r.trigger().name(),
                        r.state().name(),
                        when(r.finishedAt(), zone),
                        seconds(r.duration()),
                        r.counts(),
                        r.failures().stream().limit(FAILURES_SHOWN).toList(),
                        Math.max(0, r.failures().size() - FAILURES_SHOWN),
                        "/api/v1/sync-runs/" + r.runId() + "/export?format=csv",
                        r.error()))
                .orElse(null);
    }

    /** A duration in seconds with one decimal, such as {@code 2.4}. */
    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }
}
