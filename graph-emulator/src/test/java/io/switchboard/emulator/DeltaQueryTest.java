package io.switchboard.emulator;

import static io.switchboard.emulator.TestClient.error;
import static io.switchboard.emulator.TestClient.json;
import static io.switchboard.emulator.TestClient.path;
import static io.switchboard.emulator.TestClient.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** §12 "/users/delta and /groups/delta". */
class DeltaQueryTest {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withGeneratedTenant(11, 600)
            .configure(b -> b.deltaPageSize(100).deltaMemberChunk(20));

    static TestClient client;
    static String token;

    @BeforeAll
    static void token() {
        client = new TestClient(graph.emulator());
        token = client.appToken();
    }

    /** The items of a whole round and its deltaLink. */
    record Round(List<Map<String, Object>> items, String deltaLink, int pages) {}

    static Round round(String start, String... headers) {
        List<Map<String, Object>> items = new ArrayList<>();
        String next = start;
        int pages = 0;
        while (true) {
            HttpResponse<String> response = client.get(next, token, headers);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            Map<String, Object> body = json(response);
            assertThat(body.containsKey("@odata.nextLink") && body.containsKey("@odata.deltaLink"))
                    .as("a page never has both links")
                    .isFalse();
            items.addAll(value(body));
            pages++;
            if (body.get("@odata.nextLink") != null) {
                assertThat(body).doesNotContainKey("@odata.deltaLink");
                next = (String) body.get("@odata.nextLink");
            } else {
                return new Round(items, (String) body.get("@odata.deltaLink"), pages);
            }
        }
    }

    @Test
    void initialRoundReturnsEveryUserAcrossServerSizedPages() {
        Round round = round("/v1.0/users/delta?$select=id,displayName,accountEnabled,userType");
        assertThat(round.items())
                .extracting(u -> u.get("id"))
                .doesNotHaveDuplicates()
                .hasSize(graph.emulator().tenant().userCount());
        assertThat(round.pages()).isGreaterThan(1);
        assertThat(round.deltaLink()).startsWith(graph.emulator().baseUrl() + "/v1.0/users/delta?$deltatoken=");
    }

    @Test
    void deltaRoundReturnsChangesAndRemovalsWithReasons() {
        Tenant tenant = graph.emulator().tenant();
        String link = round("/v1.0/users/delta?$select=id,displayName,jobTitle,accountEnabled")
                .deltaLink();
        EntraUser created = tenant.createUser(u -> u.displayName("Delta Newcomer"));
        // Users are kept in id order and the new user's id is random: pick the others among the rest,
        // or the new user may be one of them (created and deleted since the baseline: no item).
        List<EntraUser> existing = tenant.users().stream()
                .filter(u -> !u.id().equals(created.id()))
                .toList();
        EntraUser renamed = existing.get(5);
        EntraUser softDeleted = existing.get(6);
        EntraUser purged = existing.get(7);
        EntraUser disabled = existing.get(8);
        tenant.updateUser(renamed.id(), b -> b.jobTitle("Chief Delta Officer"));
        tenant.deleteUser(softDeleted.id());
        tenant.purgeUser(purged.id());
        tenant.updateUser(disabled.id(), b -> b.accountEnabled(false).jobTitle("Gone fishing"));

        Round round = round(link);
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        round.items().forEach(i -> byId.put((String) i.get("id"), i));
        assertThat(byId).containsOnlyKeys(created.id(), renamed.id(), softDeleted.id(), purged.id(), disabled.id());
        assertThat(byId.get(created.id())).containsEntry("displayName", "Delta Newcomer");
        assertThat(byId.get(renamed.id())).containsEntry("jobTitle", "Chief Delta Officer");
        assertThat(byId.get(softDeleted.id())).containsEntry("@removed", Map.of("reason", "changed"));
        assertThat(byId.get(purged.id())).containsEntry("@removed", Map.of("reason", "deleted"));
        assertThat(byId.get(disabled.id())).containsEntry("accountEnabled", false);

        Round empty = round(round.deltaLink());
        assertThat(empty.items()).isEmpty();
        assertThat(empty.deltaLink()).isNotBlank();
    }

    @Test
    void selectedDeltaIgnoresChangesToUnselectedProperties() {
        Tenant tenant = graph.emulator().tenant();
        String link = round("/v1.0/users/delta?$select=id,displayName").deltaLink();
        EntraUser user = tenant.users().get(20);
        tenant.updateUser(user.id(), b -> b.mobilePhone("+1 555 0000"));
        assertThat(round(link).items()).isEmpty();
    }

