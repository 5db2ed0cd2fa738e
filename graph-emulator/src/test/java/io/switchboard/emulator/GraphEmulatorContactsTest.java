package io.switchboard.emulator;

import static io.switchboard.emulator.TestClient.error;
import static io.switchboard.emulator.TestClient.json;
import static io.switchboard.emulator.TestClient.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** §6 and §12 "Contacts" and "/users/{id}/mailboxSettings": folders, paging, $select, immutable ids, delta, sharing. */
class GraphEmulatorContactsTest {

    private static final String IMMUTABLE = "IdType=\"ImmutableId\"";
    private static final String SHARED_SCOPES =
            "openid offline_access https://graph.microsoft.com/User.Read.All https://graph.microsoft.com/Contacts.Read https://graph.microsoft.com/Contacts.Read.Shared https://graph.microsoft.com/MailboxSettings.Read";
    private static final AtomicInteger USERS = new AtomicInteger();

    @RegisterExtension
    static GraphEmulatorExtension graph =
            GraphEmulatorExtension.withEmptyTenant().configure(b -> b.redirectUri(TestClient.REDIRECT));

    static TestClient client;
    static String appToken;
    static Mailboxes boxes;

    @BeforeAll
    static void setUp() {
        GraphEmulator emulator = graph.emulator();
        emulator.app().setApplicationPermissions(Set.of("User.Read.All", "Contacts.Read", "MailboxSettings.Read"));
        client = new TestClient(emulator);
        appToken = client.appToken();
        boxes = emulator.mailboxes();
    }

    static EntraUser newUser(String name) {
        int n = USERS.incrementAndGet();
        return graph.emulator()
                .tenant()
                .createUser(b -> b.displayName(name)
                        .userPrincipalName(
                                "user" + n + "@" + graph.emulator().tenant().domain())
                        .mail("user" + n + "@" + graph.emulator().tenant().domain()));
    }

    static Map<String, Object> ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    /** Follows nextLinks and returns every item. */
    static List<Map<String, Object>> all(String url, String token, String... headers) {
        List<Map<String, Object>> items = new ArrayList<>();
        String next = url;
        while (next != null) {
            Map<String, Object> body = ok(client.get(next, token, headers));
            items.addAll(value(body));
            next = (String) body.get("@odata.nextLink");
        }
        return items;
    }

    record Round(List<Map<String, Object>> items, String deltaLink, int pages) {}

    static Round round(String url, String token, String... headers) {
        List<Map<String, Object>> items = new ArrayList<>();
        String next = url;
        int pages = 0;
        while (true) {
            Map<String, Object> body = ok(client.get(next, token, headers));
            items.addAll(value(body));
            pages++;
            if (body.get("@odata.nextLink") != null) {
                assertThat(body).doesNotContainKey("@odata.deltaLink");
                next = (String) body.get("@odata.nextLink");
            } else {
                assertThat(body.get("@odata.deltaLink")).isNotNull();
                return new Round(items, (String) body.get("@odata.deltaLink"), pages);
            }
        }
    }

    static List<Object> ids(List<Map<String, Object>> items) {
        return items.stream().map(i -> i.get("id")).toList();
    }

