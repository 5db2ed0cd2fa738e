package io.switchboard.emulator;

import static io.switchboard.emulator.TestClient.error;
import static io.switchboard.emulator.TestClient.json;
import static io.switchboard.emulator.TestClient.path;
import static io.switchboard.emulator.TestClient.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** §12 "Graph host": bearer checks, error envelope, /users, /groups, members, $count, $search, deleted items. */
class GraphDirectoryTest {

    @RegisterExtension
    static GraphEmulatorExtension graph =
            GraphEmulatorExtension.withGeneratedTenant(2500, 2500).configure(b -> b.redirectUri(TestClient.REDIRECT));

    static TestClient client;
    static String appToken;
    static String delegated;

    @BeforeAll
    static void tokens() {
        client = new TestClient(graph.emulator());
        appToken = client.appToken();
        delegated = client.delegatedToken();
    }

    // ---- bearer checks and envelope

    @Test
    void missingTokenGives401InvalidAuthenticationTokenWithWwwAuthenticate() {
        HttpResponse<String> response = client.get("/v1.0/users", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(error(response)).containsEntry("code", "InvalidAuthenticationToken");
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("Bearer realm=\"\"")
                .contains("client_id=\"00000003-0000-0000-c000-000000000000\"");
    }

    @Test
    void expiredTokenGives401() {
        String token = client.appToken();
        graph.emulator().clock().advance(Duration.ofHours(2));
        try {
            HttpResponse<String> response = client.get("/v1.0/users", token);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat((String) error(response).get("message")).contains("expired");
        } finally {
            graph.emulator().clock().advance(Duration.ofHours(-2));
        }
    }

    @Test
    void tamperedTokenGives401() {
        assertThat(client.get("/v1.0/users", appToken.substring(0, appToken.length() - 4) + "AAAA")
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void tokenWithoutScopeGives403AuthorizationRequestDenied() {
        String groupsOnly = (String) client.signIn("openid https://graph.microsoft.com/Group.Read.All")
                .get("access_token");
        HttpResponse<String> response = client.get("/v1.0/users", groupsOnly);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(error(response))
                .containsEntry("code", "Authorization_RequestDenied")
                .containsEntry("message", "Insufficient privileges to complete the operation.");
        assertThat(client.get("/v1.0/groups", groupsOnly).statusCode()).isEqualTo(200);
    }

    @Test
    void errorEnvelopeHasInnerErrorAndRequestIdHeaders() {
        HttpResponse<String> response = client.get(
                "/v1.0/users/00000000-0000-0000-0000-000000000000", appToken, "client-request-id", "my-correlation");
        assertThat(response.statusCode()).isEqualTo(404);
        Map<String, Object> err = error(response);
        assertThat(err).containsEntry("code", "Request_ResourceNotFound");
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) err.get("innerError");
        assertThat(inner).containsKeys("date", "request-id").containsEntry("client-request-id", "my-correlation");
        assertThat(response.headers().firstValue("request-id")).contains((String) inner.get("request-id"));
        assertThat(response.headers().firstValue("client-request-id")).contains("my-correlation");
    }

    // ---- /users

    @Test
    void usersDefaultPropertySetAndSelect() {
        Map<String, Object> first =
                value(json(client.get("/v1.0/users?$top=1", appToken))).get(0);
        assertThat(first.keySet()).containsExactlyInAnyOrderElementsOf(EntraUser.DEFAULT_PROPERTIES);
        Map<String, Object> selected = value(json(client.get(
                        "/v1.0/users?$top=1&$select=id,accountEnabled,userType,employeeId,onPremisesExtensionAttributes,createdDateTime",
                        appToken)))
                .get(0);
        assertThat(selected.keySet())
                .containsExactly(
                        "id",
                        "accountEnabled",
                        "userType",
                        "employeeId",
                        "onPremisesExtensionAttributes",
                        "createdDateTime");
        assertThat((Map<?, ?>) selected.get("onPremisesExtensionAttributes")).hasSize(15);
    }

    @Test
    void pagingThrough2500UsersWithNextLink() {
        Set<String> ids = new HashSet<>();
        String next = "/v1.0/users?$select=id,displayName";
        int pages = 0;
        while (next != null) {
            Map<String, Object> body = json(client.get(next, delegated));
            value(body).forEach(u -> ids.add((String) u.get("id")));
            next = (String) body.get("@odata.nextLink");
            if (next != null) {
                assertThat(next)
                        .startsWith(graph.emulator().baseUrl() + "/v1.0/users?")
                        .contains("$skiptoken=")
                        .contains("$select=id");
            }
            pages++;
        }
        assertThat(ids).hasSize(2500);
        assertThat(pages).isEqualTo(25);
        assertThat(value(json(client.get("/v1.0/users?$top=999", appToken)))).hasSize(999);
    }

    @Test
    void topOutsideOneTo999Gives400() {
        HttpResponse<String> response = client.get("/v1.0/users?$top=1000", appToken);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat((String) error(response).get("message"))
                .isEqualTo("Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.");
        assertThat(client.get("/v1.0/users?$top=0", appToken).statusCode()).isEqualTo(400);
    }

    @Test
    void filterOnUserTypeAccountEnabledIdInAndStartswith() {
        List<Map<String, Object>> guests = value(json(client.get(
                path("/v1.0/users", "$filter", "userType eq 'Guest'", "$select", "id,userType", "$top", "999"),
                appToken)));
        assertThat(guests).isNotEmpty().allSatisfy(u -> assertThat(u).containsEntry("userType", "Guest"));
        List<Map<String, Object>> disabled = value(json(client.get(
                path("/v1.0/users", "$filter", "accountEnabled eq false", "$select", "id,accountEnabled"), appToken)));
        assertThat(disabled).isNotEmpty().allSatisfy(u -> assertThat(u).containsEntry("accountEnabled", false));
        List<EntraUser> some = graph.emulator().tenant().users().subList(10, 13);
        String in = "id in ('" + some.get(0).id() + "','" + some.get(1).id() + "','"
                + some.get(2).id() + "')";
        assertThat(value(json(client.get(path("/v1.0/users", "$filter", in), appToken))))
                .hasSize(3);
        List<Map<String, Object>> mod =
                value(json(client.get(path("/v1.0/users", "$filter", "startswith(displayName,'mod adm')"), appToken)));
        assertThat(mod).extracting(u -> u.get("displayName")).containsExactly("MOD Administrator");
    }

    @Test
    void countRequiresConsistencyLevelEventual() {
        Map<String, Object> silent = json(client.get("/v1.0/users?$count=true&$top=5", appToken));
        assertThat(silent).doesNotContainKey("@odata.count");
        Map<String, Object> counted =
                json(client.get("/v1.0/users?$count=true&$top=5", appToken, "ConsistencyLevel", "eventual"));
        assertThat(counted).containsEntry("@odata.count", 2500);
        Map<String, Object> secondPage =
                json(client.get((String) counted.get("@odata.nextLink"), appToken, "ConsistencyLevel", "eventual"));
        assertThat(secondPage).doesNotContainKey("@odata.count");
        HttpResponse<String> segment = client.get("/v1.0/users/$count", appToken, "ConsistencyLevel", "eventual");
        assertThat(segment.body()).isEqualTo("2500");
        assertThat(segment.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        HttpResponse<String> noHeader = client.get("/v1.0/users/$count", appToken);
        assertThat(noHeader.statusCode()).isEqualTo(400);
        assertThat(error(noHeader)).containsEntry("code", "Request_UnsupportedQuery");
    }

    @Test
    void searchNeAndEndsWithNeedAdvancedQuery() {
        HttpResponse<String> search = client.get(path("/v1.0/users", "$search", "\"displayName:MOD\""), appToken);
        assertThat(search.statusCode()).isEqualTo(400);
        assertThat(error(search)).containsEntry("code", "Request_UnsupportedQuery");
        List<Map<String, Object>> found = value(json(client.get(
                path("/v1.0/users", "$search", "\"displayName:administrator\""),
                appToken,
                "ConsistencyLevel",
                "eventual")));
        assertThat(found).extracting(u -> u.get("displayName")).contains("MOD Administrator");
        HttpResponse<String> endsWith =
                client.get(path("/v1.0/users", "$filter", "endswith(mail,'@gmail.com')"), appToken);
        assertThat(endsWith.statusCode()).isEqualTo(400);
        assertThat((String) error(endsWith).get("message")).startsWith("Operator 'endsWith' is not supported");
        Map<String, Object> advanced = json(client.get(
                path("/v1.0/users", "$filter", "endswith(mail,'@gmail.com')", "$count", "true"),
                appToken,
                "ConsistencyLevel",
                "eventual"));
        assertThat((Integer) advanced.get("@odata.count")).isPositive();
        assertThat(client.get(path("/v1.0/users", "$filter", "userType ne 'Guest'"), appToken)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void orderbyDisplayNameSortsAcrossPagesAndNeedsAdvancedQueryWithFilter() {
        List<String> names = new java.util.ArrayList<>();
        String next = "/v1.0/users?$orderby=displayName&$select=displayName&$top=500";
        while (next != null) {
            Map<String, Object> body = json(client.get(next, appToken));
            value(body).forEach(u -> names.add((String) u.get("displayName")));
            next = (String) body.get("@odata.nextLink");
        }
        assertThat(names)
                .hasSize(graph.emulator().tenant().userCount())
                .isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
        assertThat(client.get(
                                path("/v1.0/users", "$orderby", "displayName", "$filter", "accountEnabled eq true"),
                                appToken)
                        .statusCode())
                .isEqualTo(400);
        assertThat(client.get(
                                path(
                                        "/v1.0/users",
                                        "$orderby",
                                        "displayName desc",
                                        "$filter",
                                        "accountEnabled eq true",
                                        "$count",
                                        "true"),
                                appToken,
                                "ConsistencyLevel",
                                "eventual")
                        .statusCode())
                .isEqualTo(200);
        assertThat(client.get(path("/v1.0/users", "$orderby", "jobTitle"), appToken)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void singleUserByIdOrUpnAnd404() {
        EntraUser admin = graph.emulator().authorizationAccount();
        assertThat(json(client.get("/v1.0/users/" + admin.id(), appToken))).containsEntry("id", admin.id());
        assertThat(json(client.get("/v1.0/users/" + admin.userPrincipalName() + "?$select=id,jobTitle", appToken)))
                .containsEntry("jobTitle", "IT Administrator");
        assertThat(json(client.get("/v1.0/me", delegated))).containsEntry("id", admin.id());
    }

    @Test
    void singleEntityOnlyPropertiesGive501OnCollections() {
        assertThat(client.get("/v1.0/users?$select=skills", appToken).statusCode())
                .isEqualTo(501);
        assertThat(client.get("/v1.0/users?$select=bogus", appToken).statusCode())
                .isEqualTo(400);
    }

    @Test
    void organizationNamesTenantAndInitialDomain() {
        Map<String, Object> org =
                value(json(client.get("/v1.0/organization", delegated))).get(0);
        assertThat(org).containsEntry("id", graph.emulator().tenantId()).containsEntry("displayName", "Contoso");
        assertThat(String.valueOf(org.get("verifiedDomains")))
                .contains(graph.emulator().tenant().domain());
    }

    // ---- /groups

    @Test
    void groupsOfAllKindsCanBeFiltered() {
        List<Map<String, Object>> unified = value(json(client.get(
                path("/v1.0/groups", "$filter", "groupTypes/any(c:c eq 'Unified')", "$top", "999"), appToken)));
        assertThat(unified)
                .isNotEmpty()
                .allSatisfy(g -> assertThat(String.valueOf(g.get("groupTypes"))).contains("Unified"));
        List<Map<String, Object>> security = value(json(client.get(
                path("/v1.0/groups", "$filter", "securityEnabled eq true and mailEnabled eq false", "$top", "999"),
                appToken)));
        assertThat(security).isNotEmpty();
        List<Map<String, Object>> distribution = value(json(client.get(
                path("/v1.0/groups", "$filter", "securityEnabled eq false and mailEnabled eq true", "$top", "999"),
                appToken)));
        assertThat(distribution)
                .isNotEmpty()
                .allSatisfy(g -> assertThat(g.get("mail")).isNotNull());
        List<Map<String, Object>> mailSecurity = value(json(client.get(
                path("/v1.0/groups", "$filter", "securityEnabled eq true and mailEnabled eq true", "$top", "999"),
                appToken)));
        assertThat(mailSecurity).isNotEmpty();
        List<Map<String, Object>> dynamic = value(json(client.get(
                path("/v1.0/groups", "$filter", "groupTypes/any(c:c eq 'DynamicMembership')", "$top", "999"),
                appToken)));
        assertThat(dynamic).allSatisfy(g -> assertThat(g.get("membershipRule")).isNotNull());
    }

    @Test
    void membersAndTransitiveMembersFlattenNestedGroups() {
        Tenant tenant = graph.emulator().tenant();
        EntraGroup outer = tenant.createGroup(EntraGroup.security(Tenant.newObjectId(), "Outer"));
        EntraGroup inner = tenant.createGroup(EntraGroup.security(Tenant.newObjectId(), "Inner"));
        EntraUser alice = tenant.createUser(u -> u.displayName("Alice Nested"));
        EntraUser bob = tenant.createUser(u -> u.displayName("Bob Nested"));
        tenant.addMember(outer.id(), alice.id());
        tenant.addMember(outer.id(), inner.id());
        tenant.addMember(inner.id(), bob.id());
        List<Map<String, Object>> direct = value(json(client.get("/v1.0/groups/" + outer.id() + "/members", appToken)));
        assertThat(direct)
                .extracting(m -> m.get("@odata.type"))
                .containsExactlyInAnyOrder("#microsoft.graph.user", "#microsoft.graph.group");
        List<Map<String, Object>> transitive =
                value(json(client.get("/v1.0/groups/" + outer.id() + "/transitiveMembers", appToken)));
        assertThat(transitive).extracting(m -> m.get("id")).containsExactlyInAnyOrder(alice.id(), inner.id(), bob.id());
        List<Map<String, Object>> usersOnly = value(
                json(client.get("/v1.0/groups/" + outer.id() + "/transitiveMembers/microsoft.graph.user", appToken)));
        assertThat(usersOnly).extracting(m -> m.get("id")).containsExactlyInAnyOrder(alice.id(), bob.id());
        assertThat(client.get(
                                "/v1.0/groups/" + outer.id() + "/transitiveMembers/$count",
                                appToken,
                                "ConsistencyLevel",
                                "eventual")
                        .body())
                .isEqualTo("3");
    }

    @Test
    void limitedInformationMembersShowOnlyTheirIdAndType() {
        Tenant tenant = graph.emulator().tenant();
        EntraGroup outer = tenant.createGroup(EntraGroup.security(Tenant.newObjectId(), "Outer with app"));
        EntraGroup inner = tenant.createGroup(EntraGroup.security(Tenant.newObjectId(), "Inner with device"));
        EntraUser carol = tenant.users().get(0);
        String app = Tenant.newObjectId();
        String device = Tenant.newObjectId();
        tenant.addMember(outer.id(), carol.id());
        tenant.addMember(outer.id(), inner.id());
        tenant.addLimitedMember(outer.id(), app, "#microsoft.graph.servicePrincipal");
        tenant.addLimitedMember(inner.id(), device, "#microsoft.graph.device");

        List<Map<String, Object>> direct = value(json(client.get("/v1.0/groups/" + outer.id() + "/members", appToken)));

        assertThat(direct).extracting(m -> m.get("id")).containsExactlyInAnyOrder(carol.id(), inner.id(), app);
        assertThat(direct)
                .filteredOn(m -> m.get("id").equals(app))
                .singleElement()
                .isEqualTo(Map.of("@odata.type", "#microsoft.graph.servicePrincipal", "id", app));
        List<Map<String, Object>> transitive =
                value(json(client.get("/v1.0/groups/" + outer.id() + "/transitiveMembers", appToken)));
        assertThat(transitive)
                .extracting(m -> m.get("id"))
                .containsExactlyInAnyOrder(carol.id(), inner.id(), app, device);
        assertThat(value(json(client.get("/v1.0/groups/" + outer.id() + "/members/microsoft.graph.user", appToken))))
                .extracting(m -> m.get("id"))
                .containsExactly(carol.id());
        assertThat(client.get(
                                "/v1.0/groups/" + outer.id() + "/members/$count",
                                appToken,
                                "ConsistencyLevel",
                                "eventual")
                        .body())
                .isEqualTo("3");
        tenant.purgeGroup(outer.id());
        tenant.purgeGroup(inner.id());
    }

    @Test
    void largeGroupMembersArePaged() {
        EntraGroup allStaff = graph.emulator().tenant().groups().stream()
                .filter(g -> g.displayName().equals("All Staff"))
                .findFirst()
                .orElseThrow();
        int expected = graph.emulator().tenant().members(allStaff.id()).size();
        Set<String> ids = new HashSet<>();
        String next = "/v1.0/groups/" + allStaff.id() + "/members?$select=id";
        while (next != null) {
            Map<String, Object> body = json(client.get(next, appToken));
            value(body).forEach(m -> ids.add((String) m.get("id")));
            next = (String) body.get("@odata.nextLink");
        }
        assertThat(ids).hasSize(expected);
        assertThat(expected).isGreaterThan(1000);
    }

    @Test
    void deletedItemsListsSoftDeletedUsers() {
        EntraUser temp = graph.emulator().tenant().createUser(u -> u.displayName("Soon Deleted"));
        graph.emulator().tenant().deleteUser(temp.id());
        List<Map<String, Object>> deleted =
                value(json(client.get("/v1.0/directory/deletedItems/microsoft.graph.user?$top=999", appToken)));
        assertThat(deleted).extracting(u -> u.get("id")).contains(temp.id());
        assertThat(client.get("/v1.0/users/" + temp.id(), appToken).statusCode())
                .isEqualTo(404);
    }

    @Test
    void deletedItemsListsSoftDeletedGroups() {
        EntraGroup temp =
                graph.emulator().tenant().createGroup(EntraGroup.security(Tenant.newObjectId(), "Soon deleted group"));
        graph.emulator().tenant().deleteGroup(temp.id());
        List<Map<String, Object>> deleted =
                value(json(client.get("/v1.0/directory/deletedItems/microsoft.graph.group?$top=999", appToken)));
        assertThat(deleted).extracting(g -> g.get("id")).contains(temp.id());
        assertThat(client.get("/v1.0/groups/" + temp.id(), appToken).statusCode())
                .isEqualTo(404);
    }
}
