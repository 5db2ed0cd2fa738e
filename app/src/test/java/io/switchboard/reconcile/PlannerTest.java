package io.switchboard.reconcile;

import static io.switchboard.reconcile.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.directory.Extension;
import io.switchboard.directory.ExtensionGroup;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        Map<String, String> codes =
                plan.failures().stream().collect(Collectors.toMap(Failure::sourceId, Failure::code));
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
        assertThat(off.failures()).singleElement().extracting(Failure::code).isEqualTo("EMAIL_TAKEN");

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
            assertThat(f.code()).isEqualTo("CAPACITY_REACHED");
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
                .extracting(Failure::sourceId, Failure::code)
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
        assertThat(plan.failures()).singleElement().extracting(Failure::code).isEqualTo("SOURCE_UNREADABLE");
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
                new GroupSyncSettings(true, GroupRange.GROUP_TYPES, Set.of(GroupType.MICROSOFT_365), null, null);

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
            assertThat(f.code()).isEqualTo("GROUP_LIMIT_REACHED");
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
        assertThat(again.failures()).hasSize(7).allMatch(f -> f.code().equals("GROUP_LIMIT_REACHED"));
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

        assertThat(plan.changes(UpdateGroup.class))
                .singleElement()
                .extracting(UpdateGroup::memberSourceIds)
                .isEqualTo(List.of("b"));
    }
}
