package io.switchboard.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The directory of one emulated Entra ID tenant: users, groups, memberships, soft-deleted objects and an append-only
 * change log that drives delta queries and change notifications. Thread-safe; every mutation is one atomic step.
 *
 * <p>Soft-deleting a user or group removes its memberships (logged as member removals), as Entra hides soft-deleted
 * members from {@code members}; restoring does not bring them back.
 */
public final class Tenant {

    /** The password of every user that has none of its own, until {@link #setDefaultPassword(String)} changes it. */
    public static final String DEFAULT_PASSWORD = "Emulator-Passw0rd!";

    private final String id;
    private final String domain;
    private final Clock clock;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final TreeMap<String, EntraUser> users = new IdIndexedMap<>();
    private final TreeMap<String, EntraUser> deletedUsers = new TreeMap<>();
    private final TreeMap<String, EntraGroup> groups = new IdIndexedMap<>();
    private final TreeMap<String, EntraGroup> deletedGroups = new TreeMap<>();
    private final Map<String, LinkedHashSet<String>> members = new HashMap<>();
    private final Map<String, Set<String>> memberOf = new HashMap<>();
    private final Map<String, LinkedHashMap<String, String>> limitedMembers = new HashMap<>();
    private final Map<String, String> idByUpn = new HashMap<>();
    private final ArrayList<Change> log = new ArrayList<>();
    private final List<Consumer<List<Change>>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Instant> createdAt = new HashMap<>();
    private volatile boolean trackCreationTimes;
    private volatile long trackingStartSeq;
    private final Map<String, byte[]> passwordHashes = new ConcurrentHashMap<>();
    private volatile byte[] defaultPasswordHash = passwordHash(DEFAULT_PASSWORD);

    Tenant(String id, String domain, Clock clock) {
        this.id = id;
        this.domain = domain;
        this.clock = clock;
    }

    /** The tenant (directory) id, a GUID. */
    public String id() {
        return id;
    }

    /** The tenant's initial domain, e.g. {@code contoso.onmicrosoft.com}. */
    public String domain() {
        return domain;
    }

    /** A fresh random object id in Entra's GUID form. */
    public static String newObjectId() {
        return UUID.randomUUID().toString();
    }

    // ---- users

    /** Creates a user with a new id and {@code createdDateTime} = now, configured by {@code spec}. */
    public EntraUser createUser(UnaryOperator<EntraUser.Builder> spec) {
        return createUser(spec.apply(EntraUser.builder(newObjectId()).createdDateTime(clock.instant()))
                .build());
    }

    /** Adds {@code user} to the directory; its id must be new. */
    public EntraUser createUser(EntraUser user) {
        EntraUser stored = user.createdDateTime() == null
                ? user.toBuilder().createdDateTime(clock.instant()).build()
                : user;
        write(changes -> {
            if (users.containsKey(stored.id()) || deletedUsers.containsKey(stored.id())) {
                throw new IllegalArgumentException("object id already used: " + stored.id());
            }
            users.put(stored.id(), stored);
            indexUpn(null, stored);
            if (trackCreationTimes) {
                createdAt.put(stored.id(), clock.instant());
            }
            changes.add(append(ObjectKind.USER, stored.id(), Change.Op.CREATED, EntraUser.PROPERTIES, null, null));
        });
        return stored;
    }

    /**
     * Changes an active user; only Graph properties whose values differ are logged as changed (a change of {@code
     * hasMailbox} alone is stored but is no directory change).
     */
    public EntraUser updateUser(String userId, Consumer<EntraUser.Builder> change) {
        return write(changes -> {
            EntraUser before = requireUser(userId);
            EntraUser.Builder b = before.toBuilder();
            change.accept(b);
            EntraUser after = b.id(userId).build();
            Set<String> changed = after.changedProperties(before);
            if (!after.equals(before)) {
                users.put(userId, after);
                indexUpn(before, after);
            }
            if (!changed.isEmpty()) {
                changes.add(append(ObjectKind.USER, userId, Change.Op.UPDATED, changed, null, null));
            }
            return after;
        });
    }

    /** Sets {@code accountEnabled=false}. */
    public EntraUser disableUser(String userId) {
        return updateUser(userId, b -> b.accountEnabled(false));
    }

    /** Sets {@code accountEnabled=true}. */
    public EntraUser enableUser(String userId) {
        return updateUser(userId, b -> b.accountEnabled(true));
    }

