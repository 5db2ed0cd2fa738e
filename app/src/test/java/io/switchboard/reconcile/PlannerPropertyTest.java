package io.switchboard.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.directory.Extension;
import io.switchboard.directory.ExtensionGroup;
import io.switchboard.directory.Origin;
import io.switchboard.directory.Presence;
import io.switchboard.entra.EntraGroup;
import io.switchboard.entra.EntraUser;
import io.switchboard.entra.EntraUser.UserType;
import io.switchboard.reconcile.Change.AssociateExtension;
import io.switchboard.reconcile.Change.DeleteExtension;
import io.switchboard.reconcile.Change.DeleteGroup;
import io.switchboard.reconcile.Change.ReleaseExtension;
import io.switchboard.reconcile.Change.ReleaseGroup;
import io.switchboard.reconcile.Change.UpdateExtension;
import io.switchboard.reconcile.Change.UpdateGroup;
import io.switchboard.reconcile.Policies.AccountState;
import io.switchboard.reconcile.Policies.GroupRange;
import io.switchboard.reconcile.Policies.GroupType;
import io.switchboard.reconcile.Policies.NumberSource;
import io.switchboard.reconcile.Policies.UserRange;
import io.switchboard.reconcile.Policies.WhenOutOfScope;
import io.switchboard.shared.Email;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Seeded property test of the planner over random, messy tenants and starting directories with
 * random changes between runs: a sync reaches a fixpoint, owns what it touches, keeps the
 * directory's invariants, and ends where an independent reading of the rules says it should.
 */
class PlannerPropertyTest {

    private static final int TENANTS = 300;
    private static final int RUNS_PER_TENANT = 4;
    private static final String[] NAMES = {"Anna", "Björn", "李", "Zoë", "", "O'Neil", "Mia", "Noah", "Müller", "王芳"};

    @Test
    void syncsReachAFixpointOwnTheirChangesAndMatchTheRules() {
        for (int seed = 1; seed <= TENANTS; seed++) {
            Random random = new Random(seed);
            Tenant tenant = Tenant.random(random);
            ActualDirectory directory = startingDirectory(random);
            Set<UUID> held = new HashSet<>();
            for (int run = 0; run < RUNS_PER_TENANT; run++) {
                UserSyncSettings users = userSettings(random, tenant);
                GroupSyncSettings groups = groupSettings(random, tenant);
                Snapshot snapshot = tenant.snapshot();
                Guard guard = guard(random, held);
                String where = "seed " + seed + " run " + run;

                Plan plan = Planner.plan(snapshot, directory, users, groups, guard);
                ownsWhatItTouches(directory, plan, where);
                holdsOnlyWhatTheGuardSays(directory, plan, guard, where);
                ActualDirectory after = InMemoryApply.apply(directory, plan);
                held = heldIds(plan);

                Plan again = Planner.plan(snapshot, after, users, groups, guard(random, held));
                assertThat(again.changes())
                        .as(where + ": planning again after a sync\n" + plan.render() + "\nand then:\n"
                                + again.render())
                        .isEmpty();
                assertThat(heldIds(again))
                        .as(where + ": the same deletions stay held")
                        .isEqualTo(held);
                keepsInvariants(directory, after, where);
                Set<String> heldSources = heldSources(plan);
                matchesTheRules(snapshot, directory, after, plan, users, heldSources, where);
                groupsMatchTheRules(snapshot, after, plan, users, groups, heldSources, where);

                switch (random.nextInt(3)) {
                    case 0 -> {
                        after = approve(after, held);
                        held = new HashSet<>();
                    }
                    case 1 -> held = new HashSet<>();
                    default -> {}
                }
                directory = adminChanges(random, after);
                tenant.change(random);
            }
        }
    }