    @Test
    void preferReturnMinimalReturnsOnlyChangedProperties() {
        Tenant tenant = graph.emulator().tenant();
        String link = round("/v1.0/users/delta?$select=id,displayName,jobTitle,department")
                .deltaLink();
        EntraUser user = tenant.users().get(30);
        tenant.updateUser(user.id(), b -> b.department("Minimalism"));
        Map<String, Object> item = round(link, "Prefer", "return=minimal").items().stream()
                .filter(i -> user.id().equals(i.get("id")))
                .findFirst()
                .orElseThrow();
        assertThat(item.keySet()).containsExactly("id", "department");
    }

    @Test
    void idFilterLimitsTheRoundAndFullyQualifiedFormsWork() {
        List<EntraUser> users = graph.emulator().tenant().users();
        String filter =
                "id eq '" + users.get(1).id() + "' or id eq '" + users.get(2).id() + "'";
        Round round = round(path("/v1.0/users/microsoft.graph.delta()", "$filter", filter));
        assertThat(round.items())
                .extracting(u -> u.get("id"))
                .containsExactlyInAnyOrder(users.get(1).id(), users.get(2).id());
        assertThat(round("/v1.0/users/microsoft.graph.delta?$select=id").items())
                .isNotEmpty();
    }

    @Test
    void deltaTokenLatestReturnsNoDataButAUsableLink() {
        Map<String, Object> body = json(client.get("/v1.0/users/delta?$deltatoken=latest", token));
        assertThat(value(body)).isEmpty();
        EntraUser user = graph.emulator().tenant().createUser(u -> u.displayName("After Latest"));
        assertThat(round((String) body.get("@odata.deltaLink")).items())
                .extracting(u -> u.get("id"))
                .containsExactly(user.id());
    }

    @Test
    void deltaTokenLatestOnGroupsAndUsersKeepsTheSelectAndReplaysOnlyLaterChanges() {
        Tenant tenant = graph.emulator().tenant();
        EntraGroup team = tenant.createGroup(EntraGroup.security(Tenant.newObjectId(), "Baseline Team"));
        EntraUser member = tenant.users().get(4);
        Map<String, Object> groups =
                json(client.get("/v1.0/groups/delta?$select=displayName,members&$deltatoken=latest", token));
        Map<String, Object> users = json(client.get("/v1.0/users/delta?$select=displayName&$deltatoken=latest", token));
        assertThat(value(groups)).isEmpty();
        assertThat(value(users)).isEmpty();
        assertThat(groups).doesNotContainKey("@odata.nextLink").containsKey("@odata.deltaLink");

        tenant.addMember(team.id(), member.id());
        tenant.updateUser(member.id(), b -> b.jobTitle("Not selected"));
        EntraUser renamed = tenant.users().get(5);
        tenant.updateUser(renamed.id(), b -> b.displayName("Renamed After Baseline"));

        List<Map<String, Object>> groupItems =
                round((String) groups.get("@odata.deltaLink")).items();
        assertThat(groupItems).extracting(g -> g.get("id")).containsExactly(team.id());
        assertThat(groupItems.get(0).get("members@delta").toString()).contains(member.id());
        List<Map<String, Object>> userItems =
                round((String) users.get("@odata.deltaLink")).items();
        assertThat(userItems).extracting(u -> u.get("id")).containsExactly(renamed.id());
        assertThat(userItems.get(0))
                .containsEntry("displayName", "Renamed After Baseline")
                .doesNotContainKey("jobTitle");
    }

