package io.switchboard.directory;

import io.switchboard.directory.Contacts.Owner;
import io.switchboard.pbx.PbxSettings;
import io.switchboard.shared.Email;
import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The internal API through which the Microsoft 365 sync writes the directory. The locks that stop
 * the administrator do not apply here; the directory's own invariants (unique numbers and emails,
 * capacity, group limit) still do, and a refusal is a {@link ProblemException} the sync reports per
 * object. Only objects with origin {@link Origin#MICROSOFT_365} are ever deleted through it.
 */
@Service
public class SyncedDirectory {

    private final Extensions extensions;
    private final ExtensionGroups groups;
    private final Phonebooks phonebooks;
    private final Contacts contacts;
    private final PbxSettingsService settings;
    private final Clock clock;

    /**
     * Set on a thread writing new extensions whose capacity a transaction of the caller checked and
     * holds ({@link #holdCapacityFor}): its capacity check is already made, and must not wait for the
     * settings row the holder keeps locked.
     */
    private static final ThreadLocal<Boolean> CAPACITY_HELD = ThreadLocal.withInitial(() -> false);

    SyncedDirectory(
            Extensions extensions,
            ExtensionGroups groups,
            Phonebooks phonebooks,
            Contacts contacts,
            PbxSettingsService settings,
            Clock clock) {
        this.extensions = extensions;
        this.groups = groups;
        this.phonebooks = phonebooks;
        this.contacts = contacts;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Extension> extensions() {
        flush();
        return extensions.all();
    }

    @Transactional(readOnly = true)
    public List<ExtensionGroup> groups() {
        flush();
        return groups.all();
    }

    /** How many extensions, synced extensions and synced extension groups the directory holds. */
    public record Counts(int extensions, int syncedExtensions, int syncedGroups) {}

    @Transactional(readOnly = true)
    public Counts counts() {
        flush();
        return new Counts((int) extensions.count(), (int) extensions.countSynced(), (int) groups.countSynced());
    }

    /**
     * The part of the directory a focused plan needs (issue 15 point 6), read by key: the
     * extensions of these Entra users and those holding these email keys or numbers; every
     * extension group with its member count, the groups of these source ids listing their members
     * among those extensions, the others none.
     */
    public record Part(List<Extension> extensions, List<ExtensionGroup> groups, Map<UUID, Integer> memberCounts) {}

    @Transactional(readOnly = true)
    public Part part(
            Set<String> userSourceIds, Set<String> emailKeys, Set<String> numbers, Set<String> groupSourceIds) {
        flush();
        Map<UUID, Extension> found = new LinkedHashMap<>();
        extensions.bySources(userSourceIds).forEach(e -> found.put(e.id(), e));
        extensions.byEmailKeys(emailKeys).forEach(e -> found.put(e.id(), e));
        extensions.takenNumbers(numbers).values().forEach(e -> found.put(e.id(), e));
        List<Extension> part = new ArrayList<>(found.values());
        part.sort(java.util.Comparator.comparingInt((Extension e) -> e.number().length())
                .thenComparing(Extension::number));
        List<ExtensionGroup> all = groups.all(groupSourceIds, found.keySet());
        return new Part(
                part,
                all,
                groups.memberCounts(all.stream()
                        .filter(g -> g.sourceId() != null && groupSourceIds.contains(g.sourceId()))
                        .map(ExtensionGroup::id)
                        .toList()));
    }

    /** The source ids of the synced extension groups. */
    @Transactional(readOnly = true)
    public Set<String> syncedGroupSources() {
        flush();
        return groups.syncedSources();
    }

    /** The source ids of the synced groups holding a synced extension of one of these Entra users. */
    @Transactional(readOnly = true)
    public Set<String> syncedGroupsHolding(Set<String> userSourceIds) {
        flush();
        return userSourceIds.isEmpty() ? Set.of() : groups.syncedHolding(userSourceIds);
    }

    /** Every number in use. */
    @Transactional(readOnly = true)
    public Set<String> numbersInUse() {
        flush();
        return extensions.numbers();
    }

    @Transactional(readOnly = true)
    /** Which of the Entra user ids have a synced extension, in one query (per thousand ids). */
    public java.util.Set<String> syncedUserIds(java.util.Collection<String> sourceIds) {
        flush();
        return sourceIds.isEmpty() ? java.util.Set.of() : extensions.syncedSources(sourceIds);
    }

    public Optional<Extension> extensionBySource(String sourceId) {
        flush();
        return extensions.findBySource(sourceId);
    }

    /**
     * Creates the extension of an Entra user, or updates the one already linked to it; presence is
     * the PBX's own and is never overwritten.
     */
    @Transactional
    public Extension upsertExtension(String sourceId, ExtensionInput requested, boolean numberFromSource) {
        Objects.requireNonNull(sourceId, "sourceId");
        ExtensionInput input = requested.normalized();
        input.validateSynced();
        Instant now = clock.instant();
        Optional<Prefetched> prefetched = prefetched();
        Optional<Extension> existing =
                prefetched.flatMap(p -> p.bySource(sourceId)).orElseGet(() -> extensions.findBySource(sourceId));
        if (existing.isEmpty() && !CAPACITY_HELD.get()) {
            PbxSettings limits = lockedSettings();
            if (extensionCount() >= limits.extensionCapacity()) {
                throw ExtensionDirectory.capacityReached(limits.extensionCapacity());
            }
        }
        requireFree(input, existing.map(Extension::id).orElse(null), prefetched.orElse(null));
        Extension written = existing.map(current -> current.with(
                                new ExtensionInput(
                                        input.number(),
                                        input.firstName(),
                                        input.lastName(),
                                        input.email(),
                                        input.mobileNumber(),
                                        input.jobTitle(),
                                        current.presence()),
                                now)
                        .ownedBy(Origin.MICROSOFT_365, sourceId, numberFromSource, now))
                .orElseGet(() -> Extension.create(input, Origin.MICROSOFT_365, sourceId, numberFromSource, now));
        if (prefetched.isPresent()) {
            prefetched.get().pending.add(new Pending(written, existing.isEmpty()));
        } else if (existing.isPresent()) {
            extensions.update(written);
        } else {
            extensions.insert(written);
        }
        if (existing.isEmpty()) {
            counted().ifPresent(c -> c.extensions++);
        }
        prefetched.ifPresent(p -> p.written(existing.orElse(null), written));
        return written;
    }

    /**
     * Writes what {@link #upsertExtension} queued in this transaction since the batch's {@link
     * #prefetch}, in JDBC batches in the order it was asked (issue 15 point 4). Every other method of
     * this class, and the commit, write the queue first, so nothing reads the table without it.
     */
    public void flush() {
        prefetched().ifPresent(this::flush);
    }

    private void flush(Prefetched p) {
        List<Pending> queued = List.copyOf(p.pending);
        p.pending.clear();
        int from = 0;
        while (from < queued.size()) {
            boolean insert = queued.get(from).insert();
            int to = from;
            List<Extension> run = new ArrayList<>();
            while (to < queued.size() && queued.get(to).insert() == insert) {
                run.add(queued.get(to++).extension());
            }
            if (insert) {
                extensions.insertAll(run);
            } else {
                extensions.updateAll(run);
            }
            from = to;
        }
    }

    /** An extension written by {@link #upsertExtension} and not yet sent to the database. */
    private record Pending(Extension extension, boolean insert) {}

    /**
     * The Entra user ids, numbers and email addresses of a batch of sync changes (numbers and
     * addresses as given; they are normalized here).
     */
    public record Keys(Set<String> sourceIds, Set<String> numbers, Set<String> emails) {

        public static Keys empty() {
            return new Keys(new HashSet<>(), new HashSet<>(), new HashSet<>());
        }

        public void add(String sourceId, ExtensionInput input) {
            ExtensionInput normalized = input.normalized();
            sourceIds.add(sourceId);
            if (normalized.number() != null) {
                numbers.add(normalized.number());
            }
            if (normalized.email() != null) {
                emails.add(normalized.email());
            }
        }
    }

    /**
     * Reads once, for the rest of this transaction, what a batch of sync changes would otherwise
     * ask change by change: the extensions of the Entra users in {@code read}, and which of its
     * numbers and email addresses are already taken and by whom (issue 20). The keys of {@code
     * planned} (extensions the plan creates: their users had none and their numbers and addresses
     * were free when the plan was made) are taken as free without asking (issue 15): should the
     * directory have changed since, the unique constraints refuse the batch and it is written
     * again change by change. {@link #upsertExtension} then answers from what is known here and
     * keeps it current; anything else is still asked of the database.
     */
    public void prefetch(Keys read, Keys planned) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        flush();
        forgetPrefetched();
        Prefetched p = new Prefetched();
        planned.sourceIds().forEach(id -> p.bySource.put(id, null));
        planned.numbers().forEach(n -> p.numbers.put(n, null));
        planned.emails().stream().map(Email::key).forEach(k -> p.emails.put(k, null));
        read.sourceIds().forEach(id -> p.bySource.put(id, null));
        extensions.bySources(read.sourceIds()).forEach(e -> p.bySource.put(e.sourceId(), e));
        read.numbers().forEach(n -> p.numbers.put(n, null));
        extensions.takenNumbers(read.numbers()).forEach(p.numbers::put);
        read.emails().stream().map(Email::key).forEach(k -> p.emails.put(k, null));
        extensions.takenEmailKeys(read.emails()).forEach(p.emails::put);
        TransactionSynchronizationManager.bindResource(Prefetched.KEY, p);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                flush();
            }

            @Override
            public void afterCompletion(int status) {
                forgetPrefetched();
            }
        });
    }

    /**
     * Checks, in the caller's transaction, that {@code creates} more extensions fit in the capacity,
     * and when they do keeps the settings row locked until that transaction ends: no administrator
     * or other writer can create an extension meanwhile, so the creations {@link #withCapacityHeld}
     * writes in other transactions, before this one ends, need no check of their own (U10).
     *
     * @return false when they do not all fit: write them one transaction after the other instead,
     *     each checked
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean holdCapacityFor(int creates) {
        flush();
        PbxSettings limits = settings.lockSettingsRow();
        return extensions.count() + creates <= limits.extensionCapacity();
    }

    /**
     * Runs {@code work} on this thread with the capacity check of new extensions left to the
     * transaction that called {@link #holdCapacityFor}; that transaction must outlast {@code work}.
     */
    public void withCapacityHeld(Runnable work) {
        boolean before = CAPACITY_HELD.get();
        CAPACITY_HELD.set(true);
        try {
            work.run();
        } finally {
            CAPACITY_HELD.set(before);
        }
    }

    private Optional<Prefetched> prefetched() {
        return Optional.ofNullable((Prefetched) TransactionSynchronizationManager.getResource(Prefetched.KEY));
    }

    private void forgetPrefetched() {
        if (TransactionSynchronizationManager.hasResource(Prefetched.KEY)) {
            TransactionSynchronizationManager.unbindResource(Prefetched.KEY);
        }
    }

    /**
     * What a batch read at once: per key read, the extension (or owner) found, {@code null} when
     * none; a key not read is asked of the database.
     */
    private static final class Prefetched {
        static final Object KEY = new Object();
        final Map<String, Extension> bySource = new HashMap<>();
        final Map<String, Extension> numbers = new HashMap<>();
        final Map<String, Extension> emails = new HashMap<>();
        final List<Pending> pending = new ArrayList<>();

        Optional<Optional<Extension>> bySource(String sourceId) {
            return bySource.containsKey(sourceId)
                    ? Optional.of(Optional.ofNullable(bySource.get(sourceId)))
                    : Optional.empty();
        }

        /** Forgets what was read of this extension and of this Entra user: the database is asked again. */
        void forget(UUID extensionId, String sourceId) {
            if (sourceId != null) {
                bySource.remove(sourceId);
            }
            for (Map<String, Extension> read : List.of(bySource, numbers, emails)) {
                read.values().removeIf(e -> e != null && e.id().equals(extensionId));
            }
        }

        void written(Extension before, Extension after) {
            if (before != null) {
                if (before.sourceId() != null && bySource.get(before.sourceId()) != null) {
                    bySource.put(before.sourceId(), null);
                }
                numbers.computeIfPresent(before.number(), (k, v) -> v.id().equals(before.id()) ? null : v);
                if (before.email() != null) {
                    emails.computeIfPresent(Email.key(before.email()), (k, v) -> v.id().equals(before.id()) ? null : v);
                }
            }
            bySource.put(after.sourceId(), after);
            numbers.put(after.number(), after);
            if (after.email() != null) {
                emails.put(Email.key(after.email()), after);
            }
        }
    }

    /** The ids of the synced extensions linked to these Entra users, by user id; one query per thousand. */
    @Transactional(readOnly = true)
    public Map<String, UUID> syncedExtensionIds(Collection<String> sourceIds) {
        flush();
        return extensions.idsBySource(sourceIds);
    }

    /**
     * Forgets what this transaction counted (a change behind a savepoint was rolled back), so the
     * next capacity check counts again.
     */
    public void forgetCounts() {
        forgetPrefetched();
        if (TransactionSynchronizationManager.hasResource(Counted.KEY)) {
            TransactionSynchronizationManager.unbindResource(Counted.KEY);
        }
    }

    /**
     * The settings row, locked for the rest of the transaction; read and locked once per
     * transaction, so a sync batch writing hundreds of extensions counts them once (issue 20).
     */
    private PbxSettings lockedSettings() {
        Optional<Counted> counted = counted();
        if (counted.isPresent() && counted.get().settings != null) {
            return counted.get().settings;
        }
        PbxSettings locked = settings.lockSettingsRow();
        bindCounted().settings = locked;
        return locked;
    }

    private long extensionCount() {
        Counted counted = counted().orElseGet(this::bindCounted);
        if (counted.extensions < 0) {
            flush();
            counted.extensions = extensions.count();
        }
        return counted.extensions;
    }

    private Optional<Counted> counted() {
        return Optional.ofNullable((Counted) TransactionSynchronizationManager.getResource(Counted.KEY));
    }

    private Counted bindCounted() {
        Optional<Counted> bound = counted();
        if (bound.isPresent()) {
            return bound.get();
        }
        Counted fresh = new Counted();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.bindResource(Counted.KEY, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forgetCounts();
                }
            });
        }
        return fresh;
    }

    /** What one transaction read once: the locked settings row and the number of extensions. */
    private static final class Counted {
        static final Object KEY = new Object();
        PbxSettings settings;
        long extensions = -1;
    }

    /** Links an existing extension to an Entra user (U4); its user information is then the sync's to write. */
    @Transactional
    public Extension associate(UUID extensionId, String sourceId) {
        flush();
        prefetched().ifPresent(p -> p.forget(extensionId, sourceId));
        Extension current =
                extensions.find(extensionId).orElseThrow(() -> ProblemException.notFound("extension", extensionId));
        Extension linked = current.ownedBy(Origin.MICROSOFT_365, sourceId, current.numberFromSource(), clock.instant());
        extensions.update(linked);
        return linked;
    }

    /** Hands a synced extension over to full PBX management: the label and the locks go (U3, U6, M7). */
    @Transactional
    public Optional<Extension> releaseExtension(UUID extensionId) {
        flush();
        prefetched().ifPresent(p -> p.forget(extensionId, null));
        return extensions.find(extensionId).filter(Extension::synced).map(current -> {
            Extension released = current.ownedBy(Origin.LOCAL, null, false, clock.instant());
            extensions.update(released);
            return released;
        });
    }

    /** Deletes a synced extension; a local one is never deleted through this API. */
    @Transactional
    public boolean deleteSyncedExtension(UUID extensionId) {
        flush();
        prefetched().ifPresent(p -> p.forget(extensionId, null));
        return extensions.find(extensionId).filter(Extension::synced).isPresent() && extensions.delete(extensionId);
    }

    /**
     * Creates or updates the extension group of an Entra group; members are extension ids (those
     * that do not exist are passed over). Returns the group as written, its members in no
     * particular order.
     */
    @Transactional
    public ExtensionGroup upsertGroup(String sourceId, String name, List<UUID> memberIds) {
        flush();
        ExtensionGroupInput input = new ExtensionGroupInput(name, memberIds).normalized();
        input.validate();
        Optional<ExtensionGroup> existing = groups.findBySource(sourceId);
        if (existing.isEmpty()) {
            settings.lockSettingsRow();
            if (groups.count() >= ExtensionGroup.MAX_GROUPS) {
                throw GroupDirectory.groupLimitReached();
            }
        }
        groups.findByName(input.name())
                .filter(g -> existing.map(e -> !e.id().equals(g.id())).orElse(true))
                .ifPresent(g -> {
                    throw new ProblemException(
                            ProblemCode.NAME_TAKEN, "An extension group named \"" + g.name() + "\" already exists.");
                });
        List<UUID> members = extensions.existing(input.memberIds());
        UUID id = existing.map(ExtensionGroup::id).orElseGet(UUID::randomUUID);
        ExtensionGroup written = new ExtensionGroup(id, input.name(), Origin.MICROSOFT_365, sourceId, members);
        if (existing.isPresent()) {
            groups.update(written, clock.instant());
        } else {
            groups.insert(written, clock.instant());
        }
        // as written, not read back: a first sync creates its groups one after the other, after
        // the last Graph page, and reading each group's members again cost a sorted join each
        return written;
    }

    /**
     * Names a synced extension group and moves these extensions in and out of it, its other members
     * left as they are (issue 15 point 6: a few members joining a large group write those few);
     * an extension that no longer exists, or is a member already, is passed over. A group removed
     * or released since the plan is refused: the change fails and the next sync plans it again.
     */
    @Transactional
    public void updateSyncedGroup(String sourceId, String name, List<UUID> joining, List<UUID> leaving) {
        flush();
        ExtensionGroupInput input = new ExtensionGroupInput(name, joining).normalized();
        input.validate();
        UUID id = groups.idBySource(sourceId)
                .orElseThrow(() -> new ProblemException(
                        ProblemCode.APPLY_FAILED,
                        "The extension group was removed or released since the sync planned it; the next sync"
                                + " plans it again."));
        groups.idByName(input.name()).filter(other -> !other.equals(id)).ifPresent(other -> {
            throw new ProblemException(
                    ProblemCode.NAME_TAKEN, "An extension group named \"" + input.name() + "\" already exists.");
        });
        groups.rename(id, input.name(), clock.instant());
        groups.removeMembers(id, leaving);
        groups.addMembers(id, extensions.existing(input.memberIds()));
    }

    @Transactional
    public Optional<ExtensionGroup> releaseGroup(UUID groupId) {
        flush();
        return groups.find(groupId).filter(ExtensionGroup::synced).map(current -> {
            groups.update(
                    new ExtensionGroup(current.id(), current.name(), Origin.LOCAL, null, current.memberIds()),
                    clock.instant());
            return groups.find(groupId).orElseThrow();
        });
    }

    @Transactional
    public boolean deleteSyncedGroup(UUID groupId) {
        flush();
        return groups.find(groupId).filter(ExtensionGroup::synced).isPresent() && groups.delete(groupId);
    }

    /** Creates or finds the synced phonebook of a source (a shared mailbox, or all of them); hidden by default (O4). */
    @Transactional
    public Phonebook upsertPhonebook(String sourceId, String name) {
        PhonebookInput input = new PhonebookInput(name, Visibility.NOBODY).normalized();
        input.validate();
        Optional<Phonebook> existing = phonebooks.findBySource(sourceId);
        if (existing.isPresent()) {
            Phonebook current = existing.get();
            if (!current.name().equals(input.name())) {
                phonebooks.update(
                        new Phonebook(current.id(), input.name(), current.origin(), sourceId, current.visibleTo()),
                        clock.instant());
            }
            return phonebooks.find(current.id()).orElseThrow();
        }
        Phonebook created =
                new Phonebook(UUID.randomUUID(), input.name(), Origin.MICROSOFT_365, sourceId, Visibility.NOBODY);
        phonebooks.insert(created, clock.instant());
        return created;
    }

    @Transactional
    public Contact upsertPhonebookContact(UUID phonebookId, String sourceId, ContactInput details) {
        return upsertContact(Owner.phonebook(phonebookId), sourceId, details);
    }

    @Transactional
    public Contact upsertPersonalContact(UUID extensionId, String sourceId, ContactInput details) {
        return upsertContact(Owner.extension(extensionId), sourceId, details);
    }

    private Contact upsertContact(Owner owner, String sourceId, ContactInput requested) {
        ContactInput input = requested.normalized();
        input.validate();
        Optional<Contact> existing = contacts.all(owner).stream()
                .filter(c -> sourceId.equals(c.sourceId()))
                .findFirst();
        Contact written = new Contact(
                existing.map(Contact::id).orElseGet(UUID::randomUUID), input, Origin.MICROSOFT_365, sourceId);
        if (existing.isPresent()) {
            contacts.update(written, clock.instant());
        } else {
            contacts.insert(owner, written, clock.instant());
        }
        return written;
    }

    private void requireFree(ExtensionInput input, UUID self, Prefetched prefetched) {
        (prefetched != null && prefetched.numbers.containsKey(input.number())
                        ? Optional.ofNullable(prefetched.numbers.get(input.number()))
                        : extensions.findByNumber(input.number()))
                .filter(e -> !e.id().equals(self))
                .ifPresent(e -> {
                    throw new ProblemException(
                            ProblemCode.NUMBER_TAKEN,
                            "Number " + input.number() + " is already used by another extension.");
                });
        if (input.email() != null) {
            String key = Email.key(input.email());
            (prefetched != null && prefetched.emails.containsKey(key)
                            ? Optional.ofNullable(prefetched.emails.get(key))
                            : extensions.findByEmail(input.email()))
                    .filter(e -> !e.id().equals(self))
                    .ifPresent(e -> {
                        throw new ProblemException(
                                ProblemCode.EMAIL_TAKEN,
                                "The email address " + input.email() + " already belongs to extension " + e.number()
                                        + ".");
                    });
        }
    }
}
