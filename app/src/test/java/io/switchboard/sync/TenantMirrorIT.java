package io.switchboard.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.entra.EntraGroup;
import io.switchboard.entra.EntraUser;
import io.switchboard.testing.IntegrationTest;
import io.switchboard.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class TenantMirrorIT extends IntegrationTest {

    @Autowired
    TenantMirror mirror;

    private static EntraUser user(String id, String mail) {
        return new EntraUser(
                id,
                "User " + id,
                "Given",
                "Sür",
                mail,
                id + "@contoso.example",
                "+1 555 0100",
                List.of("+1 555 0101", "+1 555 0102"),
                "Dev",
                EntraUser.UserType.GUEST,
                false,
                Instant.parse("2021-03-04T05:06:07Z"),
                "4711",
                Map.of("extensionAttribute3", "204"));
    }

    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void onPostgresqlTheMirrorIsWrittenAlongsideTheRunAndBatchesAreSentAsMultiRowInserts_X3() {
        assertThat(mirror.writtenAlongside()).isEqualTo(TestDatabase.postgres());
        com.zaxxer.hikari.HikariDataSource pool = (com.zaxxer.hikari.HikariDataSource) dataSource;
        assertThat(pool.getDataSourceProperties().getProperty("reWriteBatchedInserts"))
                .isEqualTo(TestDatabase.postgres() ? "true" : null);
    }

    @Test
    void keepsUsersGroupsAndMembersAsRead_X3() {
        EntraGroup group = new EntraGroup(
                "g1",
                "Sales 销售",
                List.of("Unified"),
                false,
                true,
                Instant.parse("2020-01-01T00:00:00Z"),
                Set.of("u1", "u2"),
                Set.of("g2"));
        mirror.replace(List.of(user("u1", "a@x.io"), user("u2", null)), List.of(group));

        assertThat(mirror.users()).containsExactly(user("u1", "a@x.io"), user("u2", null));
        assertThat(mirror.groups()).containsExactly(group);
    }

    @Test
    void aFocusedDeltaReadsAllTheUsersOfItsGroupsAndTheirNestedOnesAndOfOtherGroupsOnlyItsUsers_X3() {
        mirror.replace(
                List.of(),
                List.of(
                        new EntraGroup("ga", "A", List.of(), true, false, null, Set.of("u1", "u2"), Set.of("gb")),
                        new EntraGroup("gb", "B", List.of(), true, false, null, Set.of("u3"), Set.of("gd")),
                        new EntraGroup("gc", "C", List.of(), true, false, null, Set.of("u1", "u4", "u5"), Set.of()),
                        new EntraGroup("gd", "D", List.of(), true, false, null, Set.of("u6"), Set.of())));

        Map<String, EntraGroup> read = new java.util.HashMap<>();
        List<EntraGroup> shapes = mirror.shapes();
        assertThat(shapes).allSatisfy(g -> assertThat(g.memberUserIds()).isEmpty());
        mirror.withUsers(shapes, Set.of("ga"), Set.of("u4")).forEach(g -> read.put(g.id(), g));

        assertThat(read).containsOnlyKeys("ga", "gb", "gc", "gd");
        assertThat(read.get("ga").memberUserIds()).containsExactlyInAnyOrder("u1", "u2");
        assertThat(read.get("ga").memberGroupIds()).containsExactly("gb");
        assertThat(read.get("gb").memberGroupIds()).containsExactly("gd");
        assertThat(read.get("gb").memberUserIds()).containsExactly("u3");
        assertThat(read.get("gd").memberUserIds()).as("nested at depth two").containsExactly("u6");
        assertThat(read.get("gc").memberUserIds())
                .as("of a group outside the focus, only the focused users")
                .containsExactly("u4");
    }

    @Test
    void deltaChangesOnlyWhatChanged_X3() {
        mirror.replace(
                List.of(user("u1", "a@x.io"), user("u2", "b@x.io")),
                List.of(new EntraGroup("g1", "Ops", List.of(), true, false, null, Set.of("u1"), Set.of())));

        mirror.putUser(user("u2", "new@x.io"));
        mirror.removeUser("u1");
        mirror.addMember("g1", "u2", false);
        mirror.removeMember("g1", "u1");
        mirror.setState(TenantMirror.USERS_DELTA, "https://graph/delta?token=abc");

        assertThat(mirror.users()).extracting(EntraUser::mail).containsExactly("new@x.io");
        assertThat(mirror.groups().get(0).memberUserIds()).containsExactly("u2");
        assertThat(mirror.state(TenantMirror.USERS_DELTA)).hasValue("https://graph/delta?token=abc");

        mirror.replace(List.of(), List.of());
        assertThat(mirror.users()).isEmpty();
        assertThat(mirror.groups()).isEmpty();
    }
}