    @Test
    void defaultFolderListsItsContactsTenPerPageWithSkipNextLinksAndTheReferenceShape() {
        EntraUser user = newUser("Paging Owner");
        for (int i = 0; i < 25; i++) {
            boxes.addContact(user.id(), null, OutlookContact.of("Given" + i, "Sur" + i, "+1 425 555 01" + i));
        }
        ContactFolder sub = boxes.addFolder(user.id(), null, "Customers");
        boxes.addContact(user.id(), sub.id(), OutlookContact.of("Not", "Default", "1"));
        boxes.addContact(
                user.id(),
                null,
                OutlookContact.builder()
                        .givenName("Jane")
                        .surname("Doe")
                        .displayName("Jane Doe")
                        .companyName("Contoso")
                        .jobTitle("Buyer")
                        .businessPhones(List.of("+1 425 555 0100"))
                        .homePhones(List.of("+1 425 555 0199"))
                        .mobilePhone("+1 206 555 0111")
                        .email("Jane Doe", "jane@contoso.com")
                        .build());

        Map<String, Object> first = ok(client.get("/v1.0/users/" + user.id() + "/contacts", appToken));
        assertThat(value(first)).hasSize(10);
        assertThat((String) first.get("@odata.nextLink")).contains("$skip=10").contains("$top=10");

        List<Map<String, Object>> every = all("/v1.0/users/" + user.userPrincipalName() + "/contacts", appToken);
        assertThat(every).hasSize(26);
        assertThat(every).extracting(c -> c.get("parentFolderId")).containsOnly(boxes.defaultFolderId(user.id()));
        Map<String, Object> jane = every.get(25);
        assertThat(jane)
                .containsEntry("givenName", "Jane")
                .containsEntry("surname", "Doe")
                .containsEntry("displayName", "Jane Doe")
                .containsEntry("companyName", "Contoso")
                .containsEntry("jobTitle", "Buyer")
                .containsEntry("businessPhones", List.of("+1 425 555 0100"))
                .containsEntry("homePhones", List.of("+1 425 555 0199"))
                .containsEntry("mobilePhone", "+1 206 555 0111")
                .containsEntry("emailAddresses", List.of(Map.of("name", "Jane Doe", "address", "jane@contoso.com")))
                .containsKeys("@odata.etag", "id", "changeKey", "lastModifiedDateTime", "createdDateTime");
        assertThat((String) jane.get("@odata.etag")).startsWith("W/\"");

        Map<String, Object> big = ok(client.get("/v1.0/users/" + user.id() + "/contacts?$top=1000", appToken));
        assertThat(value(big)).hasSize(26);
        assertThat(big).doesNotContainKey("@odata.nextLink");
    }

    @Test
    void selectReturnsIdEtagAndTheSelectedPropertiesOnlyAndRejectsUnknownOnes() {
        EntraUser user = newUser("Select Owner");
        boxes.addContact(user.id(), null, OutlookContact.of("Ann", "Lee", "+86 21 5555 0000"));
        List<Map<String, Object>> items =
                all("/v1.0/users/" + user.id() + "/contacts?$select=displayName,businessPhones&$top=1", appToken);
        assertThat(items).hasSize(1);
        assertThat(items.get(0).keySet())
                .containsExactlyInAnyOrder("@odata.etag", "id", "displayName", "businessPhones");

        HttpResponse<String> unknown = client.get("/v1.0/users/" + user.id() + "/contacts?$select=phones", appToken);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(error(unknown).get("message").toString()).contains("phones");
    }