    @Test
    void groupsDeltaCarriesMembersDeltaWithAddsAndRemovals() {
        Tenant tenant = graph.emulator().tenant();
        EntraGroup team = tenant.createGroup(
                EntraGroup.microsoft365(Tenant.newObjectId(), "Delta Team", "deltateam@contoso.onmicrosoft.com"));
        List<EntraUser> users = tenant.users();
        tenant.addMember(team.id(), users.get(1).id());
        tenant.addMember(team.id(), users.get(2).id());
        String link = round("/v1.0/groups/delta?$select=displayName,groupTypes,members")
                .deltaLink();
        tenant.addMember(team.id(), users.get(3).id());
        tenant.removeMember(team.id(), users.get(1).id());
        tenant.deleteUser(users.get(2).id());

        List<Map<String, Object>> items = round(link).items();
        List<Map<String, Object>> memberDelta = new ArrayList<>();
        items.stream().filter(i -> team.id().equals(i.get("id"))).forEach(i -> memberDelta.addAll(members(i)));
        assertThat(memberDelta)
                .containsExactlyInAnyOrder(
                        Map.of(
                                "@odata.type",
                                "#microsoft.graph.user",
                                "id",
                                users.get(3).id()),
                        Map.of(
                                "@odata.type",
                                "#microsoft.graph.user",
                                "id",
                                users.get(1).id(),
                                "@removed",
                                Map.of("reason", "deleted")),
                        Map.of(
                                "@odata.type",
                                "#microsoft.graph.user",
                                "id",
                                users.get(2).id(),
                                "@removed",
                                Map.of("reason", "deleted")));
    }

    @Test
    void largeGroupIsSplitAcrossPagesAndRepeated() {
        EntraGroup allStaff = graph.emulator().tenant().groups().stream()
                .filter(g -> g.displayName().equals("All Staff"))
                .findFirst()
                .orElseThrow();
        Round round = round("/v1.0/groups/delta");
        List<Map<String, Object>> parts = round.items().stream()
                .filter(i -> allStaff.id().equals(i.get("id")))
                .toList();
        assertThat(parts)
                .hasSizeGreaterThan(1)
                .allSatisfy(p -> assertThat(p).containsEntry("displayName", "All Staff"));
        Set<Object> members = new HashSet<>();
        parts.forEach(p -> members(p).forEach(m -> members.add(m.get("id"))));
        assertThat(members)
                .hasSize(graph.emulator().tenant().members(allStaff.id()).size());
    }

    @Test
    void expiredDeltaTokenGivesSyncStateNotFound() {
        String link = round("/v1.0/users/delta?$select=id").deltaLink();
        graph.emulator().clock().advance(Duration.ofDays(8));
        try {
            HttpResponse<String> response = client.get(link, client.appToken());
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(error(response)).containsEntry("code", "syncStateNotFound");
        } finally {
            graph.emulator().clock().advance(Duration.ofDays(-8));
        }
        HttpResponse<String> garbage = client.get("/v1.0/users/delta?$deltatoken=not-a-token", token);
        assertThat(error(garbage)).containsEntry("code", "syncStateNotFound");
    }

    @Test
    void injectedSynchronizationResetGives410WithLocation() {
        String link = round("/v1.0/users/delta?$select=id").deltaLink();
        graph.emulator().faults().resetDelta("/users/delta", 1);
        HttpResponse<String> response = client.get(link, token);
        assertThat(response.statusCode()).isEqualTo(410);
        assertThat(response.headers().firstValue("Location"))
                .contains(graph.emulator().baseUrl() + "/v1.0/users/delta");
        assertThat(client.get(link, token).statusCode()).isEqualTo(200);
    }

    @Test
    void injectedReplayDuplicatesItemsAndReplaysTheRound() {
        Tenant tenant = graph.emulator().tenant();
        String link = round("/v1.0/users/delta?$select=id,jobTitle").deltaLink();
        EntraUser a = tenant.users().get(40);
        EntraUser b = tenant.users().get(41);
        tenant.updateUser(a.id(), u -> u.jobTitle("Replayed A"));
        tenant.updateUser(b.id(), u -> u.jobTitle("Replayed B"));
        graph.emulator().faults().replayDelta("/users/delta", 1);
        Round replayed = round(link);
        assertThat(replayed.items()).extracting(i -> i.get("id")).containsExactly(a.id(), b.id(), a.id());
        Round again = round(replayed.deltaLink());
        assertThat(again.items()).extracting(i -> i.get("id")).containsExactly(a.id(), b.id());
        assertThat(round(again.deltaLink()).items()).isEmpty();
    }

    @Test
    void topOrderbyAndExpandAreRejectedOnDelta() {
        assertThat(client.get("/v1.0/users/delta?$top=10", token).statusCode()).isEqualTo(400);
        assertThat(client.get("/v1.0/users/delta?$orderby=displayName", token).statusCode())
                .isEqualTo(400);
        assertThat(client.get("/v1.0/users/delta?$expand=manager", token).statusCode())
                .isEqualTo(400);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> members(Map<String, Object> group) {
        return (List<Map<String, Object>>) group.getOrDefault("members@delta", List.of());
    }
}
