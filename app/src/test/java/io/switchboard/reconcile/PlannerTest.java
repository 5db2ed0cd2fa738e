package io.switchboard.reconcile;

import static io.switchboard.reconcile.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.directory.Extension;
import io.switchboard.directory.ExtensionGroup;
import io.switchboard.directory.Origin;
import io.switchboard.directory.Presence;
import io.switchboard.entra.EntraUser;
import io.switchboard.entra.EntraUser.UserType;
import io.switchboard.reconcile.Change.AssociateExtension;
import io.switchboard.reconcile.Change.CreateExtension;
import io.switchboard.reconcile.Change.CreateGroup;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private static ActualDirectory sync(
            Snapshot tenant, ActualDirectory start, UserSyncSettings u, GroupSyncSettings g) {
        return InMemoryApply.apply(start, Planner.plan(tenant, start, u, g));
    }

    private static Map<String, Extension> bySource(ActualDirectory d) {
        return d.extensions().stream()
                .filter(Extension::synced)
                .collect(Collectors.toMap(Extension::sourceId, Function.identity()));
    }

    @Test
    void mapsUserPropertiesToExtensionFields_U1() {
        EntraUser full = new EntraUser(
                "u1",
                "Alice Smith",
                "Alice",
                "Smith",
                "alice@contoso.example",
                "alice@upn",
                "+1 555 0100",
                List.of(),
                "Engineer",
                UserType.MEMBER,
                true,
                null,
                null,
                Map.of());
        EntraUser onlyDisplayName = new EntraUser(
                "u2",
                "Reception Desk",
                null,
                " ",
                null,
                "desk@upn",
                null,
                List.of(),
                null,
                UserType.MEMBER,
                true,
                null,
                null,
                Map.of());

        Plan plan = Planner.plan(
                new Snapshot(List.of(full, onlyDisplayName), List.of()),
                directory(List.of(), List.of()),
                allUsers(),
                noGroups());

        List<CreateExtension> created = plan.changes(CreateExtension.class);
        assertThat(created).hasSize(2);
        assertThat(created.get(0).input()).satisfies(in -> {
            assertThat(in.firstName()).isEqualTo("Alice");
            assertThat(in.lastName()).isEqualTo("Smith");
            assertThat(in.email()).isEqualTo("alice@contoso.example");
            assertThat(in.mobileNumber()).isEqualTo("+1 555 0100");
            assertThat(in.jobTitle()).isEqualTo("Engineer");
        });
        assertThat(created.get(1).input().firstName()).isEqualTo("Reception Desk");
        assertThat(created.get(1).input().email())
                .as("no fallback to userPrincipalName")
                .isNull();
        assertThat(plan.render()).contains("+ ext 1000 Alice Smith");
    }

    @Test
    void syncsOnlyUsersOfTheChosenTypes_U1() {
        Snapshot tenant = new Snapshot(List.of(user("m", null, 2020), guest(user("g", null, 2020))), List.of());
        UserSyncSettings guests = users(
                UserRange.USER_TYPES,
                Set.of(UserType.GUEST),
                null,
                NumberSource.AUTO,
                null,
                null,
                false,
                WhenOutOfScope.RELEASE,
                false);

        Plan plan = Planner.plan(tenant, directory(List.of(), List.of()), guests, noGroups());

        assertThat(plan.changes(CreateExtension.class))
                .extracting(CreateExtension::sourceId)
                .containsExactly("g");
    }

    @Test
    void syncsMembersOfRangeGroupsAndNestedOnesWhenAsked_U1_X8() {
        Snapshot tenant = new Snapshot(
                List.of(user("a", null, 2020), user("b", null, 2020), user("c", null, 2020)),
                List.of(
                        group("top", "Top", 2020, Set.of("a"), Set.of("inner")),
                        group("inner", "Inner", 2020, Set.of("b"), Set.of())));

        Plan direct = Planner.plan(
                tenant,
                directory(List.of(), List.of()),
                users(
                        UserRange.GROUPS,
                        null,
                        List.of("top"),
                        NumberSource.AUTO,
                        null,
                        null,
                        false,
                        WhenOutOfScope.RELEASE,
                        false),
                noGroups());
        Plan nested = Planner.plan(
                tenant,
                directory(List.of(), List.of()),
                users(
                        UserRange.GROUPS,
                        null,
                        List.of("top"),
                        NumberSource.AUTO,
                        null,
                        null,
                        false,
                        WhenOutOfScope.RELEASE,
                        true),
                noGroups());

        assertThat(direct.changes(CreateExtension.class))
                .extracting(CreateExtension::sourceId)
                .containsExactly("a");
        assertThat(nested.changes(CreateExtension.class))
                .extracting(CreateExtension::sourceId)
                .containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void assignsLowestFreeNumberAtOrAboveStartAndNeverChangesIt_U2() {
        Extension taken = local("1000", null);
        Snapshot first = new Snapshot(List.of(user("a", null, 2020), user("b", null, 2021)), List.of());

        ActualDirectory after =
                sync(first, directory(List.of(taken, local("1002", null)), List.of()), allUsers(), noGroups());
        assertThat(bySource(after).get("a").number()).isEqualTo("1001");
        assertThat(bySource(after).get("b").number()).isEqualTo("1003");

        Snapshot older =
                new Snapshot(List.of(user("a", null, 2020), user("b", null, 2021), user("old", null, 2001)), List.of());
        ActualDirectory again = sync(older, after, allUsers(), noGroups());
        assertThat(bySource(again).get("a").number()).isEqualTo("1001");
        assertThat(bySource(again).get("b").number()).isEqualTo("1003");
        assertThat(bySource(again).get("old").number()).isEqualTo("1004");
    }

    @Test
    void readsTheNumberFromAPropertyAndFailsBadOrTakenOnes_U2_U11() {
        Snapshot tenant = new Snapshot(
                List.of(
                        withEmployeeId(user("ok", null, 2020), " ２０４ "),
                        withEmployeeId(user("letters", null, 2020), "20x"),
                        withEmployeeId(user("missing", null, 2020), null),
                        withEmployeeId(user("local", null, 2020), "300"),
                        withEmployeeId(user("older", null, 2019), "400"),
                        withEmployeeId(user("younger", null, 2021), "400")),
                List.of());
        UserSyncSettings byEmployeeId = users(
                UserRange.ALL,
                null,
                null,
                NumberSource.PROPERTY,
                "employeeId",
                null,
                false,
                WhenOutOfScope.RELEASE,
                false);
        Extension localHolder = local("300", null);

        Plan plan = Planner.plan(tenant, directory(List.of(localHolder), List.of()), byEmployeeId, noGroups());

        assertThat(plan.changes(CreateExtension.class))
                .extracting(c -> c.sourceId() + "=" + c.input().number() + "/" + c.numberFromSource())
                .containsExactlyInAnyOrder("ok=204/true", "older=400/true");
        Map<String, String> codes = plan.failures().stream()
                .collect(Collectors.toMap(Failure::sourceId, f -> f.code().name()));
        assertThat(codes)
                .containsEntry("letters", "NUMBER_INVALID")
                .containsEntry("missing", "NUMBER_INVALID")
                .containsEntry("local", "NUMBER_TAKEN")
                .containsEntry("younger", "NUMBER_TAKEN");
    }

    @Test
    void disabledAndDeletedAccountsFollowTheirCheckboxes_U3() {
        Snapshot before = new Snapshot(List.of(user("d", null, 2020), user("gone", null, 2020)), List.of());
        ActualDirectory synced = sync(before, directory(List.of(), List.of()), allUsers(), noGroups());
        Snapshot after = new Snapshot(List.of(disabled(user("d", null, 2020))), List.of());

        Plan unchecked = Planner.plan(after, synced, allUsers(), noGroups());
        assertThat(unchecked.changes(DeleteExtension.class)).isEmpty();
        assertThat(unchecked.changes(ReleaseExtension.class))
                .extracting(ReleaseExtension::sourceId)
                .containsExactly("gone");

        UserSyncSettings both = users(
                UserRange.ALL,
                null,
                null,
                NumberSource.AUTO,
                null,
                Set.of(AccountState.DISABLED, AccountState.DELETED),
                false,
                WhenOutOfScope.RELEASE,
                false);
        Plan checked = Planner.plan(after, synced, both, noGroups());
        assertThat(checked.changes(DeleteExtension.class))
                .extracting(DeleteExtension::sourceId)
                .containsExactlyInAnyOrder("d", "gone");
        assertThat(checked.changes(DeleteExtension.class).get(0).reason()).isNotBlank();
    }

    @Test
    void associatesAnExistingExtensionWithTheSameEmailOnlyWhenOn_U4() {
        Extension existing = local("2000", "Alice@Contoso.example");
        Snapshot tenant = new Snapshot(List.of(user("alice", "alice@contoso.EXAMPLE", 2020)), List.of());

        Plan off = Planner.plan(tenant, directory(List.of(existing), List.of()), allUsers(), noGroups());
        assertThat(off.changes()).isEmpty();
        assertThat(off.failures())
                .singleElement()
                .extracting(f -> f.code().name())
                .isEqualTo("EMAIL_TAKEN");

        UserSyncSettings on =
                users(UserRange.ALL, null, null, NumberSource.AUTO, null, null, true, WhenOutOfScope.RELEASE, false);
        Plan plan = Planner.plan(tenant, directory(List.of(existing), List.of()), on, noGroups());
        AssociateExtension associate = plan.changes(AssociateExtension.class).get(0);
        assertThat(associate.extensionId()).isEqualTo(existing.id());
        assertThat(associate.input().number()).isEqualTo("2000");
        assertThat(associate.input().firstName()).isEqualTo("Givenalice");
    }

    @Test
    void usersLeavingTheRangeAreDeletedOrReleased_U6() {
        Snapshot tenant = new Snapshot(List.of(user("m", null, 2020), guest(user("g", null, 2020))), List.of());
        ActualDirectory synced = sync(tenant, directory(List.of(), List.of()), allUsers(), noGroups());

        UserSyncSettings membersDelete = users(
                UserRange.USER_TYPES,
                Set.of(UserType.MEMBER),
                null,
                NumberSource.AUTO,
                null,
                null,
                false,
                WhenOutOfScope.DELETE,
                false);
        UserSyncSettings membersRelease = users(
                UserRange.USER_TYPES,
                Set.of(UserType.MEMBER),
                null,
                NumberSource.AUTO,
                null,
                null,
                false,
                WhenOutOfScope.RELEASE,
                false);

        assertThat(Planner.plan(tenant, synced, membersDelete, noGroups()).changes(DeleteExtension.class))
                .extracting(DeleteExtension::sourceId)
                .containsExactly("g");
        assertThat(Planner.plan(tenant, synced, membersRelease, noGroups()).changes(ReleaseExtension.class))
                .extracting(ReleaseExtension::sourceId)
                .containsExactly("g");
    }

    @Test
    void capacityIsReachedByTheYoungestUsersAndExistingOnesKeepTheirPlace_U10_U11() {
        Snapshot tenant = new Snapshot(
                List.of(user("young", null, 2024), user("old", null, 2010), user("mid", null, 2015)), List.of());
        ActualDirectory start = new ActualDirectory(List.of(local("1", null)), List.of(), 3);

        Plan plan = Planner.plan(tenant, start, allUsers(), noGroups());

        assertThat(plan.changes(CreateExtension.class))
                .extracting(CreateExtension::sourceId)
                .containsExactly("old", "mid");
        assertThat(plan.failures()).singleElement().satisfies(f -> {
            assertThat(f.sourceId()).isEqualTo("young");
            assertThat(f.code().name()).isEqualTo("CAPACITY_REACHED");
        });
    }

    @Test
    void theOldestUserWinsASharedEmail_U11() {
        Snapshot tenant = new Snapshot(List.of(user("b", "Same@x.io", 2022), user("a", "same@X.io", 2021)), List.of());

        Plan plan = Planner.plan(tenant, directory(List.of(), List.of()), allUsers(), noGroups());

        assertThat(plan.changes(CreateExtension.class))
                .extracting(CreateExtension::sourceId)
                .containsExactly("a");
        assertThat(plan.failures())
                .extracting(Failure::sourceId, f -> f.code().name())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("b", "EMAIL_TAKEN"));
    }

    @Test
    void nothingIsDeletedOrReleasedWhenARangeGroupCannotBeRead_X2() {
        Snapshot tenant = new Snapshot(
                List.of(user("a", null, 2020), user("b", null, 2020)),
                List.of(group("range", "Range", 2020, Set.of("a", "b"), Set.of())));
        UserSyncSettings byGroup = users(
                UserRange.GROUPS,
                null,
                List.of("range"),
                NumberSource.AUTO,
                null,
                null,
                false,
                WhenOutOfScope.DELETE,
                false);
        ActualDirectory synced = sync(tenant, directory(List.of(), List.of()), byGroup, noGroups());
        Snapshot groupVanished = new Snapshot(tenant.users(), List.of());

        Plan plan = Planner.plan(groupVanished, synced, byGroup, noGroups());

        assertThat(plan.changes(DeleteExtension.class)).isEmpty();
        assertThat(plan.changes(ReleaseExtension.class)).isEmpty();
        assertThat(plan.failures())
                .singleElement()
                .extracting(f -> f.code().name())
                .isEqualTo("SOURCE_UNREADABLE");
    }

    @Test
    void onlySyncedExtensionsAreEverDeleted_X2() {
        Extension localOne = local("1000", "local@x.io");
        UserSyncSettings deleteAll = users(
                UserRange.USER_TYPES,
                Set.of(UserType.GUEST),
                null,
                NumberSource.AUTO,
                null,
                Set.of(AccountState.DELETED, AccountState.DISABLED),
                false,
                WhenOutOfScope.DELETE,
                false);

        Plan plan = Planner.plan(
                new Snapshot(List.of(), List.of()),
                directory(List.of(localOne), List.of(localGroup("L"))),
                deleteAll,
                allGroups(WhenOutOfScope.DELETE));

        assertThat(plan.changes()).isEmpty();
    }

    @Test
    void userSyncSwitchedOffPlansNothingForUsers_M4() {
        Snapshot tenant = new Snapshot(List.of(user("a", null, 2020)), List.of());

        assertThat(Planner.plan(tenant, directory(List.of(), List.of()), UserSyncSettings.DEFAULT, noGroups())
                        .isEmpty())
                .isTrue();
    }

    @Test
    void updatesChangedUserInformation_U1() {
        Snapshot before = new Snapshot(List.of(user("a", "Ann", "Lee", "ann@x.io", 2020)), List.of());
        ActualDirectory synced = sync(before, directory(List.of(), List.of()), allUsers(), noGroups());
        Snapshot renamed = new Snapshot(List.of(user("a", "Ann", "Wong", "ann@x.io", 2020)), List.of());

        Plan plan = Planner.plan(renamed, synced, allUsers(), noGroups());

        assertThat(plan.changes(UpdateExtension.class))
                .singleElement()
                .satisfies(u -> assertThat(u.render()).isEqualTo("~ ext 1000 Ann Wong lastName \"Lee\" → \"Wong\""));
        assertThat(Planner.plan(renamed, InMemoryApply.apply(synced, plan), allUsers(), noGroups())
                        .isEmpty())
                .isTrue();
    }

    @Test
    void groupsBecomeExtensionGroupsWithTheirSyncedMembers_G1_G4() {
        Snapshot tenant = new Snapshot(
                List.of(user("a", null, 2020), user("b", null, 2020)),
                List.of(
                        group("sec", "Security team", 2020, Set.of("a", "outsider"), Set.of()),
                        unified("m365", "All staff", Set.of("a", "b"))));
        UserSyncSettings onlyA = users(
                UserRange.GROUPS,
                null,
                List.of("sec"),
                NumberSource.AUTO,
                null,
                null,
                false,
                WhenOutOfScope.RELEASE,
                false);
        GroupSyncSettings m365 =
                GroupSyncSettings.of(true, GroupRange.GROUP_TYPES, Set.of(GroupType.MICROSOFT_365), null, null);

        Plan plan = Planner.plan(tenant, directory(List.of(), List.of()), onlyA, m365);

        assertThat(plan.changes(CreateGroup.class)).singleElement().satisfies(g -> {
            assertThat(g.displayName()).isEqualTo("All staff");
            assertThat(g.memberSourceIds()).containsExactly("a");
        });
    }

    @Test
    void theSixtyFourthGroupFailsAndSyncedGroupsKeepTheirPlace_G2_G6() {
        List<ExtensionGroup> locals = new ArrayList<>();
        for (int i = 0; i < 61; i++) {
            locals.add(localGroup("Local " + i));
        }
        Snapshot tenant = new Snapshot(
                List.of(),
                List.of(
                        group("new", "Newest", 2024, Set.of(), Set.of()),
                        group("old", "Oldest", 2001, Set.of(), Set.of()),
                        group("mid", "Middle", 2010, Set.of(), Set.of())));

        Plan plan = Planner.plan(
                tenant, directory(List.of(), locals), UserSyncSettings.DEFAULT, allGroups(WhenOutOfScope.RELEASE));

        assertThat(plan.changes(CreateGroup.class))
                .extracting(CreateGroup::sourceId)
                .containsExactly("old", "mid");
        assertThat(plan.failures()).singleElement().satisfies(f -> {
            assertThat(f.sourceId()).isEqualTo("new");
            assertThat(f.code().name()).isEqualTo("GROUP_LIMIT_REACHED");
        });
    }

    @Test
    void syncedGroupsCountTowardsTheLimitOnLaterRuns_G2() {
        List<io.switchboard.entra.EntraGroup> many = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            many.add(group("g" + i, "Group " + i, 2000 + i, Set.of(), Set.of()));
        }
        Snapshot tenant = new Snapshot(List.of(), many);
        ActualDirectory first = sync(
                tenant, directory(List.of(), List.of()), UserSyncSettings.DEFAULT, allGroups(WhenOutOfScope.DELETE));

        Plan again = Planner.plan(tenant, first, UserSyncSettings.DEFAULT, allGroups(WhenOutOfScope.DELETE));

        assertThat(first.groups()).hasSize(ExtensionGroup.MAX_GROUPS);
        assertThat(again.isEmpty()).as(again.render()).isTrue();
        assertThat(again.failures()).hasSize(7).allMatch(f -> f.code().name().equals("GROUP_LIMIT_REACHED"));
    }

    @Test
    void groupsLeavingTheRangeAreDeletedOrReleased_G3() {
        Snapshot tenant = new Snapshot(List.of(), List.of(group("g", "Gone soon", 2020, Set.of(), Set.of())));
        ActualDirectory synced = sync(
                tenant, directory(List.of(), List.of()), UserSyncSettings.DEFAULT, allGroups(WhenOutOfScope.DELETE));
        Snapshot empty = new Snapshot(List.of(), List.of());

        assertThat(Planner.plan(empty, synced, UserSyncSettings.DEFAULT, allGroups(WhenOutOfScope.DELETE))
                        .changes(DeleteGroup.class))
                .hasSize(1);
        assertThat(Planner.plan(empty, synced, UserSyncSettings.DEFAULT, allGroups(WhenOutOfScope.RELEASE))
                        .changes(ReleaseGroup.class))
                .hasSize(1);
    }

    @Test
    void duplicateGroupNamesGetAStableSuffix_G6() {
        Snapshot tenant = new Snapshot(
                List.of(),
                List.of(group("b", "Sales", 2021, Set.of(), Set.of()), group("a", "Sales", 2020, Set.of(), Set.of())));
        ActualDirectory synced = sync(
                tenant,
                directory(List.of(), List.of(localGroup("sales"))),
                UserSyncSettings.DEFAULT,
                allGroups(WhenOutOfScope.DELETE));

        Map<String, String> names = synced.groups().stream()
                .filter(ExtensionGroup::synced)
                .collect(Collectors.toMap(ExtensionGroup::sourceId, ExtensionGroup::name));
        assertThat(names).containsEntry("a", "Sales (2)").containsEntry("b", "Sales (3)");

        Snapshot olderOneGone = new Snapshot(List.of(), List.of(group("b", "Sales", 2021, Set.of(), Set.of())));
        ActualDirectory after = sync(olderOneGone, synced, UserSyncSettings.DEFAULT, allGroups(WhenOutOfScope.DELETE));
        assertThat(after.groups().stream().filter(ExtensionGroup::synced).map(ExtensionGroup::name))
                .containsExactly("Sales (3)");
    }

    @Test
    void groupMembersFollowMembershipChanges_G4() {
        Snapshot before = new Snapshot(
                List.of(user("a", null, 2020), user("b", null, 2020)),
                List.of(group("g", "Team", 2020, Set.of("a"), Set.of())));
        ActualDirectory synced =
                sync(before, directory(List.of(), List.of()), allUsers(), allGroups(WhenOutOfScope.DELETE));
        Snapshot after = new Snapshot(before.users(), List.of(group("g", "Team", 2020, Set.of("b"), Set.of())));

        Plan plan = Planner.plan(after, synced, allUsers(), allGroups(WhenOutOfScope.DELETE));

        UUID leaver = synced.extensions().stream()
                .filter(e -> "a".equals(e.sourceId()))
                .findFirst()
                .orElseThrow()
                .id();
        assertThat(plan.changes(UpdateGroup.class)).singleElement().satisfies(u -> {
            assertThat(u.joiningSourceIds()).containsExactly("b");
            assertThat(u.leavingExtensionIds()).containsExactly(leaver);
            assertThat(u.fields()).containsExactly(new Change.FieldChange("memberIds", "1 members", "1 members"));
        });
    }

    @Test
    void aPhoneValueWithoutAnyDigitIsNoPhoneNumberAndLeavesTheMobileEmpty_U2() {
        Snapshot tenant = new Snapshot(
                List.of(
                        withMobile(user("junk", "junk@contoso.example", 2020), "n/a"),
                        withMobile(user("dash", "dash@contoso.example", 2020), " - "),
                        withMobile(user("real", "real@contoso.example", 2020), "+1 (555) 0100")),
                List.of());

        Plan plan = Planner.plan(tenant, directory(List.of(), List.of()), allUsers(), noGroups());

        Map<String, String> mobiles = new java.util.HashMap<>();
        plan.changes(CreateExtension.class)
                .forEach(c -> mobiles.put(c.sourceId(), c.input().mobileNumber()));
        assertThat(mobiles)
                .containsEntry("junk", null)
                .containsEntry("dash", null)
                .containsEntry("real", "+1 (555) 0100");
        ActualDirectory synced = InMemoryApply.apply(directory(List.of(), List.of()), plan);
        assertThat(Planner.plan(tenant, synced, allUsers(), noGroups()).changes())
                .as("an empty mobile stays empty on later runs")
                .isEmpty();
    }

    private static final Guard GUARD = new Guard(true, 10, 10, Set.of());

    private static Snapshot disableAll(Snapshot tenant, int count) {
        List<EntraUser> users = new ArrayList<>();
        for (int i = 0; i < tenant.users().size(); i++) {
            users.add(
                    i < count ? disabled(tenant.users().get(i)) : tenant.users().get(i));
        }
        return new Snapshot(users, tenant.groups());
    }

    @Test
    void aHeldExtensionKeepsItsNumberEmailGroupsAndPlaceInTheCapacity_X2() {
        List<EntraUser> staff = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            staff.add(user("s" + i, "staff" + i + "@contoso.example", 2010 + i));
        }
        Set<String> everyone = staff.stream().map(EntraUser::id).collect(Collectors.toSet());
        Snapshot before = new Snapshot(staff, List.of(group("team", "Team", 2020, everyone, Set.of())));
        UserSyncSettings deleteDisabled = users(
                UserRange.ALL,
                null,
                null,
                NumberSource.AUTO,
                null,
                Set.of(AccountState.DISABLED),
                false,
                WhenOutOfScope.DELETE,
                false);
        GroupSyncSettings groups = allGroups(WhenOutOfScope.DELETE);
        ActualDirectory synced = sync(before, new ActualDirectory(List.of(), List.of(), 11), deleteDisabled, groups);
        assertThat(synced.extensions()).hasSize(10);
        Snapshot after = disableAll(before, 10);
        List<EntraUser> withNewcomers = new ArrayList<>(after.users());
        withNewcomers.add(user("sameEmail", "STAFF0@contoso.example", 2021));
        withNewcomers.add(user("fresh", "fresh@contoso.example", 2022));
        withNewcomers.add(user("fresher", "fresher@contoso.example", 2023));
        withNewcomers.add(user("beyond", "beyond@contoso.example", 2024));
        after = new Snapshot(withNewcomers, after.groups());

        Plan plan = Planner.plan(after, synced, deleteDisabled, groups, GUARD);

        assertThat(plan.changes(DeleteExtension.class)).isEmpty();
        assertThat(plan.held()).hasSize(10).allMatch(DeleteExtension.class::isInstance);
        assertThat(plan.held().get(0).reason()).contains("10 of 10 synced extensions", "more than 10 %");
        assertThat(plan.guard())
                .singleElement()
                .satisfies(v -> assertThat(v.objectType().name()).isEqualTo("EXTENSION"))
                .satisfies(v -> assertThat(v.crossed()).isTrue());
        Map<String, String> codes = plan.failures().stream()
                .collect(Collectors.toMap(Failure::sourceId, f -> f.code().name()));
        assertThat(codes)
                .as("the held extension's email stays taken, and so does its place in the capacity of 11")
                .containsEntry("sameEmail", "EMAIL_TAKEN")
                .containsEntry("fresher", "CAPACITY_REACHED")
                .containsEntry("beyond", "CAPACITY_REACHED");
        assertThat(plan.changes(CreateExtension.class))
                .singleElement()
                .satisfies(c -> assertThat(c.sourceId()).isEqualTo("fresh"))
                .satisfies(c -> assertThat(c.input().number())
                        .as("the held extensions keep numbers 1000-1009")
                        .isEqualTo("1010"));
        assertThat(plan.changes(UpdateGroup.class))
                .as("the held extensions stay members of their group")
                .isEmpty();

        ActualDirectory applied = InMemoryApply.apply(synced, plan);
        Set<java.util.UUID> heldIds = plan.held().stream()
                .map(c -> ((DeleteExtension) c).extensionId())
                .collect(Collectors.toSet());
        Plan again = Planner.plan(after, applied, deleteDisabled, groups, new Guard(true, 10, 10, heldIds));
        assertThat(again.changes()).as(again.render()).isEmpty();
        assertThat(again.held()).hasSize(10);

        Plan approved = Planner.plan(after, applied, deleteDisabled, groups, Guard.NONE);
        assertThat(approved.changes(DeleteExtension.class)).hasSize(10);
        assertThat(approved.changes(UpdateGroup.class))
                .as("once deleted, they leave the group")
                .singleElement()
                .satisfies(u -> assertThat(u.joiningSourceIds()).isEmpty())
                .satisfies(u -> assertThat(u.leavingExtensionIds()).containsExactlyInAnyOrderElementsOf(heldIds))
                .satisfies(u -> assertThat(u.fields())
                        .containsExactly(new Change.FieldChange("memberIds", "10 members", "0 members")));
    }

    @Test
    void aHeldExtensionsNumberFromAPropertyFailsTheNewUserWithNumberTaken_X2_U2() {
        List<EntraUser> staff = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            staff.add(withEmployeeId(user("s" + i, null, 2010 + i), String.valueOf(500 + i)));
        }
        UserSyncSettings byEmployeeId = users(
                UserRange.ALL,
                null,
                null,
                NumberSource.PROPERTY,
                "employeeId",
                Set.of(AccountState.DELETED),
                false,
                WhenOutOfScope.DELETE,
                false);
        ActualDirectory synced =
                sync(new Snapshot(staff, List.of()), directory(List.of(), List.of()), byEmployeeId, noGroups());
        Snapshot after = new Snapshot(List.of(withEmployeeId(user("newcomer", null, 2024), "503")), List.of());

        Plan plan = Planner.plan(after, synced, byEmployeeId, noGroups(), GUARD);

        assertThat(plan.held()).hasSize(10);
        assertThat(plan.changes(CreateExtension.class)).isEmpty();
        assertThat(plan.failures())
                .singleElement()
                .satisfies(f -> assertThat(f.code().name()).isEqualTo("NUMBER_TAKEN"));
    }

    @Test
    void aDeletionHeldEarlierStaysHeldBelowTheThresholdUntilDecided_X2() {
        Snapshot before = new Snapshot(
                List.of(user("a", "a@contoso.example", 2020), user("b", "b@contoso.example", 2020)), List.of());
        UserSyncSettings deleteDeleted = users(
                UserRange.ALL,
                null,
                null,
                NumberSource.AUTO,
                null,
                Set.of(AccountState.DELETED),
                false,
                WhenOutOfScope.DELETE,
                false);
        ActualDirectory synced = sync(before, directory(List.of(), List.of()), deleteDeleted, noGroups());
        Extension a = bySource(synced).get("a");
        Snapshot after = new Snapshot(List.of(user("b", "b@contoso.example", 2020)), List.of());

        Plan held = Planner.plan(after, synced, deleteDeleted, noGroups(), new Guard(true, 10, 10, Set.of(a.id())));
        Plan free = Planner.plan(after, synced, deleteDeleted, noGroups(), GUARD);

        assertThat(held.held())
                .singleElement()
                .satisfies(c -> assertThat(c.reason()).contains("earlier sync"));
        assertThat(held.changes(DeleteExtension.class)).isEmpty();
        assertThat(free.held()).isEmpty();
        assertThat(free.changes(DeleteExtension.class)).hasSize(1);
    }

    @Test
    void aHeldGroupKeepsItsNameAndItsPlaceInTheGroupLimit_X2_G2_G6() {
        Snapshot before = new Snapshot(
                List.of(user("a", null, 2020)), List.of(group("old", "Sales", 2019, Set.of("a"), Set.of())));
        GroupSyncSettings deleting = allGroups(WhenOutOfScope.DELETE);
        List<ExtensionGroup> locals = new ArrayList<>();
        for (int i = 0; i < ExtensionGroup.MAX_GROUPS - 2; i++) {
            locals.add(localGroup("Local " + i));
        }
        ActualDirectory synced = sync(before, directory(List.of(), locals), allUsers(), deleting);
        assertThat(synced.groups()).hasSize(ExtensionGroup.MAX_GROUPS - 1);
        Snapshot after = new Snapshot(
                before.users(),
                List.of(
                        group("new", "Sales", 2021, Set.of("a"), Set.of()),
                        group("newer", "Support", 2022, Set.of("a"), Set.of())));

        Plan plan = Planner.plan(after, synced, allUsers(), deleting, new Guard(true, 0, 1, Set.of()));

        assertThat(plan.held()).singleElement().isInstanceOf(DeleteGroup.class);
        assertThat(plan.guard())
                .singleElement()
                .satisfies(v -> assertThat(v.objectType().name()).isEqualTo("GROUP"));
        assertThat(plan.changes(CreateGroup.class))
                .as("the held group keeps its name and its place among the 63")
                .singleElement()
                .satisfies(g -> assertThat(g.displayName()).isEqualTo("Sales (2)"));
        assertThat(plan.failures())
                .singleElement()
                .satisfies(f -> assertThat(f.code().name()).isEqualTo("GROUP_LIMIT_REACHED"));
    }

    private static UserSyncSettings startingAt(String start) {
        return UserSyncSettings.of(true, null, null, null, null, start, null, null, null, null, null, null);
    }

    @Test
    void aStartNumberWithLeadingZerosHandsOutNumbersOfTheSameWidthAndKeepsCountingPastTheWidth_U2() {
        Snapshot tenant = new Snapshot(
                List.of(user("a", "a@x.io", 2001), user("b", "b@x.io", 2002), user("c", "c@x.io", 2003)), List.of());

        Plan plan = Planner.plan(
                tenant, directory(List.of(local("0101", null)), List.of()), startingAt("0100"), noGroups());

        assertThat(plan.changes(CreateExtension.class))
                .extracting(c -> c.sourceId() + "=" + c.input().number())
                .as("0101 is taken; 100 or 102 would lose the leading zero")
                .containsExactly("a=0100", "b=0102", "c=0103");

        Plan past = Planner.plan(
                tenant,
                directory(List.of(local("0999", null), local("100", null)), List.of()),
                startingAt("0998"),
                noGroups());

        assertThat(past.changes(CreateExtension.class))
                .extracting(c -> c.sourceId() + "=" + c.input().number())
                .as("past 0999 numbers go on to 1000, 1001 …")
                .containsExactly("a=0998", "b=1000", "c=1001");
    }

    @Test
    void autoNumbersFillTheGapsBetweenTakenNumbersInOrder_U2() {
        List<EntraUser> users = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            users.add(user("u" + i, "u" + i + "@x.io", 2000 + i));
        }
        List<Extension> taken =
                List.of(local("1000", null), local("1001", null), local("1003", null), local("1006", null));

        Plan plan = Planner.plan(
                new Snapshot(users, List.of()), directory(taken, List.of()), startingAt("1000"), noGroups());

        assertThat(plan.changes(CreateExtension.class))
                .extracting(c -> c.input().number())
                .containsExactly("1002", "1004", "1005", "1007", "1008", "1009");
    }

    @Test
    void aStartNumberThatIsNotOneToFifteenDigitsIsAnInvalidSettingNamingIt_U2() {
        for (String bad : List.of("", "01a0", "-1", "1234567890123456", "１０００")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> startingAt(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            InvalidSetting.class, e -> assertThat(e.field()).isEqualTo("startNumber"));
        }
        assertThat(startingAt(" 0100 ").startNumber().value()).isEqualTo("0100");
    }

    @Test
    void usersKeepingAnExtensionArePlannedFirstThenOldestFirstMissingTimesLastThenById_U11() {
        Random random = new Random(11);
        Instant[] times = {
            Instant.parse("2015-03-01T10:00:00Z"),
            Instant.parse("2015-03-01T10:00:00.000000001Z"),
            Instant.parse("2015-03-01T09:59:59.999999999Z"),
            Instant.parse("1969-12-31T23:59:59.5Z"),
            Instant.MIN,
            Instant.MAX,
            null
        };
        List<EntraUser> users = new ArrayList<>();
        List<Extension> extensions = new ArrayList<>();
        Set<String> keeping = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            String id = (random.nextBoolean() ? "U" : "u") + random.nextInt(1000) + "-" + i;
            EntraUser u = user(id, "u" + i + "@x.io", 2000);
            users.add(withCreated(u, times[random.nextInt(times.length)]));
            if (random.nextInt(3) == 0) {
                // a first name that changed, so the kept user's place shows as an update
                keeping.add(id);
                extensions.add(new Extension(
                        UUID.randomUUID(),
                        String.valueOf(5000 + i),
                        "Before",
                        u.surname(),
                        u.mail(),
                        null,
                        null,
                        Presence.AVAILABLE,
                        Origin.MICROSOFT_365,
                        id,
                        false,
                        Instant.EPOCH,
                        Instant.EPOCH));
            }
        }
        List<String> expected = users.stream()
                .sorted(Comparator.comparing((EntraUser u) -> !keeping.contains(u.id()))
                        .thenComparing(EntraUser::createdDateTime, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(EntraUser::id))
                .map(EntraUser::id)
                .toList();

        Plan plan =
                Planner.plan(new Snapshot(users, List.of()), directory(extensions, List.of()), allUsers(), noGroups());

        assertThat(plan.changes())
                .extracting(
                        c -> c instanceof UpdateExtension update ? update.sourceId() : ((CreateExtension) c).sourceId())
                .containsExactlyElementsOf(expected);
        assertThat(plan.changes(CreateExtension.class))
                .extracting(c -> c.input().number())
                .as("new users take the free numbers in that order")
                .isSorted();
    }
}
