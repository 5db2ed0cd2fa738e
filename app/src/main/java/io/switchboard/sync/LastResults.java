package io.switchboard.sync;

import io.switchboard.shared.PageRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The last result of the user-sync and of the group-sync section (U8, G5): the newest finished run
 * seen from one section, with that section's counts and each of its failures.
 */
@Service
public class LastResults {

    private final SyncRuns runs;

    LastResults(SyncRuns runs) {
        this.runs = runs;
    }

    /** Both sections' last results, read from one load of the run's results. */
    public record Sections(Optional<LastResult> users, Optional<LastResult> groups) {}

    /** The user-sync section's last result; empty before any run finished. */
    @Transactional(readOnly = true)
    public Optional<LastResult> users() {
        return sections().users();
    }

    /** The group-sync section's last result; empty before any run finished. */
    @Transactional(readOnly = true)
    public Optional<LastResult> groups() {
        return sections().groups();
    }

    /** The Outlook contacts section's last result (O1–O4); empty before any run finished. */
    @Transactional(readOnly = true)
    public Optional<LastResult> contacts() {
        Optional<SyncRun> last = runs.page(PageRequest.of(0, 2)).items().stream()
                .filter(r -> r.finishedAt() != null)
                .findFirst();
        return last.map(run -> of(
                run,
                runs.allResults(run.id()).stream()
                        .filter(r -> r.objectType().contactSync())
                        .toList(),
                null));
    }

    @Transactional(readOnly = true)
    public Sections sections() {
        // At most one run is running at a time, so the newest finished one is among the two newest.
        Optional<SyncRun> last = runs.page(PageRequest.of(0, 2)).items().stream()
                .filter(r -> r.finishedAt() != null)
                .findFirst();
        if (last.isEmpty()) {
            return new Sections(Optional.empty(), Optional.empty());
        }
        List<SyncResult> results = runs.allResults(last.get().id());
        return new Sections(Optional.of(of(last.get(), results, true)), Optional.of(of(last.get(), results, false)));
    }

    /** The results of one section: those whose object type belongs to the user sync, or the others. */
    private static LastResult of(SyncRun run, List<SyncResult> all, Boolean userSync) {
        List<SyncResult> results = userSync == null
                ? all
                : all.stream()
                        .filter(r -> userSync
                                ? r.objectType().userSync()
                                : r.objectType().groupSync())
                        .toList();
        List<LastResult.FailedObject> failures = results.stream()
                .filter(r -> r.outcome() == Outcome.FAILED)
                .map(r -> new LastResult.FailedObject(r.sourceId(), r.displayName(), r.code(), r.reason()))
                .toList();
        Counts counts = Counts.of(results);
        return new LastResult(
                run.id(),
                run.trigger(),
                run.kind(),
                RunState.of(run.error(), counts),
                run.state(),
                run.startedAt(),
                run.finishedAt(),
                Duration.between(run.startedAt(), run.finishedAt()),
                counts,
                failures,
                run.error());
    }
}