    @Test
    void contactFoldersListTheDefaultFoldersChildrenAndNestToAnyDepth() {
        EntraUser user = newUser("Folder Owner");
        String id = user.id();
        ContactFolder a = boxes.addFolder(id, null, "A");
        ContactFolder b = boxes.addFolder(id, a.id(), "B");
        ContactFolder c = boxes.addFolder(id, b.id(), "C");
        ContactFolder d = boxes.addFolder(id, c.id(), "D");
        boxes.addFolder(id, null, "Second");
        boxes.addContact(id, null, OutlookContact.of("In", "Default", "1"));
        boxes.addContact(id, d.id(), OutlookContact.of("Deep", "Down", "2"));

        List<Map<String, Object>> top = all("/v1.0/users/" + id + "/contactFolders", appToken);
        assertThat(top).extracting(f -> f.get("displayName")).containsExactlyInAnyOrder("A", "Second");
        assertThat(top).extracting(f -> f.get("parentFolderId")).containsOnly(boxes.defaultFolderId(id));

        assertThat(all("/v1.0/users/" + id + "/contactFolders/contacts/contacts", appToken))
                .extracting(x -> x.get("displayName"))
                .containsExactly("In Default");
        assertThat(all("/v1.0/users/" + id + "/contactFolders/" + a.id() + "/childFolders", appToken))
                .extracting(f -> f.get("id"))
                .containsExactly(b.id());
        assertThat(all("/v1.0/users/" + id + "/contactFolders/" + c.id() + "/childFolders", appToken))
                .extracting(f -> f.get("displayName"))
                .containsExactly("D");
        assertThat(all(
                        "/v1.0/users/" + id + "/contactFolders/" + a.id() + "/childFolders/" + b.id() + "/childFolders/"
                                + c.id() + "/childFolders/" + d.id() + "/contacts",
                        appToken))
                .extracting(x -> x.get("displayName"))
                .containsExactly("Deep Down");
        assertThat(all("/v1.0/users/" + id + "/contactFolders/" + d.id() + "/contacts", appToken))
                .extracting(x -> x.get("parentFolderId"))
                .containsExactly(d.id());
        Map<String, Object> single = ok(client.get("/v1.0/users/" + id + "/contactFolders/" + d.id(), appToken));
        assertThat(single).containsEntry("displayName", "D").containsEntry("parentFolderId", c.id());

        HttpResponse<String> wrongParent =
                client.get("/v1.0/users/" + id + "/contactFolders/" + a.id() + "/childFolders/" + d.id(), appToken);
        assertThat(wrongParent.statusCode()).isEqualTo(404);
        assertThat(error(wrongParent)).containsEntry("code", "ErrorItemNotFound");
    }

    @Test
    void withoutThePreferHeaderAMovedContactGetsANewIdWithItTheIdSurvivesTheMove() {
        EntraUser user = newUser("Mover");
        ContactFolder other = boxes.addFolder(user.id(), null, "Other");
        MailboxContact contact = boxes.addContact(user.id(), null, OutlookContact.of("Moving", "Target", "123"));
        String url = "/v1.0/users/" + user.id() + "/contacts";

        HttpResponse<String> plain = client.get(url, appToken);
        assertThat(plain.headers().firstValue("Preference-Applied")).isEmpty();
        String restIdBefore = (String) value(json(plain)).get(0).get("id");
        HttpResponse<String> immutable = client.get(url, appToken, "Prefer", IMMUTABLE);
        assertThat(immutable.headers().firstValue("Preference-Applied")).contains(IMMUTABLE);
        String immutableBefore = (String) value(json(immutable)).get(0).get("id");
        assertThat(immutableBefore).isNotEqualTo(restIdBefore);

        boxes.moveContact(user.id(), contact.immutableId(), other.id());

        String folderUrl = "/v1.0/users/" + user.id() + "/contactFolders/" + other.id() + "/contacts";
        String restIdAfter = (String) all(folderUrl, appToken).get(0).get("id");
        assertThat(restIdAfter).isNotEqualTo(restIdBefore);
        assertThat(all(folderUrl, appToken, "Prefer", IMMUTABLE).get(0)).containsEntry("id", immutableBefore);

        HttpResponse<String> stale = client.get(url + "/" + restIdBefore, appToken);
        assertThat(stale.statusCode()).isEqualTo(404);
        assertThat(error(stale)).containsEntry("code", "ErrorItemNotFound");
        assertThat(ok(client.get(url + "/" + immutableBefore, appToken, "Prefer", IMMUTABLE)))
                .containsEntry("id", immutableBefore)
                .containsEntry("parentFolderId", other.id());
        assertThat(ok(client.get(url + "/" + restIdAfter, appToken))).containsEntry("id", restIdAfter);
    }

