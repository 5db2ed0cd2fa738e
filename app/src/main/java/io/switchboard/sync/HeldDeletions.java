package io.switchboard.sync;

import io.switchboard.directory.SyncedDirectory;
import io.switchboard.entra.EntraConnection;
import io.switchboard.reconcile.ObjectType;
import io.switchboard.shared.Audited;
import io.switchboard.shared.Audited.Action;
import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deletions the guard held back (X2) until an administrator approves them (then they are carried
 * out at once) or discards them (then the objects stay; a later run decides afresh).
 */
@Service
public class HeldDeletions {

    /** Object types a deletion can be held for. */
    public static final ObjectType EXTENSION = ObjectType.EXTENSION;

    public static final ObjectType GROUP = ObjectType.GROUP;

    private final JdbcClient jdbc;
    private final SyncedDirectory directory;
    private final Clock clock;
    private final EntraConnection connection;

    private final ApplicationEventPublisher events;

    HeldDeletions(
            JdbcClient jdbc,
            SyncedDirectory directory,
            Clock clock,
            EntraConnection connection,
            ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.directory = directory;
        this.clock = clock;
        this.connection = connection;
    }

    /** Holds the deletion of one object, unless it is already held. */
    @Transactional
    public void hold(UUID runId, ObjectType objectType, UUID targetId, String sourceId, String displayName) {
        jdbc.sql(
                        "INSERT INTO held_deletion (id, run_id, object_type, target_id, source_id, display_name, created_at)"
                                + " SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM held_deletion WHERE target_id = ?)")
                .params(
                        UUID.randomUUID(),
                        runId,
                        objectType.name(),
                        targetId,
                        sourceId,
                        displayName,
                        clock.instant().atOffset(ZoneOffset.UTC),
                        targetId)
                .update();
    }

    /**
     * Drops the held deletions not in {@code stillHeld}: their objects are no longer to be deleted
     * (or are gone). Only the kinds a run planned are judged: extensions when user sync ran, groups
     * when group sync ran.
     */
    @Transactional
    public void keepOnly(Set<UUID> stillHeld, boolean extensions, boolean groups) {
        for (HeldDeletion h : list()) {
            boolean judged = h.objectType() == ObjectType.EXTENSION ? extensions : groups;
            if (judged && !stillHeld.contains(h.targetId())) {
                remove(h.id());
            }
        }
    }

    @Transactional(readOnly = true)
    public List<HeldDeletion> list() {
        return jdbc.sql("SELECT id, run_id, object_type, target_id, source_id, display_name FROM held_deletion"
                        + " ORDER BY created_at, display_name")
                .query((rs, n) -> new HeldDeletion(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        ObjectType.valueOf(rs.getString(3)),
                        rs.getObject(4, UUID.class),
                        rs.getString(5),
                        rs.getString(6)))
                .list();
    }

    /**
     * Carries out the held deletions named (all when none are named); returns those carried out.
     * Refused while the integration is disabled: its objects stay as they are until it is enabled
     * (M6); discarding stays possible.
     */
    @Transactional
    public List<HeldDeletion> approve(Collection<UUID> ids) {
        if (!connection.enabled()) {
            throw new ProblemException(
                    ProblemCode.INTEGRATION_DISABLED,
                    "The integration is disabled, so held deletions cannot be carried out. Enable it first, or"
                            + " discard them.");
        }
        List<HeldDeletion> chosen = chosen(ids);
        for (HeldDeletion held : chosen) {
            if (held.objectType() == ObjectType.EXTENSION) {
                directory.deleteSyncedExtension(held.targetId());
            } else {
                directory.deleteSyncedGroup(held.targetId());
            }
            remove(held.id());
        }
        audit(Action.DELETIONS_APPROVED, chosen);
        return chosen;
    }

    /** Drops the held deletions named (all when none are named); the objects stay. */
    @Transactional
    public List<HeldDeletion> discard(Collection<UUID> ids) {
        List<HeldDeletion> chosen = chosen(ids);
        chosen.forEach(held -> remove(held.id()));
        audit(Action.DELETIONS_DISCARDED, chosen);
        return chosen;
    }

    private void audit(Action action, List<HeldDeletion> chosen) {
        if (chosen.isEmpty()) {
            return;
        }
        events.publishEvent(Audited.of(
                action,
                "held-deletions",
                Audited.details(
                        "count",
                        chosen.size(),
                        "objects",
                        chosen.stream()
                                .limit(20)
                                .map(h -> h.objectType() + " " + h.displayName())
                                .toList())));
    }

    private List<HeldDeletion> chosen(Collection<UUID> ids) {
        List<HeldDeletion> all = list();
        return ids == null || ids.isEmpty()
                ? all
                : all.stream().filter(h -> ids.contains(h.id())).toList();
    }

    private void remove(UUID id) {
        jdbc.sql("DELETE FROM held_deletion WHERE id = ?").param(id).update();
    }
}
