package io.switchboard.emulator;

import static io.switchboard.emulator.TestClient.error;
import static io.switchboard.emulator.TestClient.json;
import static io.switchboard.emulator.TestClient.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generated tenant's mailboxes: reproducible, with shared mailboxes, nested folders, sharing and junk contacts. */
class TenantGeneratorContactsTest {

    private static Mailboxes generate(long seed, int users, Tenant tenant) {
        Mailboxes boxes = new Mailboxes(Clock.systemUTC());
        TenantGenerator generator = new TenantGenerator(seed, users);
        generator.populate(tenant);
        generator.populateMailboxes(tenant, boxes);
        return boxes;
    }

    private static List<String> fingerprint(Tenant tenant, Mailboxes boxes) {
        List<String> lines = new ArrayList<>();
        for (EntraUser user : tenant.users()) {
            lines.add(user.id() + " " + boxes.purpose(user.id()));
            boxes.folders(user.id()).forEach(f -> lines.add(f.id() + " " + f.parentFolderId() + " " + f.displayName()));
            boxes.contacts(user.id())
                    .forEach(c -> lines.add(c.immutableId() + " " + c.restId() + " " + c.folderId() + " " + c.data()));
        }
        return lines;
    }

    @Test
    void theSameSeedGivesTheSameMailboxesAndAnotherSeedOthers() {
        Tenant first = new Tenant("t", "contoso.onmicrosoft.com", Clock.systemUTC());
        Tenant second = new Tenant("t", "contoso.onmicrosoft.com", Clock.systemUTC());
        Tenant other = new Tenant("t", "contoso.onmicrosoft.com", Clock.systemUTC());
        List<String> a = fingerprint(first, generate(5, 400, first));
        List<String> b = fingerprint(second, generate(5, 400, second));
        List<String> c = fingerprint(other, generate(6, 400, other));
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void theDirectoryIsTheSameWithOrWithoutMailboxes() {
        Tenant plain = new Tenant("t", "contoso.onmicrosoft.com", Clock.systemUTC());
        new TenantGenerator(9, 300).populate(plain);
        Tenant withMailboxes = new Tenant("t", "contoso.onmicrosoft.com", Clock.systemUTC());
        generate(9, 300, withMailboxes);
        assertThat(withMailboxes.users()).isEqualTo(plain.users());
        assertThat(withMailboxes.groups()).isEqualTo(plain.groups());
    }

    @Test
    void sharedMailboxesAreDisabledAccountsWithAMailPurposeSharedAndAnAddressBookInNestedFolders() {
        Tenant tenant = new Tenant("t", "contoso.onmicrosoft.com", Clock.systemUTC());
        Mailboxes boxes = generate(7, 1000, tenant);
        List<EntraUser> shared = tenant.users().stream()
                .filter(u -> u.hasMailbox() && boxes.purpose(u.id()).equals("shared"))
                .toList();
        assertThat(shared).hasSizeGreaterThanOrEqualTo(3);
        for (EntraUser mailbox : shared) {
            assertThat(mailbox.accountEnabled()).isFalse();
            assertThat(mailbox.mail()).isNotBlank();
            assertThat(boxes.contacts(mailbox.id())).hasSizeGreaterThanOrEqualTo(10);
            assertThat(boxes.folders(mailbox.id()))
                    .extracting(ContactFolder::displayName)
                    .contains("Contacts", "Suppliers", "Customers", "Key Accounts");
        }
        assertThat(tenant.users())
                .anyMatch(u -> u.hasMailbox() && boxes.purpose(u.id()).equals("room"));

        List<MailboxContact> personal = tenant.users().stream()
                .filter(u -> u.hasMailbox() && boxes.purpose(u.id()).equals("user"))
                .flatMap(u -> boxes.contacts(u.id()).stream())
                .toList();
        assertThat(personal).hasSizeGreaterThan(500);
        assertThat(personal)
                .anyMatch(c -> c.data().displayName() == null && c.data().givenName() == null)
                .anyMatch(c ->
                        c.data().displayName() != null && c.data().displayName().isBlank())
                .anyMatch(c -> c.data().businessPhones().isEmpty()
                        && c.data().mobilePhone() == null
                        && c.data().homePhones().isEmpty())
                .anyMatch(c -> c.data().businessPhones().contains("n/a"));
        assertThat(tenant.users())
                .anyMatch(u -> boxes.folders(u.id()).stream()
                        .anyMatch(
                                f -> !f.defaultFolder() && !f.parentFolderId().equals(boxes.defaultFolderId(u.id()))));
    }

    @Test
    void theAuthorizationAccountReadsSharedMailboxesAndSharedFoldersButNotUnsharedOnes() {
        try (GraphEmulator emulator = GraphEmulator.builder()
                .generatedTenant(7, 1000)
                .redirectUri(TestClient.REDIRECT)
                .start()) {
            TestClient client = new TestClient(emulator);
            String token = (String) client.signIn(
                            "openid https://graph.microsoft.com/Contacts.Read.Shared https://graph.microsoft.com/MailboxSettings.Read")
                    .get("access_token");
            Mailboxes boxes = emulator.mailboxes();
            String admin = emulator.authorizationAccount().id();
            int readable = 0;
            int denied = 0;
            int subFolderDenied = 0;
            for (EntraUser user : emulator.tenant().users()) {
                if (!user.hasMailbox()
                        || boxes.contacts(user.id()).isEmpty()
                        || user.id().equals(admin)) {
                    continue;
                }
                HttpResponse<String> response = client.get("/v1.0/users/" + user.id() + "/contacts", token);
                if (response.statusCode() == 200) {
                    readable++;
                    for (ContactFolder folder : boxes.folders(user.id())) {
                        if (!folder.defaultFolder() && !boxes.mailboxSharedWith(user.id(), admin)) {
                            HttpResponse<String> sub = client.get(
                                    "/v1.0/users/" + user.id() + "/contactFolders/" + folder.id() + "/contacts", token);
                            assertThat(sub.statusCode()).isEqualTo(403);
                            subFolderDenied++;
                        }
                    }
                } else {
                    assertThat(response.statusCode()).isEqualTo(403);
                    assertThat(error(response)).containsEntry("code", "ErrorAccessDenied");
                    denied++;
                }
                if (boxes.purpose(user.id()).equals("shared")) {
                    assertThat(response.statusCode()).isEqualTo(200);
                    Map<String, Object> settings =
                            json(client.get("/v1.0/users/" + user.id() + "/mailboxSettings", token));
                    assertThat(settings).containsEntry("userPurpose", "shared");
                }
            }
            assertThat(readable).isGreaterThan(50);
            assertThat(denied).isGreaterThan(20);
            assertThat(subFolderDenied).isGreaterThan(5);

            emulator.app().setApplicationPermissions(Set.of("Contacts.Read"));
            String appToken = client.appToken();
            EntraUser guest = emulator.tenant().users().stream()
                    .filter(u -> !u.hasMailbox())
                    .findFirst()
                    .orElseThrow();
            assertThat(error(client.get("/v1.0/users/" + guest.id() + "/contacts", appToken)))
                    .containsEntry("code", "MailboxNotEnabledForRESTAPI");
            EntraUser someone = emulator.tenant().users().stream()
                    .filter(u -> u.hasMailbox() && !boxes.contacts(u.id()).isEmpty())
                    .findFirst()
                    .orElseThrow();
            assertThat(value(json(client.get("/v1.0/users/" + someone.id() + "/contacts?$top=1000", appToken))))
                    .hasSize(boxes.contacts(someone.id(), boxes.defaultFolderId(someone.id()))
                            .size());
        }
    }
}