    @Test
    void contactsDeltaPerFolderReportsChangesDeletionsAndMovesOutAsRemoved() {
        EntraUser user = newUser("Delta Owner");
        String id = user.id();
        String defaultFolder = boxes.defaultFolderId(id);
        ContactFolder other = boxes.addFolder(id, null, "Other");
        List<MailboxContact> made = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            made.add(boxes.addContact(id, null, OutlookContact.of("D" + i, "Person", "55" + i)));
        }
        boxes.deleteContact(
                id,
                boxes.addContact(id, null, OutlookContact.of("Gone", "Before", "1"))
                        .immutableId());
        boxes.addContact(id, other.id(), OutlookContact.of("Else", "Where", "2"));
        String start = "/v1.0/users/" + id + "/contactFolders/" + defaultFolder + "/contacts/delta";

        HttpResponse<String> firstPage = client.get(start, appToken, "Prefer", IMMUTABLE + ", odata.maxpagesize=3");
        assertThat(firstPage.headers().firstValue("Preference-Applied").orElse(""))
                .contains(IMMUTABLE)
                .contains("odata.maxpagesize=3");
        Round initial = round(start, appToken, "Prefer", IMMUTABLE + ", odata.maxpagesize=3");
        assertThat(initial.pages()).isEqualTo(3);
        assertThat(ids(initial.items()))
                .containsExactlyElementsOf(
                        made.stream().map(MailboxContact::immutableId).toList());
        assertThat(initial.items()).noneMatch(i -> i.containsKey("@removed"));

        Round empty = round(initial.deltaLink(), appToken, "Prefer", IMMUTABLE);
        assertThat(empty.items()).isEmpty();

        boxes.updateContact(id, made.get(0).immutableId(), b -> b.mobilePhone("+49 171 0000000"));
        boxes.deleteContact(id, made.get(1).immutableId());
        boxes.moveContact(id, made.get(2).immutableId(), other.id());
        MailboxContact added = boxes.addContact(id, null, OutlookContact.of("New", "Comer", "9"));

        Round changes = round(empty.deltaLink(), appToken, "Prefer", IMMUTABLE);
        assertThat(changes.items()).hasSize(4);
        Map<Object, Map<String, Object>> byId = new java.util.HashMap<>();
        changes.items().forEach(i -> byId.put(i.get("id"), i));
        assertThat(byId.get(made.get(0).immutableId())).containsEntry("mobilePhone", "+49 171 0000000");
        assertThat(byId.get(made.get(1).immutableId())).containsEntry("@removed", Map.of("reason", "deleted"));
        assertThat(byId.get(made.get(2).immutableId()))
                .containsEntry("@removed", Map.of("reason", "deleted"))
                .containsEntry("@odata.type", "#microsoft.graph.contact");
        assertThat(byId.get(added.immutableId())).containsEntry("displayName", "New Comer");

        Round otherFolder = round(
                "/v1.0/users/" + id + "/contactFolders/" + other.id() + "/contacts/delta",
                appToken,
                "Prefer",
                IMMUTABLE);
        assertThat(ids(otherFolder.items())).contains(made.get(2).immutableId());