    /** Soft-deletes a user: it moves to deleted items and appears in delta as {@code @removed: changed}. */
    public void deleteUser(String userId) {
        write(changes -> {
            EntraUser user = requireUser(userId);
            removeAllMemberships(userId, changes);
            users.remove(userId);
            deletedUsers.put(userId, user);
            indexUpn(user, null);
            changes.add(append(ObjectKind.USER, userId, Change.Op.SOFT_DELETED, Set.of(), null, null));
        });
    }

    /** Restores a soft-deleted user. */
    public void restoreUser(String userId) {
        write(changes -> {
            EntraUser user = deletedUsers.remove(userId);
            if (user == null) {
                throw new NoSuchElementException("no deleted user " + userId);
            }
            users.put(userId, user);
            indexUpn(null, user);
            changes.add(append(ObjectKind.USER, userId, Change.Op.RESTORED, EntraUser.PROPERTIES, null, null));
        });
    }

    /** Permanently deletes an active or soft-deleted user: delta reports {@code @removed: deleted}. */
    public void purgeUser(String userId) {
        write(changes -> {
            if (users.containsKey(userId)) {
                removeAllMemberships(userId, changes);
                indexUpn(users.remove(userId), null);
            } else if (deletedUsers.remove(userId) == null) {
                throw new NoSuchElementException("no user " + userId);
            }
            changes.add(append(ObjectKind.USER, userId, Change.Op.HARD_DELETED, Set.of(), null, null));
        });
    }

    /** The active user with this id, if any. */
    public Optional<EntraUser> user(String userId) {
        return read(() -> Optional.ofNullable(users.get(userId)));
    }

    /** A snapshot of all active users ordered by id. */
    public List<EntraUser> users() {
        return read(() -> List.copyOf(users.values()));
    }

    /** The number of active users. */
    public int userCount() {
        return read(users::size);
    }

    // ---- groups

    /** Adds {@code group}; a missing {@code createdDateTime} becomes now. */
    public EntraGroup createGroup(EntraGroup group) {
        EntraGroup stored = group.createdDateTime() == null ? group.withCreatedDateTime(clock.instant()) : group;
        write(changes -> {
            if (groups.containsKey(stored.id()) || deletedGroups.containsKey(stored.id())) {
                throw new IllegalArgumentException("object id already used: " + stored.id());
            }
            groups.put(stored.id(), stored);
            members.put(stored.id(), new LinkedHashSet<>());
            if (trackCreationTimes) {
                createdAt.put(stored.id(), clock.instant());
            }
            changes.add(append(
                    ObjectKind.GROUP, stored.id(), Change.Op.CREATED, Set.copyOf(EntraGroup.PROPERTIES), null, null));
        });
        return stored;
    }

    /** Replaces an active group's properties with {@code change(group)}; the id cannot change. */
    public EntraGroup updateGroup(String groupId, UnaryOperator<EntraGroup> change) {
        return write(changes -> {
            EntraGroup before = requireGroup(groupId);
            EntraGroup after = change.apply(before);
            if (!after.id().equals(groupId)) {
                throw new IllegalArgumentException("a group's id cannot change");
            }
            Set<String> changed = after.changedProperties(before);
            if (!changed.isEmpty()) {
                groups.put(groupId, after);
                changes.add(append(ObjectKind.GROUP, groupId, Change.Op.UPDATED, changed, null, null));
            }
            return after;
        });
    }

    /** Soft-deletes a group; its own memberships in other groups are removed, its member list is kept. */
    public void deleteGroup(String groupId) {
        write(changes -> {
            EntraGroup group = requireGroup(groupId);
            removeAllMemberships(groupId, changes);
            limitedMembers.remove(groupId);
            groups.remove(groupId);
            deletedGroups.put(groupId, group);
            changes.add(append(ObjectKind.GROUP, groupId, Change.Op.SOFT_DELETED, Set.of(), null, null));
        });
    }

    /** Permanently deletes an active or soft-deleted group. */
    public void purgeGroup(String groupId) {
        write(changes -> {
            if (groups.containsKey(groupId)) {
                removeAllMemberships(groupId, changes);
                groups.remove(groupId);
            } else if (deletedGroups.remove(groupId) == null) {
                throw new NoSuchElementException("no group " + groupId);
            }
            limitedMembers.remove(groupId);
            LinkedHashSet<String> old = members.remove(groupId);
            if (old != null) {
                old.forEach(m -> memberOf.getOrDefault(m, Set.of()).remove(groupId));
            }
            changes.add(append(ObjectKind.GROUP, groupId, Change.Op.HARD_DELETED, Set.of(), null, null));
        });
    }

    /** The active group with this id, if any. */
    public Optional<EntraGroup> group(String groupId) {
        return read(() -> Optional.ofNullable(groups.get(groupId)));
    }

