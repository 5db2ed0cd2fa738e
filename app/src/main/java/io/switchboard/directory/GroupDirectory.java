package io.switchboard.directory;

import io.switchboard.shared.PageRequest;
import io.switchboard.shared.PageResult;
import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The administrator's operations on extension groups, which enforce the locks of synced groups (G4). */
@Service
public class GroupDirectory {

    private final ExtensionGroups groups;
    private final Extensions extensions;
    private final PbxSettingsService settings;
    private final Clock clock;

    GroupDirectory(ExtensionGroups groups, Extensions extensions, PbxSettingsService settings, Clock clock) {
        this.groups = groups;
        this.extensions = extensions;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public PageResult<ExtensionGroup> page(String query, PageRequest page) {
        return groups.page(query == null || query.isBlank() ? null : query.strip(), page);
    }

    @Transactional(readOnly = true)
    public ExtensionGroup get(UUID id) {
        return groups.find(id).orElseThrow(() -> ProblemException.notFound("extension group", id));
    }

    @Transactional
    public ExtensionGroup create(ExtensionGroupInput requested) {
        ExtensionGroupInput input = requested.normalized();
        input.validate();
        settings.lockSettingsRow();
        if (groups.count() >= ExtensionGroup.MAX_GROUPS) {
            throw groupLimitReached();
        }
        requireFreeName(input.name(), null);
        requireExtensions(input.memberIds());
        ExtensionGroup created =
                new ExtensionGroup(UUID.randomUUID(), input.name(), Origin.LOCAL, null, input.memberIds());
        groups.insert(created, clock.instant());
        return get(created.id());
    }

    @Transactional
    public ExtensionGroup update(UUID id, ExtensionGroupInput requested) {
        ExtensionGroup current = get(id);
        ExtensionGroupInput input = requested.normalized();
        boolean renamed = !Objects.equals(input.name(), current.name());
        boolean membersChanged = !new HashSet<>(input.memberIds()).equals(new HashSet<>(current.memberIds()));
        if (current.synced() && (renamed || membersChanged)) {
            List<String> locked = new ArrayList<>();
            if (renamed) {
                locked.add("name");
            }
            if (membersChanged) {
                locked.add("memberIds");
            }
            throw new ProblemException(
                    ProblemCode.GROUP_LOCKED,
                    "Extension group \"" + current.name() + "\" is synced from Microsoft 365, so its "
                            + String.join(" and ", locked)
                            + " cannot be changed on the PBX. Change the group in Microsoft Entra ID.",
                    Map.of("lockedFields", locked));
        }
        if (!renamed && !membersChanged) {
            return current;
        }
        input.validate();
        if (renamed) {
            requireFreeName(input.name(), id);
        }
        requireExtensions(input.memberIds());
        groups.update(
                new ExtensionGroup(id, input.name(), current.origin(), current.sourceId(), input.memberIds()),
                clock.instant());
        return get(id);
    }

    @Transactional
    public void delete(UUID id) {
        ExtensionGroup current = get(id);
        if (current.synced()) {
            throw new ProblemException(
                    ProblemCode.GROUP_LOCKED,
                    "Extension group \"" + current.name() + "\" is synced from Microsoft 365 and cannot be"
                            + " deleted on the PBX. Remove it from the group-sync scope, or release it, first.",
                    Map.of("lockedFields", List.of("name", "memberIds")));
        }
        groups.delete(id);
    }

    static ProblemException groupLimitReached() {
        return new ProblemException(
                ProblemCode.GROUP_LIMIT_REACHED,
                "The PBX already holds the maximum of " + ExtensionGroup.MAX_GROUPS
                        + " extension groups. Delete a group before adding another.");
    }

    private void requireFreeName(String name, UUID self) {
        groups.findByName(name).filter(g -> !g.id().equals(self)).ifPresent(g -> {
            throw new ProblemException(
                    ProblemCode.NAME_TAKEN,
                    "An extension group named \"" + g.name() + "\" already exists (names are compared without"
                            + " regard to letter case). Choose another name.");
        });
    }

    private void requireExtensions(List<UUID> ids) {
        List<UUID> found = extensions.existing(ids);
        List<UUID> missing = ids.stream().filter(id -> !found.contains(id)).toList();
        if (!missing.isEmpty()) {
            throw ProblemException.invalid("memberIds", "names extensions that do not exist: " + missing);
        }
    }
}