        Round after = round(changes.deltaLink(), appToken, "Prefer", IMMUTABLE);
        assertThat(after.items()).isEmpty();
    }

    @Test
    void withoutImmutableIdsAMovedOutContactIsRemovedUnderTheIdItHadInThatFolder() {
        EntraUser user = newUser("Rest Ids");
        String id = user.id();
        ContactFolder other = boxes.addFolder(id, null, "Other");
        MailboxContact c = boxes.addContact(id, null, OutlookContact.of("Old", "Id", "1"));
        String start = "/v1.0/users/" + id + "/contactFolders/contacts/contacts/delta";
        Round initial = round(start, appToken);
        assertThat(ids(initial.items())).containsExactly(c.restId());
        MailboxContact moved = boxes.moveContact(id, c.restId(), other.id());
        Round changes = round(initial.deltaLink(), appToken);
        assertThat(changes.items())
                .singleElement()
                .satisfies(i -> assertThat(i).containsEntry("id", c.restId()).containsKey("@removed"));
        assertThat(moved.restId()).isNotEqualTo(c.restId());
    }

    @Test
    void deltaKeepsTheFirstCallsSelectAndHonoursPreferencesSentAsSeparateHeaders() {
        EntraUser user = newUser("Select Delta");
        boxes.addContact(user.id(), null, OutlookContact.of("Sel", "One", "1"));
        boxes.addContact(user.id(), null, OutlookContact.of("Sel", "Two", "2"));
        String start = "/v1.0/users/" + user.id()
                + "/contactFolders/contacts/contacts/delta?$select=displayName,businessPhones";
        HttpResponse<String> first = client.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(graph.emulator().baseUrl() + start))
                .header("Authorization", "Bearer " + appToken)
                .header("Prefer", IMMUTABLE)
                .header("Prefer", "odata.maxpagesize=1")
                .build());
        Map<String, Object> body = ok(first);
        assertThat(first.headers().firstValue("Preference-Applied").orElse(""))
                .contains(IMMUTABLE)
                .contains("odata.maxpagesize=1");
        assertThat(value(body))
                .singleElement()
                .satisfies(c -> assertThat(c.keySet())
                        .containsExactlyInAnyOrder("@odata.etag", "id", "displayName", "businessPhones"));
        assertThat(value(body).get(0).get("id"))
                .isEqualTo(boxes.contacts(user.id()).get(0).immutableId());
        Round rest = round((String) body.get("@odata.nextLink"), appToken);
        assertThat(rest.items())
                .singleElement()
                .satisfies(c -> assertThat(c.keySet())
                        .containsExactlyInAnyOrder("@odata.etag", "id", "displayName", "businessPhones"));
        boxes.updateContact(user.id(), boxes.contacts(user.id()).get(1).immutableId(), b -> b.jobTitle("Changed"));
        assertThat(round(rest.deltaLink(), appToken).items())
                .singleElement()
                .satisfies(c ->
                        assertThat(c).containsEntry("displayName", "Sel Two").doesNotContainKey("jobTitle"));
    }

    @Test
    void expiredContactsDeltaStateGives410SyncStateNotFoundAlsoForNextLinks() {
        EntraUser user = newUser("Expiring");
        for (int i = 0; i < 4; i++) {
            boxes.addContact(user.id(), null, OutlookContact.of("E" + i, "X", "1"));
        }
        String start = "/v1.0/users/" + user.id() + "/contactFolders/contacts/contacts/delta";
        Map<String, Object> page = ok(client.get(start, appToken, "Prefer", "odata.maxpagesize=2"));
        String nextLink = (String) page.get("@odata.nextLink");
        Round whole = round(start, appToken);
        boxes.expireDeltaTokens();
        for (String link : List.of(nextLink, whole.deltaLink())) {
            HttpResponse<String> gone = client.get(link, appToken);
            assertThat(gone.statusCode()).isEqualTo(410);
            assertThat(error(gone)).containsEntry("code", "SyncStateNotFound");
        }
        assertThat(round(start, appToken).items()).hasSize(4);
    }

    @Test
    void delegatedReadsNeedASharedScopeAndAFolderOrMailboxSharedWithTheSignedInUser() {
        GraphEmulator emulator = graph.emulator();
        EntraUser account = emulator.authorizationAccount();
        EntraUser owner = newUser("Sharing Owner");
        ContactFolder sub = boxes.addFolder(owner.id(), null, "Private");
        boxes.addContact(owner.id(), null, OutlookContact.of("Shared", "One", "1"));
        boxes.addContact(owner.id(), sub.id(), OutlookContact.of("Hidden", "One", "2"));
        boxes.addContact(account.id(), null, OutlookContact.of("Own", "Contact", "3"));
        String token = (String) client.signIn(SHARED_SCOPES).get("access_token");
        String defaultUrl = "/v1.0/users/" + owner.id() + "/contacts";
        String subUrl = "/v1.0/users/" + owner.id() + "/contactFolders/" + sub.id() + "/contacts";

        HttpResponse<String> notShared = client.get(defaultUrl, token);
        assertThat(notShared.statusCode()).isEqualTo(403);
        assertThat(error(notShared))
                .containsEntry("code", "ErrorAccessDenied")
                .containsEntry("message", "Access is denied. Check credentials and try again.");
        assertThat(all("/v1.0/me/contacts", token))
                .extracting(c -> c.get("displayName"))
                .containsExactly("Own Contact");

        boxes.shareFolder(owner.id(), boxes.defaultFolderId(owner.id()), account.id());
        assertThat(all(defaultUrl, token)).extracting(c -> c.get("displayName")).containsExactly("Shared One");
        assertThat(all("/v1.0/users/" + owner.id() + "/contactFolders", token))
                .extracting(f -> f.get("id"))
                .containsExactly(sub.id());
        HttpResponse<String> subFolder = client.get(subUrl, token);
        assertThat(subFolder.statusCode()).isEqualTo(403);
        assertThat(error(subFolder)).containsEntry("code", "ErrorAccessDenied");
        assertThat(client.get(subUrl + "/delta", token).statusCode()).isEqualTo(403);

        String withoutShared = (String) client.signIn(
                        "openid https://graph.microsoft.com/User.Read.All https://graph.microsoft.com/Contacts.Read")
                .get("access_token");
        assertThat(client.get(defaultUrl, withoutShared).statusCode()).isEqualTo(403);
        assertThat(client.get("/v1.0/me/contacts", withoutShared).statusCode()).isEqualTo(200);

        boxes.shareMailbox(owner.id(), account.id());
        assertThat(all(subUrl, token)).extracting(c -> c.get("displayName")).containsExactly("Hidden One");

        boxes.unshareMailbox(owner.id(), account.id());
        boxes.unshareFolder(owner.id(), boxes.defaultFolderId(owner.id()), account.id());
        assertThat(client.get(defaultUrl, token).statusCode()).isEqualTo(403);
    }

    @Test
    void applicationTokensWithContactsReadReadEveryMailboxAndWithoutItNone() {
        EntraUser owner = newUser("App Read");
        ContactFolder sub = boxes.addFolder(owner.id(), null, "Private");
        boxes.addContact(owner.id(), sub.id(), OutlookContact.of("App", "Visible", "1"));
        assertThat(all("/v1.0/users/" + owner.id() + "/contactFolders/" + sub.id() + "/contacts", appToken))
                .hasSize(1);

        GraphEmulator emulator = graph.emulator();
        emulator.app().setApplicationPermissions(Set.of("User.Read.All"));
        try {
            String noContacts = client.appToken();
            HttpResponse<String> denied = client.get("/v1.0/users/" + owner.id() + "/contacts", noContacts);
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(error(denied)).containsEntry("code", "ErrorAccessDenied");
            assertThat(client.get("/v1.0/users/" + owner.id() + "/mailboxSettings", noContacts)
                            .statusCode())
                    .isEqualTo(403);
        } finally {
            emulator.app().setApplicationPermissions(Set.of("User.Read.All", "Contacts.Read", "MailboxSettings.Read"));
        }
    }

    @Test
    void mailboxSettingsTellSharedMailboxesApartAndUsersWithoutAMailboxGetMailboxNotEnabled() {
        GraphEmulator emulator = graph.emulator();
        EntraUser shared = emulator.tenant()
                .createUser(b -> b.displayName("Suppliers Shared Mailbox")
                        .userPrincipalName("suppliers@" + emulator.tenant().domain())
                        .mail("suppliers@" + emulator.tenant().domain())
                        .accountEnabled(false));
        boxes.setPurpose(shared.id(), "shared");
        boxes.addContact(shared.id(), null, OutlookContact.of("Supplier", "Contact", "+44 20 7946 0958"));
        EntraUser person = newUser("Ordinary Person");
        EntraUser guest = emulator.tenant()
                .createUser(b -> b.displayName("Guest Without Mailbox")
                        .userPrincipalName("guest_x#EXT#@" + emulator.tenant().domain())
                        .userType("Guest")
                        .hasMailbox(false));

        assertThat(ok(client.get("/v1.0/users/" + shared.id() + "/mailboxSettings?$select=userPurpose", appToken)))
                .containsEntry("userPurpose", "shared")
                .containsOnlyKeys("@odata.context", "userPurpose");
        assertThat(ok(client.get("/v1.0/users/" + person.userPrincipalName() + "/mailboxSettings", appToken)))
                .containsEntry("userPurpose", "user")
                .containsKeys("timeZone", "language");
        assertThat(ok(client.get("/v1.0/users/" + shared.id() + "/mailboxSettings/userPurpose", appToken)))
                .containsEntry("value", "shared");
        assertThat(all("/v1.0/users/" + shared.mail() + "/contacts", appToken)).hasSize(1);

        for (String path : List.of("/mailboxSettings", "/contacts", "/contactFolders")) {
            HttpResponse<String> none = client.get("/v1.0/users/" + guest.id() + path, appToken);
            assertThat(none.statusCode()).isEqualTo(404);
            assertThat(error(none))
                    .containsEntry("code", "MailboxNotEnabledForRESTAPI")
                    .containsEntry("message", "The mailbox is either inactive, soft-deleted, or is hosted on-premise.");
        }
        emulator.tenant().updateUser(person.id(), b -> b.hasMailbox(false));
        assertThat(error(client.get("/v1.0/users/" + person.id() + "/contacts", appToken)))
                .containsEntry("code", "MailboxNotEnabledForRESTAPI");
    }

    @Test
    void contactsAndFoldersChangeThroughTheJavaApi() {
        EntraUser user = newUser("Java Api");
        String id = user.id();
        ContactFolder parent = boxes.addFolder(id, null, "Parent");
        ContactFolder child = boxes.addFolder(id, parent.id(), "Child");
        MailboxContact c = boxes.addContact(id, child.id(), OutlookContact.of("A", "B", "1"));
        MailboxContact changed = boxes.updateContact(id, c.immutableId(), b -> b.companyName("Fabrikam"));
        assertThat(changed.changeKey()).isNotEqualTo(c.changeKey());
        assertThat(changed.restId()).isEqualTo(c.restId());
        boxes.renameFolder(id, child.id(), "Renamed");
        boxes.moveFolder(id, child.id(), boxes.defaultFolderId(id));
        assertThat(all("/v1.0/users/" + id + "/contactFolders", appToken))
                .extracting(f -> f.get("displayName"))
                .containsExactlyInAnyOrder("Parent", "Renamed");
        assertThat(all("/v1.0/users/" + id + "/contactFolders/" + child.id() + "/contacts", appToken))
                .extracting(x -> x.get("companyName"))
                .containsExactly("Fabrikam");
        String delta = round("/v1.0/users/" + id + "/contactFolders/" + child.id() + "/contacts/delta", appToken)
                .deltaLink();
        boxes.deleteFolder(id, parent.id());
        assertThat(boxes.folders(id))
                .extracting(ContactFolder::displayName)
                .containsExactlyInAnyOrder("Contacts", "Renamed");
        boxes.deleteFolder(id, child.id());
        assertThat(boxes.contacts(id)).isEmpty();
        HttpResponse<String> gone = client.get(delta, appToken);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(error(gone)).containsEntry("code", "ErrorItemNotFound");
    }

    @Test
    void unknownUserGivesErrorInvalidUserAndAnUnknownContactErrorItemNotFound() {
        HttpResponse<String> unknown =
                client.get("/v1.0/users/00000000-0000-0000-0000-000000000000/contacts", appToken);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(error(unknown)).containsEntry("code", "ErrorInvalidUser");
        EntraUser user = newUser("No Such Contact");
        HttpResponse<String> missing = client.get("/v1.0/users/" + user.id() + "/contacts/AAMkADnothing", appToken);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(error(missing)).containsEntry("code", "ErrorItemNotFound");
    }
}
