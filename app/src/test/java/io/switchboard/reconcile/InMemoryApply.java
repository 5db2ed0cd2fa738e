package io.switchboard.reconcile;

import io.switchboard.directory.Extension;
import io.switchboard.directory.ExtensionGroup;
import io.switchboard.directory.ExtensionInput;
import io.switchboard.directory.Origin;
import io.switchboard.directory.Presence;
import io.switchboard.reconcile.Change.AssociateExtension;
import io.switchboard.reconcile.Change.CreateExtension;
import io.switchboard.reconcile.Change.CreateGroup;
import io.switchboard.reconcile.Change.DeleteExtension;
import io.switchboard.reconcile.Change.DeleteGroup;
import io.switchboard.reconcile.Change.ReleaseExtension;
import io.switchboard.reconcile.Change.ReleaseGroup;
import io.switchboard.reconcile.Change.UpdateExtension;
import io.switchboard.reconcile.Change.UpdateGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Applies a plan to an in-memory directory, change by change, as the real apply does to the database. */
final class InMemoryApply {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private InMemoryApply() {}

    static ActualDirectory apply(ActualDirectory before, Plan plan) {
        Map<UUID, Extension> extensions = new LinkedHashMap<>();
        before.extensions().forEach(e -> extensions.put(e.id(), e));
        Map<UUID, ExtensionGroup> groups = new LinkedHashMap<>();
        before.groups().forEach(g -> groups.put(g.id(), g));
        for (Change change : plan.changes()) {
            if (change instanceof DeleteExtension d) {
                extensions.remove(d.extensionId());
                groups.replaceAll((id, g) -> new ExtensionGroup(
                        g.id(),
                        g.name(),
                        g.origin(),
                        g.sourceId(),
                        g.memberIds().stream()
                                .filter(m -> !m.equals(d.extensionId()))
                                .toList()));
            } else if (change instanceof ReleaseExtension r) {
                extensions.computeIfPresent(r.extensionId(), (id, e) -> write(e, e.input(), Origin.LOCAL, null, false));
            } else if (change instanceof CreateExtension c) {
                Extension created = write(null, c.input(), Origin.MICROSOFT_365, c.sourceId(), c.numberFromSource());
                extensions.put(created.id(), created);
            } else if (change instanceof UpdateExtension u) {
                extensions.computeIfPresent(
                        u.extensionId(),
                        (id, e) -> write(e, u.input(), Origin.MICROSOFT_365, u.sourceId(), u.numberFromSource()));
            } else if (change instanceof AssociateExtension a) {
                extensions.computeIfPresent(
                        a.extensionId(),
                        (id, e) -> write(e, a.input(), Origin.MICROSOFT_365, a.sourceId(), a.numberFromSource()));
            } else if (change instanceof DeleteGroup d) {
                groups.remove(d.groupId());
            } else if (change instanceof ReleaseGroup r) {
                groups.computeIfPresent(
                        r.groupId(),
                        (id, g) -> new ExtensionGroup(g.id(), g.name(), Origin.LOCAL, null, g.memberIds()));
            } else if (change instanceof CreateGroup c) {
                UUID id = UUID.randomUUID();
                groups.put(
                        id,
                        new ExtensionGroup(
                                id,
                                c.displayName(),
                                Origin.MICROSOFT_365,
                                c.sourceId(),
                                members(extensions, c.memberSourceIds())));
            } else if (change instanceof UpdateGroup u) {
                groups.computeIfPresent(
                        u.groupId(),
                        (id, g) -> new ExtensionGroup(
                                g.id(),
                                u.displayName(),
                                Origin.MICROSOFT_365,
                                u.sourceId(),
                                updated(extensions, g.memberIds(), u)));
            }
        }
        return new ActualDirectory(
                new ArrayList<>(extensions.values()), new ArrayList<>(groups.values()), before.capacity());
    }

    private static List<UUID> updated(Map<UUID, Extension> extensions, List<UUID> members, UpdateGroup u) {
        List<UUID> after = new ArrayList<>(members);
        after.removeAll(u.leavingExtensionIds());
        members(extensions, u.joiningSourceIds()).stream()
                .filter(id -> !after.contains(id))
                .forEach(after::add);
        return after;
    }

    private static List<UUID> members(Map<UUID, Extension> extensions, List<String> sources) {
        return extensions.values().stream()
                .filter(e -> e.synced() && sources.contains(e.sourceId()))
                .map(Extension::id)
                .toList();
    }

    private static Extension write(
            Extension current, ExtensionInput input, Origin origin, String sourceId, boolean fromSource) {
        ExtensionInput in = input.normalized();
        return new Extension(
                current == null ? UUID.randomUUID() : current.id(),
                in.number(),
                in.firstName(),
                in.lastName(),
                in.email(),
                in.mobileNumber(),
                in.jobTitle(),
                current == null ? Presence.AVAILABLE : current.presence(),
                origin,
                sourceId,
                fromSource,
                T,
                T);
    }
}