    /** A snapshot of all active groups ordered by id. */
    public List<EntraGroup> groups() {
        return read(() -> List.copyOf(groups.values()));
    }

    /** Adds a user or group as a direct member of a group; adding an existing member does nothing. */
    public void addMember(String groupId, String memberId) {
        write(changes -> {
            requireGroup(groupId);
            ObjectKind kind = activeKind(memberId);
            if (kind == null) {
                throw new NoSuchElementException("no active user or group " + memberId);
            }
            if (memberId.equals(groupId)) {
                throw new IllegalArgumentException("a group cannot contain itself");
            }
            if (members.get(groupId).add(memberId)) {
                memberOf.computeIfAbsent(memberId, k -> new HashSet<>()).add(groupId);
                changes.add(append(ObjectKind.GROUP, groupId, Change.Op.MEMBER_ADDED, Set.of(), memberId, kind));
            }
        });
    }

    /**
     * Adds a direct member that Graph shows only as its {@code id} and {@code @odata.type}, as it does
     * for objects the caller may not read in full (a service principal, device or organizational
     * contact, which the emulator does not model otherwise): {@code members} and
     * {@code transitiveMembers} list and count it, casts to user or group leave it out, and it never
     * appears in a delta.
     */
    public void addLimitedMember(String groupId, String objectId, String odataType) {
        write(changes -> {
            requireGroup(groupId);
            limitedMembers.computeIfAbsent(groupId, k -> new LinkedHashMap<>()).put(objectId, odataType);
        });
    }

    /** Removes a direct member; removing a non-member does nothing. */
    public void removeMember(String groupId, String memberId) {
        write(changes -> {
            requireGroup(groupId);
            if (members.get(groupId).remove(memberId)) {
                memberOf.getOrDefault(memberId, new HashSet<>()).remove(groupId);
                changes.add(append(
                        ObjectKind.GROUP,
                        groupId,
                        Change.Op.MEMBER_REMOVED,
                        Set.of(),
                        memberId,
                        groups.containsKey(memberId) ? ObjectKind.GROUP : ObjectKind.USER));
            }
        });
    }

    /** The ids of a group's direct members, in the order they were added. */
    public List<String> members(String groupId) {
        return read(() -> {
            requireGroup(groupId);
            return List.copyOf(members.get(groupId));
        });
    }

    /** The ids of the groups an object is a direct member of. */
    public Set<String> memberOf(String objectId) {
        return read(() -> Set.copyOf(memberOf.getOrDefault(objectId, Set.of())));
    }

    /** The sequence number of the newest change-log entry (0 for an empty log). */
    public long changeSequence() {
        return read(() -> (long) log.size());
    }

    // ---- passwords (sign-in at the login page)

    /** Sets the password an active user signs in with at the login page; null falls back to the default password. */
    public void setPassword(String userId, String password) {
        read(() -> requireUser(userId));
        if (password == null) {
            passwordHashes.remove(userId);
        } else {
            passwordHashes.put(userId, passwordHash(password));
        }
    }

    /**
     * Sets the password of every user without one of its own ({@link #DEFAULT_PASSWORD} at first); null means such
     * users cannot sign in at the login page.
     */
    public void setDefaultPassword(String password) {
        defaultPasswordHash = password == null ? null : passwordHash(password);
    }

    /** Whether {@code password} is the user's password (its own, else the default); compared in constant time. */
    boolean passwordMatches(String userId, String password) {
        byte[] expected = passwordHashes.getOrDefault(userId, defaultPasswordHash);
        return expected != null && password != null && MessageDigest.isEqual(expected, passwordHash(password));
    }

    /** The active user whose userPrincipalName (any letter case) or id is {@code signInName}, if any. */
    Optional<EntraUser> userBySignInName(String signInName) {
        return read(() -> Optional.ofNullable(findUserUnlocked(signInName.trim())));
    }

