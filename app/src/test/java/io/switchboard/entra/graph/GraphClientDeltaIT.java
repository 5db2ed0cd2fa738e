package io.switchboard.entra.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.GraphEmulatorExtension;
import io.switchboard.emulator.Tenant;
import io.switchboard.entra.EntraUser;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Delta rounds against the emulator; the last test moves the emulator's clock past the delta token lifetime. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GraphClientDeltaIT {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withGeneratedTenant(11, 400);

    private static GraphClient client(GraphEmulator emulator) {
        return new GraphClient(
                emulator.graphBaseUrl(),
                new EmulatorTokens(emulator),
                Clock.systemUTC(),
                d -> {
                    throw new AssertionError("no retry expected, asked to sleep " + d);
                },
                GraphClient.Settings.DEFAULTS);
    }

    @Test
    @Order(1)
    void usersDeltaReturnsEverythingThenExactlyTheChanges(GraphEmulator emulator) {
        GraphClient client = client(emulator);
        Tenant tenant = emulator.tenant();

        UserDelta first = client.usersDelta(null);

        assertThat(first.changed()).hasSize(tenant.userCount());
        assertThat(first.removed()).isEmpty();
        assertThat(first.deltaLink()).contains("deltatoken");

        List<String> ids = tenant.users().stream()
                .filter(io.switchboard.emulator.EntraUser::accountEnabled)
                .map(io.switchboard.emulator.EntraUser::id)
                .limit(10)
                .toList();
        for (int i = 0; i < 4; i++) {
            tenant.updateUser(ids.get(i), b -> b.jobTitle("Changed by delta test"));
        }
        for (int i = 4; i < 7; i++) {
            tenant.disableUser(ids.get(i));
        }
        tenant.deleteUser(ids.get(7));
        tenant.deleteUser(ids.get(8));
        tenant.purgeUser(ids.get(9));
        emulator.requestLog().clear();

        UserDelta second = client.usersDelta(first.deltaLink());

        Map<String, EntraUser> changed =
                second.changed().stream().collect(Collectors.toMap(EntraUser::id, Function.identity()));
        assertThat(changed.keySet()).containsExactlyInAnyOrderElementsOf(ids.subList(0, 7));
        for (int i = 0; i < 4; i++) {
            assertThat(changed.get(ids.get(i)).jobTitle()).isEqualTo("Changed by delta test");
            assertThat(changed.get(ids.get(i)).accountEnabled()).isTrue();
        }
        for (int i = 4; i < 7; i++) {
            assertThat(changed.get(ids.get(i)).accountEnabled()).isFalse();
        }
        assertThat(second.removed())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        ids.get(7), RemovalReason.CHANGED,
                        ids.get(8), RemovalReason.CHANGED,
                        ids.get(9), RemovalReason.DELETED));
        assertThat(emulator.requestLog().count("/users/delta")).isEqualTo(1);

        UserDelta third = client.usersDelta(second.deltaLink());
        assertThat(third.changed()).isEmpty();
        assertThat(third.removed()).isEmpty();
    }

    @Test
    @Order(2)
    void groupsDeltaCarriesMemberChanges(GraphEmulator emulator) {
        GraphClient client = client(emulator);
        Tenant tenant = emulator.tenant();
        Set<String> groupIds = tenant.groups().stream()
                .map(io.switchboard.emulator.EntraGroup::id)
                .collect(Collectors.toSet());

        GroupDelta first = client.groupsDelta(null);

        assertThat(first.changed()).extracting(c -> c.group().id()).containsExactlyInAnyOrderElementsOf(groupIds);
        for (GroupDelta.GroupChange change : first.changed()) {
            List<String> members = tenant.members(change.group().id());
            assertThat(change.addedGroupIds())
                    .containsExactlyInAnyOrderElementsOf(
                            members.stream().filter(groupIds::contains).toList());
            assertThat(change.addedUserIds())
                    .containsExactlyInAnyOrderElementsOf(
                            members.stream().filter(m -> !groupIds.contains(m)).toList());
            assertThat(change.removedMemberIds()).isEmpty();
        }
        assertThat(first.changed()).anyMatch(c -> !c.addedGroupIds().isEmpty());

        String parent = Tenant.newObjectId();
        String child = Tenant.newObjectId();
        tenant.createGroup(io.switchboard.emulator.EntraGroup.security(parent, "Delta parent"));
        tenant.createGroup(io.switchboard.emulator.EntraGroup.security(child, "Delta child"));
        String user = tenant.users().get(0).id();
        tenant.addMember(parent, child);
        tenant.addMember(parent, user);
        GroupDelta.GroupChange existing = first.changed().stream()
                .filter(c -> !c.addedUserIds().isEmpty())
                .findFirst()
                .orElseThrow();
        String leaving = existing.addedUserIds().iterator().next();
        tenant.removeMember(existing.group().id(), leaving);

        GroupDelta second = client.groupsDelta(first.deltaLink());

        Map<String, GroupDelta.GroupChange> byId = second.changed().stream()
                .collect(Collectors.toMap(c -> c.group().id(), Function.identity()));
        assertThat(byId.keySet())
                .containsExactlyInAnyOrder(parent, child, existing.group().id());
        assertThat(byId.get(parent).addedGroupIds()).containsExactly(child);
        assertThat(byId.get(parent).addedUserIds()).containsExactly(user);
        assertThat(byId.get(parent).group().displayName()).isEqualTo("Delta parent");
        assertThat(byId.get(existing.group().id()).removedMemberIds()).containsExactly(leaving);
        assertThat(second.removed()).isEmpty();
    }

    @Test
    @Order(3)
    void resetDeltaRequiresFullSync(GraphEmulator emulator) {
        GraphClient client = client(emulator);
        UserDelta first = client.usersDelta(null);
        emulator.faults().resetDelta("/users/delta", 1);

        assertThatThrownBy(() -> client.usersDelta(first.deltaLink()))
                .isInstanceOfSatisfying(
                        FullSyncRequired.class, e -> assertThat(e.status()).isEqualTo(410));
    }

    @Test
    @Order(4)
    void expiredDeltaLinkRequiresFullSync(GraphEmulator emulator) {
        GraphClient client = client(emulator);
        UserDelta users = client.usersDelta(null);
        GroupDelta groups = client.groupsDelta(null);

        emulator.clock().advance(Duration.ofDays(8));

        assertThatThrownBy(() -> client.usersDelta(users.deltaLink()))
                .isInstanceOfSatisfying(FullSyncRequired.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("syncStateNotFound");
                });
        assertThatThrownBy(() -> client.groupsDelta(groups.deltaLink())).isInstanceOf(FullSyncRequired.class);
        assertThat(client.usersDelta(null).changed()).hasSize(emulator.tenant().userCount());
    }
}
