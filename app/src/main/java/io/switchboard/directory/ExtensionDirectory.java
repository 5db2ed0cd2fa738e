package io.switchboard.directory;

import io.switchboard.pbx.PbxSettings;
import io.switchboard.shared.PageRequest;
import io.switchboard.shared.PageResult;
import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The administrator's operations on extensions, which enforce the locks of synced extensions (U9). */
@Service
public class ExtensionDirectory {

    private final Extensions extensions;
    private final PbxSettingsService settings;
    private final Clock clock;

    ExtensionDirectory(Extensions extensions, PbxSettingsService settings, Clock clock) {
        this.extensions = extensions;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public PageResult<Extension> page(String query, PageRequest page) {
        return extensions.page(query == null || query.isBlank() ? null : query.strip(), page);
    }

    /** A page of the portal's table, sorted by number, name, email or origin. */
    @Transactional(readOnly = true)
    public PageResult<Extension> page(String query, String sort, boolean descending, PageRequest page) {
        return extensions.page(query == null || query.isBlank() ? null : query.strip(), sort, descending, page);
    }

    /** The extensions of these ids that exist, in number order. */
    @Transactional(readOnly = true)
    public List<Extension> byIds(java.util.Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : extensions.byIds(ids);
    }

    /** The extensions holding these numbers, by number; numbers nobody holds are left out. */
    @Transactional(readOnly = true)
    public Map<String, Extension> byNumbers(java.util.Collection<String> numbers) {
        return extensions.takenNumbers(numbers);
    }

    @Transactional(readOnly = true)
    public Extension get(UUID id) {
        return extensions.find(id).orElseThrow(() -> ProblemException.notFound("extension", id));
    }

    @Transactional
    public Extension create(ExtensionInput requested) {
        ExtensionInput input = requested.normalized();
        input.validate();
        PbxSettings limits = settings.lockSettingsRow();
        long count = extensions.count();
        if (count >= limits.extensionCapacity()) {
            throw capacityReached(limits.extensionCapacity());
        }
        requireFreeNumber(input.number(), null);
        requireFreeEmail(input.email(), null);
        Extension created = Extension.create(input, Origin.LOCAL, null, false, clock.instant());
        return write(() -> extensions.insert(created), created);
    }

    /** Replaces the settable fields; on a synced extension a change to a locked field is refused whole. */
    @Transactional
    public Extension update(UUID id, ExtensionInput requested) {
        Extension current = get(id);
        ExtensionInput input = requested.normalized();
        List<String> changed = input.changedFrom(current.input());
        List<String> lockedChanges =
                changed.stream().filter(current.lockedFields()::contains).toList();
        if (!lockedChanges.isEmpty()) {
            throw new ProblemException(
                    ProblemCode.EXTENSION_LOCKED,
                    "Extension " + current.number() + " is synced from Microsoft 365, so "
                            + String.join(", ", lockedChanges)
                            + " cannot be changed on the PBX. Change the user in Microsoft Entra ID;"
                            + " the next sync brings the change here.",
                    Map.of("lockedFields", lockedChanges));
        }
        if (changed.isEmpty()) {
            return current;
        }
        input.validate();
        if (!Objects.equals(input.number(), current.number())) {
            requireFreeNumber(input.number(), id);
        }
        if (!Objects.equals(input.email(), current.email())) {
            requireFreeEmail(input.email(), id);
        }
        Extension updated = current.with(input, clock.instant());
        return write(() -> extensions.update(updated), updated);
    }

    @Transactional
    public void delete(UUID id) {
        Extension current = get(id);
        if (current.synced()) {
            throw new ProblemException(
                    ProblemCode.EXTENSION_LOCKED,
                    "Extension " + current.number() + " is synced from Microsoft 365 and cannot be deleted on"
                            + " the PBX. Remove the user from the sync scope in Microsoft Entra ID, or release"
                            + " the extension to PBX management, then delete it.",
                    Map.of("lockedFields", current.lockedFields()));
        }
        extensions.delete(id);
    }

    static ProblemException capacityReached(int capacity) {
        return new ProblemException(
                ProblemCode.CAPACITY_REACHED,
                "The PBX already holds its capacity of " + capacity + " extensions. Delete an extension or"
                        + " raise extensionCapacity in the PBX settings.");
    }

    private void requireFreeNumber(String number, UUID self) {
        extensions
                .findByNumber(number)
                .filter(other -> !other.id().equals(self))
                .ifPresent(other -> {
                    throw numberTaken(number);
                });
    }

    private void requireFreeEmail(String email, UUID self) {
        if (email == null) {
            return;
        }
        extensions.findByEmail(email).filter(other -> !other.id().equals(self)).ifPresent(other -> {
            throw emailTaken(email, other);
        });
    }

    private static ProblemException numberTaken(String number) {
        return new ProblemException(
                ProblemCode.NUMBER_TAKEN,
                "Number " + number + " is already used by another extension. Choose a free number.");
    }

    private static ProblemException emailTaken(String email, Extension other) {
        return new ProblemException(
                ProblemCode.EMAIL_TAKEN,
                "The email address " + email + " already belongs to extension " + other.number()
                        + " (email addresses are compared without regard to letter case). Use another address.");
    }

    /** Runs a write; a unique-key race lost to a concurrent request gets the same answer as a checked one. */
    private Extension write(Runnable statement, Extension result) {
        try {
            statement.run();
            return result;
        } catch (DuplicateKeyException e) {
            String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (message.contains("uq_extension_email")) {
                throw new ProblemException(
                        ProblemCode.EMAIL_TAKEN,
                        "The email address " + result.email() + " already belongs to another extension.");
            }
            throw numberTaken(result.number());
        }
    }
}