    private static byte[] passwordHash(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- package-private access for the protocol layers

    <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    NavigableMap<String, EntraUser> usersUnlocked() {
        return users;
    }

    NavigableMap<String, EntraGroup> groupsUnlocked() {
        return groups;
    }

    NavigableMap<String, EntraUser> deletedUsersUnlocked() {
        return deletedUsers;
    }

    NavigableMap<String, EntraGroup> deletedGroupsUnlocked() {
        return deletedGroups;
    }

    Collection<String> membersUnlocked(String groupId) {
        return members.getOrDefault(groupId, new LinkedHashSet<>());
    }

    /** The limited-information members of a group, id → {@code @odata.type}; caller holds the read lock. */
    Map<String, String> limitedMembersUnlocked(String groupId) {
        return limitedMembers.getOrDefault(groupId, new LinkedHashMap<>());
    }

    List<Change> logUnlocked() {
        return log;
    }

    /** Resolves an id or (case-insensitively) a userPrincipalName to an active user; caller holds the read lock. */
    EntraUser findUserUnlocked(String idOrUpn) {
        EntraUser byId = users.get(idOrUpn);
        if (byId != null) {
            return byId;
        }
        String id = idByUpn.get(idOrUpn.toLowerCase(Locale.ROOT));
        return id == null ? null : users.get(id);
    }

    /** Transitive members of a group, breadth-first, each object once; caller holds the read lock. */
    List<String> transitiveMembersUnlocked(String groupId) {
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(groupId);
        Set<String> visitedGroups = new HashSet<>();
        visitedGroups.add(groupId);
        while (!queue.isEmpty()) {
            for (String m : members.getOrDefault(queue.poll(), new LinkedHashSet<>())) {
                seen.add(m);
                if (groups.containsKey(m) && visitedGroups.add(m)) {
                    queue.add(m);
                }
            }
        }
        seen.remove(groupId);
        return new ArrayList<>(seen);
    }

    /** From now on, remember when objects are created (for the replication-delay knob). */
    void trackCreationTimes() {
        trackingStartSeq = changeSequence();
        trackCreationTimes = true;
    }

    /** Whether the object was created after {@code cutoff}; only objects created after tracking began count. */
    boolean createdAfter(String objectId, Instant cutoff) {
        return read(() -> {
            Instant at = createdAt.get(objectId);
            return at != null && at.isAfter(cutoff);
        });
    }

    /**
     * The sequence number of the newest change made at or before {@code cutoff}; changes made before tracking began
     * count as old.
     */
    long headAtOrBefore(Instant cutoff) {
        return read(() -> {
            int i = log.size();
            while (i > trackingStartSeq && log.get(i - 1).at().isAfter(cutoff)) {
                i--;
            }
            return (long) i;
        });
    }

    void addListener(Consumer<List<Change>> listener) {
        listeners.add(listener);
    }

    // ---- internals

    private interface Mutation<T> {
        T apply(List<Change> changes);
    }

    private interface VoidMutation {
        void apply(List<Change> changes);
    }

    private void write(VoidMutation mutation) {
        write(changes -> {
            mutation.apply(changes);
            return null;
        });
    }

    private <T> T write(Mutation<T> mutation) {
        List<Change> changes = new ArrayList<>();
        T result;
        lock.writeLock().lock();
        try {
            result = mutation.apply(changes);
        } finally {
            lock.writeLock().unlock();
        }
        if (!changes.isEmpty()) {
            List<Change> published = List.copyOf(changes);
            listeners.forEach(l -> l.accept(published));
        }
        return result;
    }

    private Change append(
            ObjectKind kind, String objectId, Change.Op op, Set<String> props, String memberId, ObjectKind memberKind) {
        Change change = new Change(
                log.size() + 1L, kind, objectId, op, Set.copyOf(props), memberId, memberKind, clock.instant());
        log.add(change);
        return change;
    }

    private void removeAllMemberships(String memberId, List<Change> changes) {
        Set<String> parents = memberOf.remove(memberId);
        if (parents == null) {
            return;
        }
        ObjectKind kind = groups.containsKey(memberId) ? ObjectKind.GROUP : ObjectKind.USER;
        for (String parent : parents) {
            LinkedHashSet<String> set = members.get(parent);
            if (set != null && set.remove(memberId) && groups.containsKey(parent)) {
                changes.add(append(ObjectKind.GROUP, parent, Change.Op.MEMBER_REMOVED, Set.of(), memberId, kind));
            }
        }
    }

    private ObjectKind activeKind(String objectId) {
        if (users.containsKey(objectId)) {
            return ObjectKind.USER;
        }
        return groups.containsKey(objectId) ? ObjectKind.GROUP : null;
    }

    private EntraUser requireUser(String userId) {
        EntraUser user = users.get(userId);
        if (user == null) {
            throw new NoSuchElementException("no active user " + userId);
        }
        return user;
    }

    private EntraGroup requireGroup(String groupId) {
        EntraGroup group = groups.get(groupId);
        if (group == null) {
            throw new NoSuchElementException("no active group " + groupId);
        }
        return group;
    }

    private void indexUpn(EntraUser before, EntraUser after) {
        if (before != null && before.userPrincipalName() != null) {
            idByUpn.remove(before.userPrincipalName().toLowerCase(Locale.ROOT));
        }
        if (after != null && after.userPrincipalName() != null) {
            idByUpn.put(after.userPrincipalName().toLowerCase(Locale.ROOT), after.id());
        }
    }
}