    /**
     * Issue 15 point 6: a plan of the touched objects only (their users, the groups with a touched
     * member or a changed membership, with the groups above them, and the objects the last plan
     * failed) equals the whole tenant's plan
     * whenever the whole plan changes, holds and fails nothing outside them, or says it cannot tell.
     */
    @Test
    void aFocusedPlanOfASmallDeltaEqualsTheWholePlanOnItsObjects_X3() {
        int compared = 0;
        int partial = 0;
        for (int seed = 1; seed <= 2 * TENANTS; seed++) {
            Random random = new Random(seed);
            Tenant tenant = Tenant.random(random);
            UserSyncSettings users = userSettings(random, tenant);
            GroupSyncSettings groups = groupSettings(random, tenant);
            Guard guard = guard(random, Set.of());
            ActualDirectory directory = startingDirectory(random);
            directory = InMemoryApply.apply(directory, Planner.plan(tenant.snapshot(), directory, users, groups));
            Plan last = Planner.plan(tenant.snapshot(), directory, users, groups);
            directory = InMemoryApply.apply(directory, last);
            Snapshot before = tenant.snapshot();
            tenant.change(random);
            Snapshot after = tenant.snapshot();
            Planner.Focus focus = touched(before, after, last.failures());
            String where = "seed " + seed + " focus " + focus;

            Plan whole = Planner.plan(after, directory, users, groups, guard);
            boolean onlyFocused = whole.changes().stream().allMatch(c -> inFocus(focus, c))
                    && whole.held().stream().allMatch(c -> inFocus(focus, c))
                    && whole.failures().stream().allMatch(f -> inFocus(focus, f.objectType(), f.sourceId()));
            Snapshot focused = new Snapshot(
                    after.users().stream()
                            .filter(u -> focus.users().contains(u.id()))
                            .toList(),
                    mirroredFor(after.groups(), focus, directory));
            Optional<Plan> plan = Planner.planFocused(focused, directory, users, groups, guard, focus);
            int[] numbersRead = {0};
            ActualDirectory part = part(directory, Planner.needs(focused, users, focus), numbersRead);
            assertThat(Planner.planFocused(focused, part, users, groups, guard, focus))
                    .as(where + ": planned against the part of the directory the focus needs")
                    .isEqualTo(plan);
            assertThat(numbersRead[0])
                    .as(where + ": the numbers in use are read once at most")
                    .isLessThanOrEqualTo(1);
            if (part.extensions().size() < directory.extensions().size()) {
                partial++;
            }
            if (!onlyFocused || plan.isEmpty()) {
                continue;
            }
            compared++;
            assertThat(plan.get().changes()).as(where).isEqualTo(whole.changes());
            assertThat(plan.get().held()).as(where).isEqualTo(whole.held());
            assertThat(plan.get().failures())
                    .as(where + ": a user waiting for an untouched extension fails at once")
                    .containsExactlyInAnyOrderElementsOf(whole.failures());
            assertThat(plan.get().guard()).as(where).isEqualTo(whole.guard());
            assertThat(plan.get().unchanged())
                    .as(where)
                    .isEqualTo(whole.unchanged().stream()
                            .filter(u -> inFocus(focus, u.objectType(), u.sourceId()))
                            .toList());
        }
        assertThat(compared).as("deltas compared").isGreaterThan(TENANTS);
        assertThat(partial).as("deltas planned against a part of the directory").isGreaterThan(TENANTS);
    }

    /**
     * The groups as {@code sync.TenantMirror} reads them for a focus: every group with its member
     * groups; all the users of the focused groups without a synced extension group yet (they may be
     * created) and of those nested in them, of the others only the focused users.
     */
    private static List<EntraGroup> mirroredFor(
            List<EntraGroup> groups, Planner.Focus focus, ActualDirectory directory) {
        Map<String, EntraGroup> byId = groups.stream().collect(Collectors.toMap(EntraGroup::id, g -> g));
        Set<String> whole = new HashSet<>();
        List<String> todo = new ArrayList<>(focus.groups());
        directory.groups().stream().filter(ExtensionGroup::synced).forEach(g -> todo.remove(g.sourceId()));
        while (!todo.isEmpty()) {
            String id = todo.remove(todo.size() - 1);
            if (whole.add(id) && byId.containsKey(id)) {
                todo.addAll(byId.get(id).memberGroupIds());
            }
        }
        return groups.stream()
                .map(g -> whole.contains(g.id())
                        ? g
                        : g.withMembers(
                                g.memberUserIds().stream()
                                        .filter(focus.users()::contains)
                                        .collect(Collectors.toSet()),
                                g.memberGroupIds()))
                .toList();
    }

    /**
     * The part of a directory that a database read by {@link Planner.Needs} returns: the extensions
     * of its Entra users, email keys and numbers; every group, those of the needs listing their
     * members among these extensions, the others none; the counts of the whole, and its numbers
     * when asked.
     */
    private static ActualDirectory part(ActualDirectory whole, Planner.Needs needs, int[] numbersRead) {
        List<Extension> extensions = whole.extensions().stream()
                .filter(e -> e.sourceId() != null && needs.userSourceIds().contains(e.sourceId())
                        || e.email() != null && needs.emailKeys().contains(Email.key(e.email()))
                        || needs.numbers().contains(e.number()))
                .toList();
        Set<UUID> listed = extensions.stream().map(Extension::id).collect(Collectors.toSet());
        Map<UUID, Integer> counts = new HashMap<>();
        List<ExtensionGroup> groups = whole.groups().stream()
                .map(g -> {
                    boolean listing = g.sourceId() != null && needs.groups().contains(g.sourceId());
                    if (listing) {
                        counts.put(g.id(), g.memberIds().size());
                    }
                    return new ExtensionGroup(
                            g.id(),
                            g.name(),
                            g.origin(),
                            g.sourceId(),
                            listing
                                    ? g.memberIds().stream()
                                            .filter(listed::contains)
                                            .toList()
                                    : List.of());
                })
                .toList();
        return new ActualDirectory(
                extensions,
                groups,
                counts,
                whole.capacity(),
                whole.extensionCount(),
                whole.syncedExtensionCount(),
                () -> {
                    numbersRead[0]++;
                    return whole.numbersInUse().get();
                });
    }

