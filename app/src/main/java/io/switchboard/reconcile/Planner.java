package io.switchboard.reconcile;

import io.switchboard.directory.Extension;
import io.switchboard.directory.ExtensionGroup;
import io.switchboard.directory.ExtensionInput;
import io.switchboard.directory.Origin;
import io.switchboard.entra.EntraGroup;
import io.switchboard.entra.EntraUser;
import io.switchboard.reconcile.Change.AssociateExtension;
import io.switchboard.reconcile.Change.CreateExtension;
import io.switchboard.reconcile.Change.CreateGroup;
import io.switchboard.reconcile.Change.DeleteExtension;
import io.switchboard.reconcile.Change.DeleteGroup;
import io.switchboard.reconcile.Change.FieldChange;
import io.switchboard.reconcile.Change.ReleaseExtension;
import io.switchboard.reconcile.Change.ReleaseGroup;
import io.switchboard.reconcile.Change.UpdateExtension;
import io.switchboard.reconcile.Change.UpdateGroup;
import io.switchboard.reconcile.Policies.AccountState;
import io.switchboard.reconcile.Policies.GroupType;
import io.switchboard.reconcile.Policies.NumberSource;
import io.switchboard.reconcile.Policies.UserRange;
import io.switchboard.reconcile.Policies.WhenOutOfScope;
import io.switchboard.shared.Email;
import io.switchboard.shared.ExtensionNumber;
import io.switchboard.shared.ProblemCode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Computes the {@link Plan} that brings the PBX directory in step with an Entra snapshot.
 *
 * <p>Design note. Planning runs in phases, each over a deterministic order, and the plan lists its
 * changes in the order they must be applied:
 *
 * <ol>
 *   <li><b>Leavers.</b> Each synced extension whose user was deleted, is disabled (when that is
 *       checked) or left the range is deleted or released as U3/U6 say. Deletions come first so
 *       the numbers, emails and capacity they free are available to the users planned after them.
 *   <li><b>Users.</b> Users that already have an extension are planned first and keep it (U11);
 *       the rest follow oldest account first (createdDateTime, then object id). Each is updated,
 *       associated (U4), created, or failed with a stable code; a failed user's existing extension
 *       stays as it is.
 *   <li><b>Groups.</b> Group leavers are deleted or released (G3), then groups in scope are updated
 *       or created, already-synced groups first, then oldest first, within the 63-group limit
 *       (G2, G6). Members are the users whose extensions are synced once the plan is applied.
 * </ol>
 *
 * <p>Ownership: only objects with origin {@link Origin#MICROSOFT_365} are ever deleted, released
 * or updated; a local extension changes only by association. Safety: when a range group of the
 * user range is missing from the snapshot, the range cannot be known, so nothing is deleted or
 * released for leaving it and the group is reported {@code SOURCE_UNREADABLE}.
 */
public final class Planner {

    private static final Comparator<Instant> OLDEST_FIRST = Comparator.nullsLast(Comparator.naturalOrder());
    private static final Comparator<EntraGroup> GROUP_AGE =
            Comparator.comparing(EntraGroup::createdDateTime, OLDEST_FIRST).thenComparing(EntraGroup::id);

    private final Snapshot snapshot;
    private final ActualDirectory actual;
    private final UserSyncSettings userSettings;
    private final GroupSyncSettings groupSettings;
    private final Guard guard;
    private final Map<String, EntraUser> usersById;
    private final Map<String, EntraGroup> groupsById;
    private final Focus focus;

    /** Set when a focused plan meets a case its view cannot decide as the whole plan would. */
    private boolean unanswerable;

    private final List<Change> changes = new ArrayList<>();
    private final List<Failure> failures = new ArrayList<>();
    private final List<Unchanged> unchanged = new ArrayList<>();
    private final List<Change> held = new ArrayList<>();
    private final List<Guard.Verdict> verdicts = new ArrayList<>();

    /** Sources of the extensions whose deletion is held: they keep their group memberships as they are. */
    private final Set<String> heldSources = new HashSet<>();

    /** Extension sources that are synced once the plan is applied; group members come from them. */
    private final Set<String> syncedAfter;

    private Planner(
            Snapshot snapshot,
            ActualDirectory actual,
            UserSyncSettings users,
            GroupSyncSettings groups,
            Guard guard,
            Focus focus) {
        this.focus = focus;
        this.snapshot = snapshot;
        this.guard = guard;
        this.actual = actual;
        this.userSettings = users;
        this.groupSettings = groups;
        this.usersById = new HashMap<>(capacityFor(snapshot.users().size()));
        snapshot.users().forEach(u -> usersById.putIfAbsent(u.id(), u));
        this.groupsById = new HashMap<>(capacityFor(snapshot.groups().size()));
        snapshot.groups().forEach(g -> groupsById.putIfAbsent(g.id(), g));
        this.syncedAfter = new HashSet<>(capacityFor(Math.max(
                snapshot.users().size(),
                actual == null ? 0 : actual.extensions().size())));
    }

    /**
     * The initial capacity of a hash map or set that holds {@code entries} without growing: a
     * large tenant's maps would otherwise be rehashed a dozen times as they fill.
     */
    private static int capacityFor(int entries) {
        return (int) Math.ceil(entries / 0.75);
    }

    /** The plan without a deletion guard: every deletion goes through. */
    public static Plan plan(
            Snapshot snapshot, ActualDirectory actual, UserSyncSettings users, GroupSyncSettings groups) {
        return plan(snapshot, actual, users, groups, Guard.NONE);
    }

    /**
     * The plan; the deletions the guard holds are listed apart and their objects keep, while held,
     * their number, email, name, group memberships and place in the capacity or the group limit.
     */
    public static Plan plan(
            Snapshot snapshot, ActualDirectory actual, UserSyncSettings users, GroupSyncSettings groups, Guard guard) {
        Planner planner = new Planner(snapshot, actual, users, groups, guard, null);
        planner.planUsers();
        planner.planGroups();
        return new Plan(planner.changes, planner.held, planner.failures, planner.unchanged, planner.verdicts);
    }

    /**
     * The objects a focused plan decides about (issue 15 point 6): Entra user and group ids.
     * Synced extensions and extension groups of other sources are taken as they are: they keep
     * their numbers, emails, names and places in the capacity and the group limit.
     */
    public record Focus(Set<String> users, Set<String> groups) {

        public Focus {
            users = Set.copyOf(users);
            groups = Set.copyOf(groups);
        }
    }

    /**
     * The plan of the focused objects only, or empty when the focused view cannot decide as the
     * whole plan would (a kept group whose name changes, since names are given in age order across
     * all groups). The directory must be whole, or hold what {@link #needs} names, every extension
     * group and the counts of the whole; the snapshot must hold the focused users and every group
     * with its member groups, listing all the users of the focused groups and of those nested in
     * them, and of the others at least the focused users.
     * It equals the whole plan restricted to the focused objects when the whole plan would change,
     * hold or fail nothing outside the focus (the directory was in step for every other object).
     */
    public static Optional<Plan> planFocused(
            Snapshot snapshot,
            ActualDirectory actual,
            UserSyncSettings users,
            GroupSyncSettings groups,
            Guard guard,
            Focus focus) {
        Planner planner = new Planner(snapshot, actual, users, groups, guard, focus);
        planner.planUsers();
        planner.planGroups();
        if (planner.unanswerable) {
            return Optional.empty();
        }
        return Optional.of(
                new Plan(planner.changes, planner.held, planner.failures, planner.unchanged, planner.verdicts));
    }

    /**
     * What a focused plan must see of the directory (issue 15 point 6): the extensions of these
     * Entra users (the focused ones and the users the snapshot lists in a focused group), those
     * holding the email keys and, with numbers from a property, the numbers the focused users ask
     * for; and of the extension groups of the focused groups, their members among those extensions.
     * A directory part holding these, every extension group and the counts of the whole ({@link
     * ActualDirectory}) plans as the whole directory would.
     */
    public record Needs(Set<String> userSourceIds, Set<String> emailKeys, Set<String> numbers, Set<String> groups) {

        public Needs {
            userSourceIds = Set.copyOf(userSourceIds);
            emailKeys = Set.copyOf(emailKeys);
            numbers = Set.copyOf(numbers);
            groups = Set.copyOf(groups);
        }
    }

    /** What {@link #planFocused} needs of the directory for this snapshot and focus. */
    public static Needs needs(Snapshot snapshot, UserSyncSettings users, Focus focus) {
        Planner planner = new Planner(snapshot, null, users, null, Guard.NONE, focus);
        Set<String> sources = new HashSet<>(focus.users());
        for (EntraGroup group : snapshot.groups()) {
            if (focus.groups().contains(group.id())) {
                sources.addAll(planner.memberUsers(group, users.nestedGroups()));
            }
        }
        Set<String> emails = new HashSet<>();
        Set<String> numbers = new HashSet<>();
        for (EntraUser user : snapshot.users()) {
            if (!focus.users().contains(user.id())) {
                continue;
            }
            String email = UserFields.email(user);
            if (email != null) {
                emails.add(Email.key(email));
            }
            if (users.numberSource() == NumberSource.PROPERTY) {
                String number = UserFields.number(UserFields.property(user, users.numberProperty()));
                if (number != null) {
                    numbers.add(number);
                }
            }
        }
        return new Needs(sources, emails, numbers, focus.groups());
    }

    private boolean outOfFocus(ObjectType type, String sourceId) {
        if (focus == null) {
            return false;
        }
        return type == ObjectType.GROUP
                ? !focus.groups().contains(sourceId)
                : !focus.users().contains(sourceId);
    }

    // ---------------------------------------------------------------- users

    private void planUsers() {
        for (Extension e : actual.extensions()) {
            if (e.synced()) {
                syncedAfter.add(e.sourceId());
            }
        }
        if (!userSettings.enabled()) {
            return;
        }
        Set<String> unreadable = new TreeSet<>();
        Set<String> rangeIds = usersInRange(unreadable);
        // with range ALL every user of the snapshot is in it: no look-up for each of them
        Predicate<String> inRange = userSettings.range() == UserRange.ALL ? id -> true : rangeIds::contains;
        unreadable.forEach(id -> failures.add(new Failure(
                ObjectType.GROUP,
                id,
                id,
                ProblemCode.SOURCE_UNREADABLE,
                "The range group " + id + " of the user sync could not be read (it may have been deleted or"
                        + " access was lost); no extension is deleted or released for leaving the range until it"
                        + " can be read again.")));
        boolean rangeKnown = unreadable.isEmpty();
        boolean deleteDisabled = userSettings.deleteWhenAccount().contains(AccountState.DISABLED);

        Map<String, Extension> kept =
                new HashMap<>(capacityFor(actual.extensions().size()));
        List<Extension> asTheyAre = new ArrayList<>();
        for (Extension e : actual.extensions()) {
            if (!e.synced()) {
                continue;
            }
            if (outOfFocus(ObjectType.USER, e.sourceId())) {
                asTheyAre.add(e);
                continue;
            }
            EntraUser user = usersById.get(e.sourceId());
            if (user == null) {
                if (userSettings.deleteWhenAccount().contains(AccountState.DELETED)) {
                    deleteExtension(e, ChangeReason.USER_DELETED.text());
                } else {
                    releaseExtension(e, ChangeReason.USER_DELETED_KEPT.text());
                }
            } else if (!user.accountEnabled() && deleteDisabled) {
                deleteExtension(e, ChangeReason.USER_DISABLED.text());
            } else if (!inRange.test(user.id()) && rangeKnown) {
                if (userSettings.whenOutOfScope() == WhenOutOfScope.DELETE) {
                    deleteExtension(e, ChangeReason.USER_OUT_OF_RANGE.text());
                } else {
                    releaseExtension(e, ChangeReason.USER_OUT_OF_RANGE_KEPT.text());
                }
            } else if (inRange.test(user.id())) {
                // keyed by the user's own id (equal to the source id): looking the users up
                // below then finds the very string and skips comparing its characters
                kept.put(user.id(), e);
            }
        }

        holdExtensionDeletions();
        Claims claims = new Claims(actual, changes, snapshot.users().size());
        asTheyAre.forEach(e -> claims.take(e, e.number(), e.email(), Email.key(e.email())));
        // U11: users keeping an extension first, then the rest oldest first. Split once and sort
        // each part by age, rather than asking the kept map on every comparison of one sort.
        List<Candidate> keeping = new ArrayList<>(kept.size());
        List<Candidate> newcomers = new ArrayList<>();
        for (EntraUser u : snapshot.users()) {
            if (!outOfFocus(ObjectType.USER, u.id())
                    && inRange.test(u.id())
                    && (u.accountEnabled() || !deleteDisabled)) {
                Extension existing = kept.get(u.id());
                if (existing != null) {
                    keeping.add(Candidate.of(u, existing));
                } else {
                    newcomers.add(Candidate.of(u, existing));
                }
            }
        }
        keeping.sort(Candidate.BY_AGE);
        newcomers.sort(Candidate.BY_AGE);
        List<Candidate> candidates = new ArrayList<>(keeping.size() + newcomers.size());
        candidates.addAll(keeping);
        candidates.addAll(newcomers);
        List<Candidate> waiting = new ArrayList<>();
        for (Candidate c : candidates) {
            if (!planUser(c.user(), c.existing(), claims, true)) {
                waiting.add(c);
            }
        }
        boolean progress = true;
        while (progress && !waiting.isEmpty()) {
            progress = waiting.removeIf(c -> planUser(c.user(), c.existing(), claims, true));
        }
        waiting.forEach(c -> planUser(c.user(), c.existing(), claims, false));
    }

    /**
     * A user to plan, with the extension it keeps (null when none) and its account's age read
     * once: sorting a large tenant then compares two numbers, not two users' creation instants
     * through a chain of comparators, at each of its million and more comparisons.
     *
     * @param seconds {@code createdDateTime}'s epoch second; {@link Long#MAX_VALUE} without one
     * @param nanos its nanosecond; {@link Integer#MAX_VALUE} without one, so that it comes last
     */
    private record Candidate(EntraUser user, Extension existing, long seconds, int nanos) {

        /**
         * U11's order, as {@code createdDateTime} (oldest first, missing last) then object id: no
         * instant reaches {@link Long#MAX_VALUE} seconds, and two missing ones tie on the time.
         */
        static final Comparator<Candidate> BY_AGE = (a, b) -> {
            int c = Long.compare(a.seconds, b.seconds);
            if (c == 0) {
                c = Integer.compare(a.nanos, b.nanos);
            }
            return c != 0 ? c : a.user.id().compareTo(b.user.id());
        };

        static Candidate of(EntraUser user, Extension existing) {
            Instant created = user.createdDateTime();
            return created == null
                    ? new Candidate(user, existing, Long.MAX_VALUE, Integer.MAX_VALUE)
                    : new Candidate(user, existing, created.getEpochSecond(), created.getNano());
        }
    }

    private Set<String> usersInRange(Set<String> unreadable) {
        return switch (userSettings.range()) {
            case ALL -> usersById.keySet();
            case USER_TYPES ->
                snapshot.users().stream()
                        .filter(u -> userSettings.userTypes().contains(u.userType()))
                        .map(EntraUser::id)
                        .collect(Collectors.toSet());
            case GROUPS -> {
                Set<String> members = new HashSet<>();
                for (String groupId : userSettings.groupIds()) {
                    EntraGroup group = groupsById.get(groupId);
                    if (group == null) {
                        unreadable.add(groupId);
                    } else {
                        members.addAll(memberUsers(group, userSettings.nestedGroups()));
                    }
                }
                members.retainAll(usersById.keySet());
                yield members;
            }
        };
    }

    /**
     * Plans one user; returns false, planning nothing, when {@code mayWait} and the user's number
     * or email is held by another extension that may still move away.
     */
    private boolean planUser(EntraUser user, Extension existing, Claims claims, boolean mayWait) {
        String email = UserFields.email(user);
        // the comparison key of the email, made once: it is looked up and recorded for every user
        String emailKey = Email.key(email);
        String name = label(user);
        boolean fromProperty = userSettings.numberSource() == NumberSource.PROPERTY;
        String number = null;
        if (fromProperty) {
            number = UserFields.number(UserFields.property(user, userSettings.numberProperty()));
            if (number == null) {
                fail(
                        user,
                        ProblemCode.NUMBER_INVALID,
                        "the property " + userSettings.numberProperty()
                                + " is missing or is not 1 to 15 digits ("
                                + describe(UserFields.property(user, userSettings.numberProperty())) + ")");
                return true;
            }
        }
        Extension owner = email == null ? null : claims.emailOwner(emailKey);
        Extension associate = null;
        if (owner != null && !owner.equals(existing)) {
            if (existing == null && !claims.syncedAfterLeavers(owner) && !claims.planned(owner)) {
                if (!userSettings.associateByEmail()) {
                    fail(
                            user,
                            ProblemCode.EMAIL_TAKEN,
                            "extension " + owner.number() + " already has the email " + email
                                    + "; turn on auto-association to link it to this user");
                    return true;
                }
                associate = owner;
            } else if (mayWait && !claims.planned(owner)) {
                return false;
            } else {
                fail(
                        user,
                        ProblemCode.EMAIL_TAKEN,
                        "the email " + email + " belongs to extension " + owner.number()
                                + "; the PBX never holds two extensions with one email");
                return true;
            }
        } else if (owner == null && email != null && claims.pendingEmail(emailKey)) {
            fail(user, ProblemCode.EMAIL_TAKEN, "an older user with the same email " + email + " has it");
            return true;
        }
        Extension current = existing != null ? existing : associate;
        if (fromProperty) {
            Extension holder = claims.numberHolder(number, current);
            if (holder != null && mayWait && !claims.planned(holder)) {
                return false;
            }
            if (holder != null || !claims.numberFreeFor(number, current)) {
                fail(
                        user,
                        ProblemCode.NUMBER_TAKEN,
                        "the number " + number + " from " + userSettings.numberProperty()
                                + " is already used by another extension");
                return true;
            }
        } else if (current != null) {
            number = current.number();
        }
        if (current == null && !claims.roomFor(actual.capacity())) {
            fail(
                    user,
                    ProblemCode.CAPACITY_REACHED,
                    "the PBX already holds its capacity of " + actual.capacity() + " extensions");
            return true;
        }
        if (number == null) {
            number = claims.lowestFreeFrom(userSettings.startNumber());
            if (number == null) {
                fail(
                        user,
                        ProblemCode.NUMBER_INVALID,
                        "no free number of at most 15 digits is left above the start number");
                return true;
            }
        }
        ExtensionInput desired = new ExtensionInput(
                number,
                UserFields.firstName(user),
                UserFields.lastName(user),
                email,
                UserFields.mobile(user),
                UserFields.jobTitle(user),
                current == null ? null : current.presence());
        String display = number + (name.isEmpty() ? "" : " " + name);
        claims.take(current, number, email, emailKey);
        syncedAfter.add(user.id());
        if (existing != null) {
            List<FieldChange> fields = diff(existing, desired, fromProperty);
            if (fields.isEmpty()) {
                unchanged.add(new Unchanged(ObjectType.EXTENSION, user.id(), display));
            } else {
                changes.add(new UpdateExtension(
                        existing.id(),
                        user.id(),
                        display,
                        desired,
                        fromProperty,
                        fields,
                        ChangeReason.USER_CHANGED.text()));
            }
        } else if (associate != null) {
            changes.add(new AssociateExtension(
                    associate.id(),
                    user.id(),
                    display,
                    desired,
                    fromProperty,
                    diff(associate, desired, fromProperty),
                    ChangeReason.SAME_EMAIL.text(associate.number())));
        } else {
            changes.add(new CreateExtension(user.id(), display, desired, fromProperty, ChangeReason.NEW_USER.text()));
        }
        return true;
    }

    private static List<FieldChange> diff(Extension e, ExtensionInput desired, boolean fromProperty) {
        List<FieldChange> fields = new ArrayList<>();
        compare(fields, "number", e.number(), desired.number());
        compare(fields, "firstName", e.firstName(), desired.firstName());
        compare(fields, "lastName", e.lastName(), desired.lastName());
        compare(fields, "email", e.email(), desired.email());
        compare(fields, "mobileNumber", e.mobileNumber(), desired.mobileNumber());
        compare(fields, "jobTitle", e.jobTitle(), desired.jobTitle());
        if (e.numberFromSource() != fromProperty) {
            fields.add(new FieldChange(
                    "numberSource", e.numberFromSource() ? "PROPERTY" : "AUTO", fromProperty ? "PROPERTY" : "AUTO"));
        }
        return fields;
    }

    private static void compare(List<FieldChange> fields, String field, String before, String after) {
        if (!Objects.equals(before, after)) {
            fields.add(new FieldChange(field, before, after));
        }
    }

    /**
     * Moves the extension deletions the guard holds out of the changes (X2). A held extension stays
     * synced as it is, so its number, email and place in the capacity stay taken.
     */
    private void holdExtensionDeletions() {
        List<DeleteExtension> deletions = changes.stream()
                .filter(DeleteExtension.class::isInstance)
                .map(DeleteExtension.class::cast)
                .toList();
        int synced = actual.syncedExtensionCount();
        boolean crossed = guard.crosses(deletions.size(), synced);
        Guard.Verdict verdict = verdict(ObjectType.EXTENSION, "extensions", deletions.size(), synced, crossed);
        Set<DeleteExtension> holding = new HashSet<>();
        for (DeleteExtension d : deletions) {
            if (crossed || guard.held().contains(d.extensionId())) {
                holding.add(d);
                held.add(new DeleteExtension(
                        d.extensionId(), d.sourceId(), d.displayName(), heldReason(verdict, d.reason())));
                heldSources.add(d.sourceId());
                syncedAfter.add(d.sourceId());
            }
        }
        if (!holding.isEmpty()) {
            changes.removeIf(holding::contains);
            verdicts.add(verdict);
        }
    }

    private Guard.Verdict verdict(ObjectType type, String noun, int deletions, int synced, boolean crossed) {
        String reason = crossed
                ? "This sync would delete " + deletions + " of the " + synced + " synced " + noun + ", more than "
                        + guard.percent() + " % and at least " + guard.minimum()
                        + " (the deletion guard's threshold), so all these deletions are held"
                : "These deletions were held by the deletion guard in an earlier sync and stay held";
        return new Guard.Verdict(type, deletions, synced, guard.percent(), guard.minimum(), crossed, reason + ".");
    }

    private static String heldReason(Guard.Verdict verdict, String why) {
        return "Held by the deletion guard (" + why + "): "
                + (verdict.crossed()
                        ? "this sync would delete " + verdict.deletions() + " of " + verdict.synced() + " synced "
                                + (verdict.objectType() == ObjectType.GROUP ? "extension groups" : "extensions")
                                + ", more than " + verdict.percent() + " % and at least " + verdict.minimum()
                        : "held since an earlier sync")
                + ". It keeps everything it has until you approve or discard it under held deletions.";
    }

    private void deleteExtension(Extension e, String reason) {
        changes.add(new DeleteExtension(e.id(), e.sourceId(), e.displayName(), reason));
        syncedAfter.remove(e.sourceId());
    }

    private void releaseExtension(Extension e, String reason) {
        changes.add(new ReleaseExtension(e.id(), e.sourceId(), e.displayName(), reason));
        syncedAfter.remove(e.sourceId());
    }

    private void fail(EntraUser user, ProblemCode code, String reason) {
        failures.add(new Failure(ObjectType.USER, user.id(), label(user), code, capitalize(reason) + "."));
    }

    private static String label(EntraUser u) {
        String name = UserFields.clean(u.displayName(), 200);
        return name == null ? u.id() : name;
    }

    private static String describe(String raw) {
        return raw == null ? "missing" : "value \"" + raw + "\"";
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * Who holds which number and email while users are planned: every extension that stays, and
     * what earlier users of this plan took. Numbers and emails of deleted extensions are free.
     */
    private static final class Claims {
        private final Map<String, Extension> byNumber;
        private final Map<String, Extension> byEmail;
        private final Set<String> takenNumbers;
        private final Set<String> pendingEmails;
        private final Set<UUID> released;
        private final Set<UUID> planned;
        private int count;
        private ExtensionNumber cursor;

        /** A directory part, whose other extensions keep their numbers; null for the whole directory. */
        private final ActualDirectory part;

        /** The numbers of the extensions outside the part, read when a number from the pool is first needed. */
        private Set<String> outside;

        /** The claims of the extensions that stay, sized for {@code users} users to plan. */
        Claims(ActualDirectory actual, List<Change> planned, int users) {
            byNumber = new HashMap<>(capacityFor(actual.extensions().size()));
            byEmail = new HashMap<>(capacityFor(actual.extensions().size()));
            takenNumbers = new HashSet<>(capacityFor(users + actual.extensions().size()));
            pendingEmails =
                    new HashSet<>(capacityFor(users + actual.extensions().size()));
            this.planned = new HashSet<>(
                    capacityFor(Math.min(users, actual.extensions().size())));
            Set<UUID> deleted = planned.stream()
                    .filter(DeleteExtension.class::isInstance)
                    .map(c -> ((DeleteExtension) c).extensionId())
                    .collect(Collectors.toSet());
            released = planned.stream()
                    .filter(ReleaseExtension.class::isInstance)
                    .map(c -> ((ReleaseExtension) c).extensionId())
                    .collect(Collectors.toSet());
            for (Extension e : actual.extensions()) {
                if (deleted.contains(e.id())) {
                    continue;
                }
                byNumber.put(e.number(), e);
                if (e.email() != null) {
                    byEmail.put(key(e.email()), e);
                }
            }
            count = actual.extensionCount()
                    - (int) actual.extensions().stream()
                            .filter(e -> deleted.contains(e.id()))
                            .count();
            part = actual.extensionCount() == actual.extensions().size() ? null : actual;
        }

        /** Whether the extension is still synced once the leavers are released; a released one is local. */
        boolean syncedAfterLeavers(Extension e) {
            return e.synced() && !released.contains(e.id());
        }

        /** The extension holding the email of this key ({@link Email#key}); null when none. */
        Extension emailOwner(String emailKey) {
            return byEmail.get(emailKey);
        }

        /** Whether an earlier user of this plan took the email of this key ({@link Email#key}). */
        boolean pendingEmail(String emailKey) {
            return pendingEmails.contains(emailKey);
        }

        /** Whether the extension's user has been planned already, so its number and email are final. */
        boolean planned(Extension e) {
            return planned.contains(e.id());
        }

        /** The existing extension, other than {@code self}, holding the number now; null when none. */
        Extension numberHolder(String number, Extension self) {
            Extension holder = byNumber.get(number);
            return holder == null || self != null && holder.id().equals(self.id()) ? null : holder;
        }

        boolean numberFreeFor(String number, Extension self) {
            if (takenNumbers.contains(number) && (self == null || !number.equals(self.number()))) {
                return false;
            }
            Extension holder = byNumber.get(number);
            return holder == null || self != null && holder.id().equals(self.id());
        }

        boolean roomFor(int capacity) {
            return count < capacity;
        }

        /**
         * The lowest free number counting up from {@code start} with its width ({@code 0100},
         * {@code 0101} … {@code 0999}, {@code 1000} …), or null when none of at most 15 digits is
         * left. A cursor walks the numbers once: every number below it is known to be taken, so
         * each taken number is passed over once per plan, not once per new user.
         */
        String lowestFreeFrom(ExtensionNumber start) {
            Optional<ExtensionNumber> candidate = Optional.of(cursor == null ? start : cursor);
            while (candidate.isPresent() && taken(candidate.get().value())) {
                candidate = candidate.get().next();
            }
            if (candidate.isEmpty()) {
                return null;
            }
            cursor = candidate.get();
            return cursor.value();
        }

        private boolean taken(String number) {
            return byNumber.containsKey(number) || takenNumbers.contains(number) || outside(number);
        }

        private boolean outside(String number) {
            if (part == null) {
                return false;
            }
            if (outside == null) {
                outside = new HashSet<>(part.numbersInUse().get());
                part.extensions().forEach(e -> outside.remove(e.number()));
            }
            return outside.contains(number);
        }

        /**
         * Records what a planned user holds after the plan: its number and email (with its key,
         * {@link Email#key}), freeing the old ones.
         */
        void take(Extension current, String number, String email, String emailKey) {
            if (current == null) {
                count++;
            } else {
                planned.add(current.id());
                if (!current.number().equals(number)) {
                    byNumber.remove(current.number());
                    cursor = null;
                }
                // equal texts have equal keys: only a changed email is put in lower case to compare
                if (current.email() != null
                        && !current.email().equals(email)
                        && !key(current.email()).equals(emailKey)) {
                    byEmail.remove(key(current.email()));
                }
            }
            takenNumbers.add(number);
            if (email != null) {
                pendingEmails.add(emailKey);
            }
        }

        private static String key(String email) {
            return Email.key(email);
        }
    }

    // ---------------------------------------------------------------- groups

    private void planGroups() {
        if (!groupSettings.enabled()) {
            return;
        }
        Set<String> inScope = snapshot.groups().stream()
                .filter(this::groupInScope)
                .map(EntraGroup::id)
                .collect(Collectors.toSet());
        // only members of extension groups are looked up: map those, not every extension
        Set<UUID> inSomeGroup = new HashSet<>();
        actual.groups().forEach(g -> inSomeGroup.addAll(g.memberIds()));
        Map<UUID, String> sourceOfExtension = new HashMap<>(capacityFor(inSomeGroup.size()));
        for (Extension e : actual.extensions()) {
            if (inSomeGroup.contains(e.id())) {
                sourceOfExtension.put(e.id(), e.sourceId());
            }
        }

        Map<String, ExtensionGroup> kept = new LinkedHashMap<>();
        Set<String> namesTaken = new HashSet<>();
        int count = 0;
        boolean deleting = groupSettings.whenOutOfScope() == WhenOutOfScope.DELETE;
        int synced = actual.syncedGroupCount();
        int deletions = deleting
                ? (int) actual.groups().stream()
                        .filter(g -> g.synced() && !outOfFocus(ObjectType.GROUP, g.sourceId()))
                        .filter(g -> !inScope.contains(g.sourceId()))
                        .count()
                : 0;
        boolean crossed = guard.crosses(deletions, synced);
        Guard.Verdict verdict = verdict(ObjectType.GROUP, "extension groups", deletions, synced, crossed);
        for (ExtensionGroup g : actual.groups()) {
            if (!g.synced() || outOfFocus(ObjectType.GROUP, g.sourceId())) {
                namesTaken.add(key(g.name()));
                count++;
            } else if (!inScope.contains(g.sourceId())) {
                String why = groupsById.containsKey(g.sourceId())
                        ? ChangeReason.GROUP_OUT_OF_RANGE.text()
                        : ChangeReason.GROUP_DELETED.text();
                if (deleting && (crossed || guard.held().contains(g.id()))) {
                    held.add(new DeleteGroup(g.id(), g.sourceId(), g.name(), heldReason(verdict, why)));
                    if (!verdicts.contains(verdict)) {
                        verdicts.add(verdict);
                    }
                    namesTaken.add(key(g.name()));
                    count++;
                } else if (deleting) {
                    changes.add(new DeleteGroup(g.id(), g.sourceId(), g.name(), why));
                } else {
                    changes.add(new ReleaseGroup(
                            g.id(),
                            g.sourceId(),
                            g.name(),
                            (groupsById.containsKey(g.sourceId())
                                            ? ChangeReason.GROUP_OUT_OF_RANGE_KEPT
                                            : ChangeReason.GROUP_DELETED_KEPT)
                                    .text()));
                    namesTaken.add(key(g.name()));
                    count++;
                }
            } else {
                kept.put(g.sourceId(), g);
            }
        }
        List<EntraGroup> ordered = snapshot.groups().stream()
                .filter(g -> inScope.contains(g.id()))
                .filter(g -> !outOfFocus(ObjectType.GROUP, g.id()))
                .sorted(Comparator.comparing((EntraGroup g) -> !kept.containsKey(g.id()))
                        .thenComparing(GROUP_AGE))
                .toList();
        for (EntraGroup group : ordered) {
            ExtensionGroup existing = kept.get(group.id());
            if (existing == null && count >= ExtensionGroup.MAX_GROUPS) {
                failures.add(new Failure(
                        ObjectType.GROUP,
                        group.id(),
                        group.displayName(),
                        ProblemCode.GROUP_LIMIT_REACHED,
                        "The PBX already holds the maximum of " + ExtensionGroup.MAX_GROUPS + " extension groups."));
                continue;
            }
            count++;
            String name = nameFor(group, existing, namesTaken);
            if (focus != null && existing != null && !name.equals(existing.name())) {
                unanswerable = true;
            }
            namesTaken.add(key(name));
            Set<String> wanted = new TreeSet<>(memberUsers(group, userSettings.nestedGroups()));
            wanted.retainAll(syncedAfter);
            wanted.removeAll(heldSources);
            if (existing == null) {
                changes.add(new CreateGroup(group.id(), name, new ArrayList<>(wanted), ChangeReason.NEW_GROUP.text()));
                continue;
            }
            Set<String> current = new HashSet<>();
            List<UUID> leaving = new ArrayList<>();
            for (UUID member : existing.memberIds()) {
                String source = sourceOfExtension.get(member);
                if (focus != null && (source == null || !focus.users().contains(source))) {
                    continue;
                }
                if (source != null && (wanted.contains(source) || heldSources.contains(source))) {
                    current.add(source);
                } else {
                    leaving.add(member);
                }
            }
            leaving.sort(Comparator.naturalOrder());
            List<String> joining = wanted.stream()
                    .filter(s -> !current.contains(s))
                    .filter(s -> focus == null || focus.users().contains(s))
                    .toList();
            List<FieldChange> fields = new ArrayList<>();
            compare(fields, "name", existing.name(), name);
            if (!joining.isEmpty() || !leaving.isEmpty()) {
                int before = actual.memberCount(existing);
                fields.add(new FieldChange(
                        "memberIds", before + " members", (before - leaving.size() + joining.size()) + " members"));
            }
            if (fields.isEmpty()) {
                unchanged.add(new Unchanged(ObjectType.GROUP, group.id(), name));
            } else {
                changes.add(new UpdateGroup(
                        existing.id(), group.id(), name, joining, leaving, fields, ChangeReason.GROUP_CHANGED.text()));
            }
        }
    }

    private boolean groupInScope(EntraGroup g) {
        return switch (groupSettings.range()) {
            case ALL -> true;
            case GROUP_TYPES ->
                groupSettings.groupTypes().contains(GroupType.SECURITY) && g.security()
                        || groupSettings.groupTypes().contains(GroupType.MICROSOFT_365) && g.microsoft365();
            case GROUPS -> groupSettings.groupIds().contains(g.id());
        };
    }

    /**
     * The group's name on the PBX: its display name, or with " (2)", " (3)" … when another group
     * holds that name (G6). A synced group keeps the name it has while that still fits.
     */
    private static String nameFor(EntraGroup group, ExtensionGroup existing, Set<String> taken) {
        String base = UserFields.clean(group.displayName(), ExtensionGroup.MAX_NAME);
        if (base == null) {
            base = group.id();
        }
        if (existing != null && !taken.contains(key(existing.name())) && fits(existing.name(), base)) {
            return existing.name();
        }
        if (!taken.contains(key(base))) {
            return base;
        }
        for (int i = 2; ; i++) {
            String suffix = " (" + i + ")";
            String candidate = base.substring(0, Math.min(base.length(), ExtensionGroup.MAX_NAME - suffix.length()))
                            .strip()
                    + suffix;
            if (!taken.contains(key(candidate))) {
                return candidate;
            }
        }
    }

    private static boolean fits(String name, String base) {
        if (name.equals(base)) {
            return true;
        }
        int open = name.lastIndexOf(" (");
        return open > 0
                && name.endsWith(")")
                && name.substring(open + 2, name.length() - 1).matches("[2-9]|[1-9]\\d+")
                && base.startsWith(name.substring(0, open));
    }

    /** The users of a group: direct members, or with {@code nested} also those of groups inside it (X8). */
    private Set<String> memberUsers(EntraGroup group, boolean nested) {
        if (!nested) {
            return group.memberUserIds();
        }
        Set<String> users = new HashSet<>();
        Set<String> seen = new HashSet<>();
        Deque<EntraGroup> pending = new ArrayDeque<>(List.of(group));
        while (!pending.isEmpty()) {
            EntraGroup g = pending.pop();
            if (!seen.add(g.id())) {
                continue;
            }
            users.addAll(g.memberUserIds());
            g.memberGroupIds().stream()
                    .map(groupsById::get)
                    .filter(Objects::nonNull)
                    .forEach(pending::push);
        }
        return users;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