    /** The users and groups a change of the tenant touched, as {@code sync.Touched} counts them, with the groups above them. */
    private static Planner.Focus touched(Snapshot before, Snapshot after, List<Failure> waiting) {
        Map<String, EntraUser> was = before.users().stream().collect(Collectors.toMap(EntraUser::id, u -> u));
        Map<String, EntraUser> is = after.users().stream().collect(Collectors.toMap(EntraUser::id, u -> u));
        Map<String, EntraGroup> wasGroups = before.groups().stream().collect(Collectors.toMap(EntraGroup::id, g -> g));
        Map<String, EntraGroup> isGroups = after.groups().stream().collect(Collectors.toMap(EntraGroup::id, g -> g));
        Set<String> users = new HashSet<>();
        Set<String> groups = new HashSet<>();
        Set<String> allUsers = new HashSet<>(was.keySet());
        allUsers.addAll(is.keySet());
        allUsers.stream().filter(id -> !Objects.equals(was.get(id), is.get(id))).forEach(users::add);
        Set<String> allGroups = new HashSet<>(wasGroups.keySet());
        allGroups.addAll(isGroups.keySet());
        for (String id : allGroups) {
            EntraGroup a = wasGroups.get(id);
            EntraGroup b = isGroups.get(id);
            if (Objects.equals(a, b)) {
                continue;
            }
            groups.add(id);
            Set<String> diff = new HashSet<>(a == null ? Set.of() : a.memberUserIds());
            Set<String> other = b == null ? Set.of() : b.memberUserIds();
            Set<String> common = new HashSet<>(diff);
            common.retainAll(other);
            diff.addAll(other);
            diff.removeAll(common);
            users.addAll(diff);
        }
        waiting.forEach(f -> (f.objectType() == ObjectType.GROUP ? groups : users).add(f.sourceId()));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (EntraGroup g : after.groups()) {
                if (!groups.contains(g.id())
                        && (g.memberUserIds().stream().anyMatch(users::contains)
                                || g.memberGroupIds().stream().anyMatch(groups::contains))) {
                    grew = groups.add(g.id());
                }
            }
        }
        return new Planner.Focus(users, groups);
    }

    private static boolean inFocus(Planner.Focus focus, Change c) {
        return inFocus(focus, c.kind().objectType(), c.sourceId());
    }

    private static boolean inFocus(Planner.Focus focus, ObjectType type, String sourceId) {
        return type == ObjectType.GROUP
                ? focus.groups().contains(sourceId)
                : focus.users().contains(sourceId);
    }

    /** No guard, a strict one or the default, with the deletions held so far. */
    private static Guard guard(Random r, Set<UUID> held) {
        return switch (r.nextInt(3)) {
            case 0 -> new Guard(false, 10, 10, held);
            case 1 -> new Guard(true, r.nextInt(30), 1 + r.nextInt(3), held);
            default -> new Guard(true, 10, 10, held);
        };
    }

    private static Set<UUID> heldIds(Plan plan) {
        Set<UUID> ids = new HashSet<>();
        for (Change c : plan.held()) {
            ids.add(c instanceof DeleteExtension d ? d.extensionId() : ((DeleteGroup) c).groupId());
        }
        return ids;
    }

    private static Set<String> heldSources(Plan plan) {
        return plan.held().stream()
                .filter(DeleteExtension.class::isInstance)
                .map(Change::sourceId)
                .collect(Collectors.toSet());
    }

    /** The admin approves every held deletion: the objects go, and so do their group memberships. */
    private static ActualDirectory approve(ActualDirectory d, Set<UUID> held) {
        List<Extension> extensions =
                d.extensions().stream().filter(e -> !held.contains(e.id())).toList();
        List<ExtensionGroup> groups = d.groups().stream()
                .filter(g -> !held.contains(g.id()))
                .map(g -> new ExtensionGroup(
                        g.id(),
                        g.name(),
                        g.origin(),
                        g.sourceId(),
                        g.memberIds().stream().filter(m -> !held.contains(m)).toList()))
                .toList();
        return new ActualDirectory(extensions, groups, d.capacity());
    }

    /**
     * X2: a kind's deletions are all held when they cross the threshold, else only those held
     * earlier; a held deletion is a planned deletion of a synced object that is not applied.
     */
    private static void holdsOnlyWhatTheGuardSays(ActualDirectory before, Plan plan, Guard guard, String where) {
        int syncedExtensions =
                (int) before.extensions().stream().filter(Extension::synced).count();
        int syncedGroups =
                (int) before.groups().stream().filter(ExtensionGroup::synced).count();
        List<DeleteExtension> heldExtensions = plan.held().stream()
                .filter(DeleteExtension.class::isInstance)
                .map(DeleteExtension.class::cast)
                .toList();
        List<DeleteGroup> heldGroups = plan.held().stream()
                .filter(DeleteGroup.class::isInstance)
                .map(DeleteGroup.class::cast)
                .toList();
        int extensionDeletions =
                heldExtensions.size() + plan.changes(DeleteExtension.class).size();
        int groupDeletions = heldGroups.size() + plan.changes(DeleteGroup.class).size();
        if (Guard.crosses(guard.enabled(), guard.percent(), guard.minimum(), extensionDeletions, syncedExtensions)) {
            assertThat(plan.changes(DeleteExtension.class))
                    .as(where + " all held")
                    .isEmpty();
        } else {
            assertThat(heldExtensions)
                    .as(where + ": below the threshold only earlier held ones are held")
                    .allMatch(d -> guard.held().contains(d.extensionId()));
        }
        if (Guard.crosses(guard.enabled(), guard.percent(), guard.minimum(), groupDeletions, syncedGroups)) {
            assertThat(plan.changes(DeleteGroup.class)).as(where + " all held").isEmpty();
        } else {
            assertThat(heldGroups).allMatch(d -> guard.held().contains(d.groupId()));
        }
        Set<UUID> synced = new HashSet<>();
        before.extensions().stream().filter(Extension::synced).forEach(e -> synced.add(e.id()));
        before.groups().stream().filter(ExtensionGroup::synced).forEach(g -> synced.add(g.id()));
        assertThat(heldIds(plan)).as(where + ": only synced objects are held").isSubsetOf(synced);
    }

    private static void ownsWhatItTouches(ActualDirectory before, Plan plan, String where) {
        Map<UUID, Extension> extensions = before.extensions().stream().collect(Collectors.toMap(Extension::id, e -> e));
        Map<UUID, ExtensionGroup> groups =
                before.groups().stream().collect(Collectors.toMap(ExtensionGroup::id, g -> g));
        Set<UUID> releasedEarlier = new HashSet<>();
        for (Change c : plan.changes()) {
            if (c instanceof ReleaseExtension r) {
                releasedEarlier.add(r.extensionId());
            }
            if (c instanceof DeleteExtension d) {
                assertThat(extensions.get(d.extensionId()).synced())
                        .as(where + " " + c.render())
                        .isTrue();
            } else if (c instanceof ReleaseExtension r) {
                assertThat(extensions.get(r.extensionId()).synced())
                        .as(where + " " + c.render())
                        .isTrue();
            } else if (c instanceof UpdateExtension u) {
                assertThat(extensions.get(u.extensionId()).sourceId()).as(where).isEqualTo(u.sourceId());
            } else if (c instanceof AssociateExtension a) {
                assertThat(!extensions.get(a.extensionId()).synced() || releasedEarlier.contains(a.extensionId()))
                        .as(where + ": only a local extension is associated: " + c.render())
                        .isTrue();
            } else if (c instanceof DeleteGroup d) {
                assertThat(groups.get(d.groupId()).synced())
                        .as(where + " " + c.render())
                        .isTrue();
            } else if (c instanceof ReleaseGroup r) {
                assertThat(groups.get(r.groupId()).synced())
                        .as(where + " " + c.render())
                        .isTrue();
            } else if (c instanceof UpdateGroup u) {
                assertThat(groups.get(u.groupId()).sourceId()).as(where).isEqualTo(u.sourceId());
            }
        }
        Set<UUID> survivors = new HashSet<>(extensions.keySet());
        plan.changes(DeleteExtension.class).forEach(d -> survivors.remove(d.extensionId()));
        before.extensions().stream()
                .filter(e -> !e.synced())
                .forEach(e -> assertThat(survivors)
                        .as(where + ": local extensions are never deleted")
                        .contains(e.id()));
    }

    private static void keepsInvariants(ActualDirectory before, ActualDirectory after, String where) {
        List<Extension> all = after.extensions();
        assertThat(all.stream().map(Extension::number).distinct().count())
                .as(where + " unique numbers")
                .isEqualTo(all.size());
        List<String> emails = all.stream()
                .map(Extension::email)
                .filter(Objects::nonNull)
                .map(e -> e.toLowerCase(Locale.ROOT))
                .toList();
        assertThat(new HashSet<>(emails)).as(where + " unique emails").hasSize(emails.size());
        assertThat(all).allSatisfy(e -> assertThat(e.number()).matches("\\d{1,15}"));
        if (before.extensions().size() <= before.capacity()) {
            assertThat(all.size()).as(where + " capacity").isLessThanOrEqualTo(after.capacity());
        }
        if (before.groups().size() <= ExtensionGroup.MAX_GROUPS) {
            assertThat(after.groups().size()).as(where + " group limit").isLessThanOrEqualTo(ExtensionGroup.MAX_GROUPS);
        }
        List<String> names = after.groups().stream()
                .map(g -> g.name().toLowerCase(Locale.ROOT))
                .toList();
        assertThat(new HashSet<>(names)).as(where + " unique group names").hasSize(names.size());
    }

    /** An independent reading of SPEC §2 checked against the directory the sync produced. */
    private static void matchesTheRules(
            Snapshot snapshot,
            ActualDirectory before,
            ActualDirectory after,
            Plan plan,
            UserSyncSettings s,
            Set<String> heldSources,
            String where) {
        if (!s.enabled()) {
            return;
        }
        Map<String, EntraUser> users = snapshot.users().stream().collect(Collectors.toMap(EntraUser::id, u -> u));
        Map<String, EntraGroup> groups = snapshot.groups().stream().collect(Collectors.toMap(EntraGroup::id, g -> g));
        boolean rangeReadable = s.range() != UserRange.GROUPS || groups.keySet().containsAll(s.groupIds());
        Set<String> eligible = snapshot.users().stream()
                .filter(u -> inRange(u, s, groups))
                .filter(u -> u.accountEnabled() || !s.deleteWhenAccount().contains(AccountState.DISABLED))
                .map(EntraUser::id)
                .collect(Collectors.toSet());
        Map<String, Extension> synced = after.extensions().stream()
                .filter(Extension::synced)
                .collect(Collectors.toMap(Extension::sourceId, e -> e));
        Map<String, String> failed = plan.failures().stream()
                .filter(f -> f.objectType().name().equals("USER"))
                .collect(Collectors.toMap(Failure::sourceId, f -> f.code().name()));
        Map<String, Extension> syncedBefore = before.extensions().stream()
                .filter(Extension::synced)
                .collect(Collectors.toMap(Extension::sourceId, e -> e));

        for (String id : eligible) {
            EntraUser u = users.get(id);
            if (failed.containsKey(id)) {
                assertThat(failed.get(id))
                        .as(where + " failure code of " + id)
                        .isIn("EMAIL_TAKEN", "NUMBER_TAKEN", "NUMBER_INVALID", "CAPACITY_REACHED");
                if (failed.get(id).equals("CAPACITY_REACHED")) {
                    assertThat(after.extensions())
                            .as(where + " capacity really reached")
                            .hasSize(after.capacity());
                }
                if (failed.get(id).equals("NUMBER_INVALID")) {
                    assertThat(expectedPropertyNumber(u, s)).as(where).isNull();
                }
                continue;
            }
            Extension e = synced.get(id);
            assertThat(e)
                    .as(where + ": eligible user " + id + " has a synced extension\n" + plan.render())
                    .isNotNull();
            assertThat(e.firstName()).as(where).isEqualTo(expectedFirstName(u));
            assertThat(e.lastName()).as(where).isEqualTo(blankToNull(u.surname()));
            assertThat(e.email()).as(where).isEqualTo(blankToNull(u.mail()));
            assertThat(e.mobileNumber()).as(where).isEqualTo(blankToNull(u.mobilePhone()));
            assertThat(e.jobTitle()).as(where).isEqualTo(blankToNull(u.jobTitle()));
            if (s.numberSource() == NumberSource.PROPERTY) {
                assertThat(e.number()).as(where).isEqualTo(expectedPropertyNumber(u, s));
                assertThat(e.numberFromSource()).isTrue();
            } else if (syncedBefore.containsKey(id) && !syncedBefore.get(id).numberFromSource()) {
                assertThat(e.number())
                        .as(where + ": an auto number never changes")
                        .isEqualTo(syncedBefore.get(id).number());
            } else if (syncedBefore.containsKey(id)
                    || before.extensions().stream().anyMatch(x -> x.id().equals(e.id()))) {
                assertThat(e.number()).isNotBlank();
            } else {
                assertThat(Long.parseLong(e.number()))
                        .as(where)
                        .isGreaterThanOrEqualTo(Long.parseLong(s.startNumber().value()));
                assertThat(e.number().length())
                        .as(where + ": an auto number keeps the start number's width, leading zeros included")
                        .isGreaterThanOrEqualTo(s.startNumber().value().length());
            }
        }
        for (Map.Entry<String, Extension> entry : synced.entrySet()) {
            String id = entry.getKey();
            boolean stays = eligible.contains(id)
                    || heldSources.contains(id)
                    || (!rangeReadable
                            && users.containsKey(id)
                            && (users.get(id).accountEnabled()
                                    || !s.deleteWhenAccount().contains(AccountState.DISABLED)));
            assertThat(stays)
                    .as(where + ": extension of " + id + " is still synced only while its user is eligible")
                    .isTrue();
        }
    }

    /**
     * An independent reading of SPEC §3 (G2, G4) and of the failure codes of §2: a synced group's
     * members are exactly the synced extensions of its Entra members (nested ones with X8), a group
     * fails for the limit only when 63 groups exist, and a user fails for a taken email or number
     * only when another extension holds it.
     */
    private static void groupsMatchTheRules(
            Snapshot snapshot,
            ActualDirectory after,
            Plan plan,
            UserSyncSettings users,
            GroupSyncSettings groups,
            Set<String> heldSources,
            String where) {
        Map<String, EntraGroup> entraGroups =
                snapshot.groups().stream().collect(Collectors.toMap(EntraGroup::id, g -> g));
        Map<String, UUID> extensionOfUser = after.extensions().stream()
                .filter(Extension::synced)
                .collect(Collectors.toMap(Extension::sourceId, Extension::id));
        Set<UUID> heldExtensions = new HashSet<>();
        heldSources.forEach(id -> heldExtensions.add(extensionOfUser.get(id)));
        if (groups.enabled()) {
            for (ExtensionGroup g : after.groups()) {
                EntraGroup source = g.synced() ? entraGroups.get(g.sourceId()) : null;
                if (source == null || heldIds(plan).contains(g.id())) {
                    continue;
                }
                Set<UUID> expected = new HashSet<>();
                for (EntraUser u : snapshot.users()) {
                    if (extensionOfUser.containsKey(u.id())
                            && !heldSources.contains(u.id())
                            && reachable(source, u.id(), entraGroups, users.nestedGroups(), new HashSet<>())) {
                        expected.add(extensionOfUser.get(u.id()));
                    }
                }
                Set<UUID> actualMembers = new HashSet<>(g.memberIds());
                actualMembers.removeAll(heldExtensions);
                assertThat(actualMembers)
                        .as(where + ": members of synced group " + g.name() + " (held extensions aside)\n"
                                + plan.render())
                        .isEqualTo(expected);
            }
        }
        for (Failure f : plan.failures()) {
            switch (f.code().name()) {
                case "GROUP_LIMIT_REACHED" ->
                    assertThat(after.groups())
                            .as(where + ": the limit is really reached for " + f.sourceId())
                            .hasSize(ExtensionGroup.MAX_GROUPS);
                case "EMAIL_TAKEN" -> {
                    EntraUser u = snapshot.users().stream()
                            .filter(x -> x.id().equals(f.sourceId()))
                            .findFirst()
                            .orElseThrow();
                    assertThat(after.extensions())
                            .as(where + ": another extension holds the email of " + u.id())
                            .anyMatch(e -> e.email() != null
                                    && e.email().equalsIgnoreCase(u.mail().strip())
                                    && !u.id().equals(e.sourceId()));
                }
                case "NUMBER_TAKEN" -> {
                    EntraUser u = snapshot.users().stream()
                            .filter(x -> x.id().equals(f.sourceId()))
                            .findFirst()
                            .orElseThrow();
                    String number = expectedPropertyNumber(u, users);
                    assertThat(after.extensions())
                            .as(where + ": another extension holds number " + number + " of " + u.id())
                            .anyMatch(e -> e.number().equals(number) && !u.id().equals(e.sourceId()));
                }
                default -> {}
            }
        }
    }

    private static boolean inRange(EntraUser u, UserSyncSettings s, Map<String, EntraGroup> groups) {
        return switch (s.range()) {
            case ALL -> true;
            case USER_TYPES -> s.userTypes().contains(u.userType());
            case GROUPS ->
                s.groupIds().stream()
                        .map(groups::get)
                        .filter(Objects::nonNull)
                        .anyMatch(g -> reachable(g, u.id(), groups, s.nestedGroups(), new HashSet<>()));
        };
    }

    private static boolean reachable(
            EntraGroup g, String user, Map<String, EntraGroup> groups, boolean nested, Set<String> seen) {
        if (!seen.add(g.id())) {
            return false;
        }
        if (g.memberUserIds().contains(user)) {
            return true;
        }
        return nested
                && g.memberGroupIds().stream()
                        .map(groups::get)
                        .filter(Objects::nonNull)
                        .anyMatch(inner -> reachable(inner, user, groups, true, seen));
    }

    private static String expectedFirstName(EntraUser u) {
        String given = blankToNull(u.givenName());
        return given == null && blankToNull(u.surname()) == null ? blankToNull(u.displayName()) : given;
    }

    private static String expectedPropertyNumber(EntraUser u, UserSyncSettings s) {
        String raw = switch (s.numberProperty()) {
            case "employeeId" -> u.employeeId();
            case "businessPhones" ->
                u.businessPhones().isEmpty() ? null : u.businessPhones().get(0);
            default -> u.extensionAttributes().get("extensionAttribute1");
        };
        if (raw == null) {
            return null;
        }
        String n = Normalizer.normalize(raw, Normalizer.Form.NFKC).trim();
        return n.matches("[0-9]{1,15}") ? n : null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    // ---------------------------------------------------------------- generators

    private static ActualDirectory startingDirectory(Random r) {
        List<Extension> extensions = new ArrayList<>();
        int locals = r.nextInt(6);
        for (int i = 0; i < locals; i++) {
            extensions.add(local(r, extensions));
        }
        List<ExtensionGroup> groups = new ArrayList<>();
        int localGroups = r.nextInt(6) == 0 ? 58 + r.nextInt(5) : r.nextInt(3);
        for (int i = 0; i < localGroups; i++) {
            groups.add(new ExtensionGroup(
                    UUID.randomUUID(),
                    pick(r, new String[] {"Sales", "Ops", "Team 1", "sales"}) + i,
                    Origin.LOCAL,
                    null,
                    List.of()));
        }
        return new ActualDirectory(extensions, groups, 8 + r.nextInt(30));
    }

    private static Extension local(Random r, List<Extension> existing) {
        Set<String> numbers = existing.stream().map(Extension::number).collect(Collectors.toSet());
        Set<String> emails = existing.stream()
                .map(Extension::email)
                .filter(Objects::nonNull)
                .map(e -> e.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        String number = r.nextInt(3) == 0 ? "0" + (100 + r.nextInt(12)) : String.valueOf(1000 + r.nextInt(12));
        for (int next = 1000; numbers.contains(number); next++) {
            number = String.valueOf(next);
        }
        String email = r.nextInt(3) == 0 ? "user" + r.nextInt(15) + "@Contoso.example" : null;
        if (email != null && emails.contains(email.toLowerCase(Locale.ROOT))) {
            email = null;
        }
        return new Extension(
                UUID.randomUUID(),
                number,
                "Local",
                null,
                email,
                null,
                null,
                Presence.AVAILABLE,
                Origin.LOCAL,
                null,
                false,
                Instant.EPOCH,
                Instant.EPOCH);
    }

    private static ActualDirectory adminChanges(Random r, ActualDirectory d) {
        List<Extension> extensions = new ArrayList<>(d.extensions());
        if (r.nextInt(4) == 0 && extensions.size() < d.capacity()) {
            extensions.add(local(r, extensions));
        }
        return new ActualDirectory(extensions, d.groups(), d.capacity());
    }

    private static UserSyncSettings userSettings(Random r, Tenant t) {
        if (r.nextInt(8) == 0) {
            return UserSyncSettings.DEFAULT;
        }
        UserRange range = pick(r, UserRange.values());
        Set<UserType> types = EnumSet.of(pick(r, UserType.values()));
        List<String> groupIds = new ArrayList<>();
        if (range == UserRange.GROUPS) {
            groupIds.add(r.nextInt(5) == 0 ? "vanished-group" : "g" + r.nextInt(Math.max(1, t.groupCount)));
        }
        NumberSource source = r.nextInt(3) == 0 ? NumberSource.PROPERTY : NumberSource.AUTO;
        Set<AccountState> deleteWhen = EnumSet.noneOf(AccountState.class);
        if (r.nextBoolean()) {
            deleteWhen.add(AccountState.DISABLED);
        }
        if (r.nextBoolean()) {
            deleteWhen.add(AccountState.DELETED);
        }
        return UserSyncSettings.of(
                true,
                range,
                types,
                groupIds,
                source,
                r.nextInt(3) == 0 ? "0" + (100 + r.nextInt(5)) : String.valueOf(1000 + r.nextInt(5)),
                pick(r, new String[] {
                    "employeeId", "businessPhones", "onPremisesExtensionAttributes.extensionAttribute1"
                }),
                deleteWhen,
                r.nextBoolean(),
                false,
                pick(r, WhenOutOfScope.values()),
                r.nextBoolean());
    }

    private static GroupSyncSettings groupSettings(Random r, Tenant t) {
        if (r.nextInt(4) == 0) {
            return GroupSyncSettings.DEFAULT;
        }
        GroupRange range = pick(r, GroupRange.values());
        return GroupSyncSettings.of(
                true,
                range,
                EnumSet.of(pick(r, GroupType.values())),
                List.of("g" + r.nextInt(Math.max(1, t.groupCount))),
                pick(r, WhenOutOfScope.values()));
    }

    private static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    /** A mutable random tenant. */
    private static final class Tenant {
        final Map<String, EntraUser> users = new HashMap<>();
        final Map<String, EntraGroup> groups = new HashMap<>();
        int userCount;
        int groupCount;

        static Tenant random(Random r) {
            Tenant t = new Tenant();
            int n = r.nextInt(25);
            for (int i = 0; i < n; i++) {
                t.addUser(r);
            }
            int g = r.nextInt(6);
            for (int i = 0; i < g; i++) {
                t.addGroup(r);
            }
            return t;
        }

        Snapshot snapshot() {
            return new Snapshot(new ArrayList<>(users.values()), new ArrayList<>(groups.values()));
        }

        void addUser(Random r) {
            String id = "u" + userCount++;
            users.put(
                    id,
                    randomUser(r, id, Instant.parse("2015-01-01T00:00:00Z").plusSeconds(r.nextInt(5) * 86_400L * 365)));
        }

        void addGroup(Random r) {
            String id = "g" + groupCount++;
            Set<String> members =
                    users.keySet().stream().filter(u -> r.nextInt(3) == 0).collect(Collectors.toSet());
            Set<String> nested =
                    groups.keySet().stream().filter(g -> r.nextInt(4) == 0).collect(Collectors.toSet());
            groups.put(
                    id,
                    new EntraGroup(
                            id,
                            pick(r, new String[] {"Sales", "sales", "Ops", "Team 1", "Engineering"}),
                            r.nextBoolean() ? List.of("Unified") : List.of(),
                            r.nextBoolean(),
                            r.nextBoolean(),
                            Instant.parse("2018-01-01T00:00:00Z").plusSeconds(r.nextInt(1000) * 3600L),
                            members,
                            nested));
        }

        void change(Random r) {
            int changes = 1 + r.nextInt(5);
            for (int i = 0; i < changes; i++) {
                List<String> ids = new ArrayList<>(users.keySet());
                ids.sort(null);
                switch (r.nextInt(6)) {
                    case 0 -> addUser(r);
                    case 1 -> {
                        if (!ids.isEmpty()) {
                            String id = ids.get(r.nextInt(ids.size()));
                            users.remove(id);
                            groups.replaceAll((gid, g) -> g.withMembers(
                                    g.memberUserIds().stream()
                                            .filter(m -> !m.equals(id))
                                            .collect(Collectors.toSet()),
                                    g.memberGroupIds()));
                        }
                    }
                    case 2 -> {
                        if (!ids.isEmpty()) {
                            String id = ids.get(r.nextInt(ids.size()));
                            users.put(id, randomUser(r, id, users.get(id).createdDateTime()));
                        }
                    }
                    case 3 -> addGroup(r);
                    case 4 -> {
                        if (!groups.isEmpty() && !ids.isEmpty()) {
                            List<String> gids = new ArrayList<>(groups.keySet());
                            gids.sort(null);
                            EntraGroup g = groups.get(gids.get(r.nextInt(gids.size())));
                            Set<String> members = new HashSet<>(g.memberUserIds());
                            String who = ids.get(r.nextInt(ids.size()));
                            if (!members.remove(who)) {
                                members.add(who);
                            }
                            groups.put(
                                    g.id(),
                                    new EntraGroup(
                                            g.id(),
                                            g.displayName(),
                                            g.groupTypes(),
                                            g.securityEnabled(),
                                            g.mailEnabled(),
                                            g.createdDateTime(),
                                            members,
                                            g.memberGroupIds()));
                        }
                    }
                    default -> {
                        if (!groups.isEmpty()) {
                            List<String> gids = new ArrayList<>(groups.keySet());
                            gids.sort(null);
                            groups.remove(gids.get(r.nextInt(gids.size())));
                        }
                    }
                }
            }
        }

        private static EntraUser randomUser(Random r, String id, Instant created) {
            String given = pick(r, NAMES);
            String surname = r.nextInt(4) == 0 ? null : pick(r, NAMES);
            String mail =
                    r.nextInt(5) == 0 ? null : (r.nextBoolean() ? "USER" : "user") + r.nextInt(15) + "@contoso.example";
            String employeeId = switch (r.nextInt(5)) {
                case 0 -> null;
                case 1 -> "E" + r.nextInt(100);
                case 2 -> " " + (1000 + r.nextInt(20)) + " ";
                case 3 -> "１０" + r.nextInt(10);
                default -> String.valueOf(1000 + r.nextInt(20));
            };
            List<String> phones = r.nextBoolean() ? List.of(String.valueOf(1000 + r.nextInt(20))) : List.of();
            Map<String, String> attributes =
                    r.nextBoolean() ? Map.of("extensionAttribute1", String.valueOf(1000 + r.nextInt(20))) : Map.of();
            return new EntraUser(
                    id,
                    (given + " " + (surname == null ? "" : surname)).strip(),
                    given,
                    surname,
                    mail,
                    id + "@upn",
                    r.nextBoolean() ? "+1 555 01" + r.nextInt(10) : null,
                    phones,
                    r.nextBoolean() ? "Engineer" : null,
                    r.nextInt(4) == 0 ? UserType.GUEST : UserType.MEMBER,
                    r.nextInt(5) != 0,
                    created,
                    employeeId,
                    attributes);
        }
    }
}
