package io.switchboard.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import io.switchboard.emulator.ContactFolder;
import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.GraphEmulatorExtension;
import io.switchboard.emulator.MailboxContact;
import io.switchboard.emulator.OutlookContact;
import io.switchboard.entra.EntraChangesNotified;
import io.switchboard.reconcile.ObjectType;
import io.switchboard.sync.Outcome;
import io.switchboard.sync.RunState;
import io.switchboard.sync.SyncResult;
import io.switchboard.sync.SyncRun;
import io.switchboard.sync.SyncRuns;
import io.switchboard.sync.SyncService;
import io.switchboard.sync.SyncTrigger;
import io.switchboard.testing.Api;
import io.switchboard.testing.Browser;
import io.switchboard.testing.EmulatedTenant;
import io.switchboard.testing.IntegrationTest;
import io.switchboard.trigger.ChangeTrigger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;

/**
 * Outlook contacts against the emulated tenant (O1–O4): personal contacts of every folder, shared
 * mailboxes into one hidden phonebook, validation, sharing in delegated mode, ids kept across
 * changes and moves, failures that remove nothing, preview = run, and switching off, disabling and
 * disconnecting with and without deletion.
 */
class OutlookContactsIT extends IntegrationTest {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withEmptyTenant();

    static final Set<String> APP_PERMISSIONS =
            Set.of("User.Read.All", "Group.Read.All", "Directory.Read.All", "Contacts.Read", "MailboxSettings.Read");

    @Autowired
    SyncService sync;

    @Autowired
    SyncRuns runs;

    @Autowired
    RecurringTask<Void> scheduledSyncTask;

    @Autowired
    ChangeTrigger changeTrigger;

    @Autowired
    ApplicationEventPublisher events;

    GraphEmulator emulator;

    @BeforeEach
    void emptyTenantAndNoContacts(GraphEmulator emulator) {
        this.emulator = emulator;
        jdbc.sql("DELETE FROM contact").update();
        jdbc.sql("DELETE FROM phonebook").update();
        jdbc.sql("DELETE FROM contact_folder_state").update();
        jdbc.sql("DELETE FROM contact_mailbox_state").update();
        jdbc.sql("DELETE FROM contact_no_mailbox").update();
        emulator.mailboxes().throttle().reset();
        emulator.app().grantAdminConsent();
        emulator.tenant().users().forEach(u -> emulator.tenant().purgeUser(u.id()));
        emulator.tenant().groups().forEach(g -> emulator.tenant().purgeGroup(g.id()));
        jdbc.sql("INSERT INTO sync_setting (name, document, updated_at) VALUES ('user-sync', '{\"enabled\":true}',"
                        + " CURRENT_TIMESTAMP)")
                .update();
    }

    private void connectApplication() {
        EmulatedTenant.configure(api, emulator, "APPLICATION");
        emulator.app().setApplicationPermissions(APP_PERMISSIONS);
        assertThat(api.post("/api/v1/integration/sign-in", null)
                        .body()
                        .path("integration")
                        .path("status")
                        .asString())
                .isEqualTo("CONNECTED");
    }

    private void connectDelegated() throws Exception {
        api.patch("/api/v1/settings", "{\"publicBaseUrl\":\"" + api.base() + "\"}");
        emulator.app().addRedirectUri(api.base() + "/integration/callback");
        EmulatedTenant.configure(api, emulator, "DELEGATED");
        HttpClient browser = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String authorizationUrl = api.post("/api/v1/integration/sign-in", null).text("authorizationUrl");
        HttpResponse<String> atMicrosoft = browser.send(
                HttpRequest.newBuilder(URI.create(authorizationUrl)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String back = atMicrosoft.headers().firstValue("Location").orElseThrow();
        browser.send(HttpRequest.newBuilder(URI.create(back)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.get("/api/v1/integration").text("status")).isEqualTo("CONNECTED");
    }

    private void contactSync(String document) {
        jdbc.sql("DELETE FROM sync_setting WHERE name = 'contact-sync'").update();
        jdbc.sql("INSERT INTO sync_setting (name, document, updated_at) VALUES ('contact-sync', ?, CURRENT_TIMESTAMP)")
                .param(document)
                .update();
    }

    private String user(String given, String surname) {
        return emulator.tenant()
                .createUser(b -> b.displayName(given + " " + surname)
                        .givenName(given)
                        .surname(surname)
                        .mail(given.toLowerCase() + "@contoso.example")
                        .userPrincipalName(given.toLowerCase() + "@contoso.example"))
                .id();
    }

    private String sharedMailbox(String name, String purpose) {
        String id = emulator.tenant()
                .createUser(b -> b.displayName(name)
                        .mail(name.toLowerCase() + "@contoso.example")
                        .userPrincipalName(name.toLowerCase() + "@contoso.example")
                        .accountEnabled(false))
                .id();
        emulator.mailboxes().setPurpose(id, purpose);
        return id;
    }

    private MailboxContact contact(String userId, String folderId, String given, String surname, String phone) {
        return emulator.mailboxes()
                .addContact(
                        userId,
                        folderId == null ? emulator.mailboxes().defaultFolderId(userId) : folderId,
                        OutlookContact.of(given, surname, phone));
    }

    private SyncRun run() {
        SyncRun run = sync.runNow(SyncTrigger.MANUAL);
        assertThat(run.finishedAt()).isNotNull();
        return run;
    }

    private List<SyncResult> contactResults(SyncRun run) {
        return runs.allResults(run.id()).stream()
                .filter(r -> r.objectType().contactSync())
                .toList();
    }

    private String extensionOf(String userId) {
        return jdbc.sql("SELECT id FROM extension WHERE source_id = ?")
                .param(userId)
                .query(String.class)
                .single();
    }

    private Map<String, JsonNode> personalContacts(String userId) {
        return personalContactsOf(extensionOf(userId));
    }

    private Map<String, JsonNode> personalContactsOf(String extensionId) {
        Map<String, JsonNode> bySource = new HashMap<>();
        api.get("/api/v1/extensions/" + extensionId + "/personal-contacts?size=200")
                .body()
                .path("items")
                .forEach(c -> bySource.put(c.path("sourceId").asString(), c));
        return bySource;
    }

    @Test
    void everyFolderNestedTooBecomesLockedPersonalContactsThatKeepTheirIdsThroughChangeMoveAndDelete_O1() {
        String alice = user("Alice", "Archer");
        ContactFolder work = emulator.mailboxes().addFolder(alice, null, "Work");
        ContactFolder suppliers = emulator.mailboxes().addFolder(alice, work.id(), "Suppliers");
        MailboxContact inDefault = contact(alice, null, "Dan", "Default", "+1 425 555 0100");
        MailboxContact inWork = contact(alice, work.id(), "Wendy", "Work", "425.555.0101");
        MailboxContact nested = contact(alice, suppliers.id(), "Sam", "Supplier", "00 44 20 7946 0958");
        contactSync("{\"personal\":{\"enabled\":true}}");
        connectApplication();

        SyncRun first = run();

        assertThat(first.state()).isEqualTo(RunState.SUCCEEDED);
        Map<String, JsonNode> synced = personalContacts(alice);
        assertThat(synced).containsOnlyKeys(inDefault.immutableId(), inWork.immutableId(), nested.immutableId());
        JsonNode wendy = synced.get(inWork.immutableId());
        assertThat(wendy.path("origin").asString()).isEqualTo("MICROSOFT_365");
        assertThat(wendy.path("businessPhone").asString()).isEqualTo("425.555.0101");
        assertThat(wendy.path("sourceMailbox").asString()).isEqualTo("alice@contoso.example");
        assertThat(wendy.path("lockedFields").valueStream().map(JsonNode::asString))
                .contains("firstName", "mobilePhone");
        String path = "/api/v1/extensions/" + extensionOf(alice) + "/personal-contacts/"
                + wendy.path("id").asString();
        assertThat(api.patch(path, "{\"firstName\":\"X\"}").code()).isEqualTo("CONTACT_LOCKED");
        assertThat(api.delete(path).code()).isEqualTo("CONTACT_LOCKED");
        assertThat(api.get("/api/v1/lookup?number=%2B1%20(425)%20555-0101")
                        .body()
                        .toString())
                .as("X5: a contact written by the sync is found by caller-ID lookup")
                .contains("\"type\":\"PERSONAL_CONTACT\"")
                .contains(wendy.path("id").asString());
        assertThat(contactResults(first))
                .filteredOn(r -> r.objectType() == ObjectType.CONTACT)
                .extracting(SyncResult::outcome, SyncResult::owner)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(Outcome.CREATED, "alice@contoso.example"));

        emulator.mailboxes().updateContact(alice, inDefault.immutableId(), b -> b.jobTitle("Buyer"));
        emulator.mailboxes().moveContact(alice, inWork.immutableId(), suppliers.id());
        emulator.mailboxes().deleteContact(alice, nested.immutableId());
        SyncRun second = run();

        Map<String, JsonNode> after = personalContacts(alice);
        assertThat(after).containsOnlyKeys(inDefault.immutableId(), inWork.immutableId());
        assertThat(after.get(inDefault.immutableId()).path("jobTitle").asString())
                .isEqualTo("Buyer");
        assertThat(after.get(inWork.immutableId()).path("id").asString())
                .as("a contact moved between folders keeps its PBX id")
                .isEqualTo(wendy.path("id").asString());
        assertThat(contactResults(second))
                .extracting(SyncResult::sourceId, SyncResult::outcome)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(inDefault.immutableId(), Outcome.UPDATED),
                        org.assertj.core.groups.Tuple.tuple(inWork.immutableId(), Outcome.UPDATED),
                        org.assertj.core.groups.Tuple.tuple(nested.immutableId(), Outcome.DELETED));
    }

    @Test
    void withOnlyContactSyncOnUpdateNowTheScheduleAndTheChangeTriggerStartRunsAndAllOffIsNothingToSync_O2_M1_M2_M3() {
        jdbc.sql("UPDATE sync_setting SET document = '{\"enabled\":false}' WHERE name = 'user-sync'")
                .update();
        String suppliers = sharedMailbox("Suppliers", "shared");
        contact(suppliers, null, "Sue", "Supplier", "+1 425 555 0111");
        contactSync("{\"sharedMailboxes\":{\"enabled\":true}}");
        connectApplication();

        assertThat(api.post("/api/v1/integration/sync", null).status()).isEqualTo(202);
        assertThat(awaitFinished(SyncTrigger.MANUAL).state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(sharedPhonebookContacts()).hasSize(1);

        contact(suppliers, null, "Sam", "Supplier", "+1 425 555 0112");
        scheduledSyncTask.execute(null, null);
        assertThat(awaitFinished(SyncTrigger.SCHEDULE).state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(sharedPhonebookContacts()).hasSize(2);

        assertThat(api.put(
                                "/api/v1/integration/change-trigger",
                                "{\"enabled\":true,\"mode\":\"POLLING\",\"delay\":\"PT0S\"}")
                        .status())
                .isEqualTo(200);
        assertThat(changeTrigger.effectiveMode()).isEqualTo(ChangeTrigger.EffectiveMode.POLLING);
        String customers = sharedMailbox("Customers", "shared");
        contact(customers, null, "Carl", "Customer", "+1 425 555 0113");
        events.publishEvent(new EntraChangesNotified(Set.of(customers), Set.of()));
        assertThat(awaitFinished(SyncTrigger.CHANGE).state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(sharedPhonebookContacts()).hasSize(3);

        contactSync("{\"personal\":{\"enabled\":false},\"sharedMailboxes\":{\"enabled\":false}}");
        Api.Answer refused = api.post("/api/v1/integration/sync", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("NOTHING_TO_SYNC");
        assertThat(changeTrigger.effectiveMode()).isEqualTo(ChangeTrigger.EffectiveMode.OFF);
    }

    private SyncRun awaitFinished(SyncTrigger trigger) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> runs.page(io.switchboard.shared.PageRequest.of(0, 50)).items().stream()
                        .anyMatch(r -> r.trigger() == trigger && r.finishedAt() != null));
        return runs.page(io.switchboard.shared.PageRequest.of(0, 50)).items().stream()
                .filter(r -> r.trigger() == trigger)
                .findFirst()
                .orElseThrow();
    }

    private List<JsonNode> sharedPhonebookContacts() {
        JsonNode books = api.get("/api/v1/phonebooks").body().path("items");
        assertThat(books).hasSize(1);
        return api.get("/api/v1/phonebooks/" + books.get(0).path("id").asString() + "/contacts")
                .body()
                .path("items")
                .valueStream()
                .toList();
    }

    @Test
    void aRunWithoutContactChangesCostsOneBatchPerTwentyMailboxes_O1() {
        for (int i = 0; i < 25; i++) {
            String id = user("User" + i, "Load");
            contact(id, null, "Contact", "Of" + i, "+1 425 555 01" + (10 + i));
        }
        contactSync("{\"personal\":{\"enabled\":true}}");
        connectApplication();
        run();
        run();
        emulator.requestLog().clear();

        SyncRun quiet = run();

        assertThat(contactResults(quiet)).isEmpty();
        long batches = emulator.requestLog().all().stream()
                .filter(r -> !r.batchItem() && r.path().endsWith("/$batch"))
                .count();
        long contactItems = emulator.requestLog().all().stream()
                .filter(r -> r.batchItem() && r.target().contains("/contacts/delta"))
                .count();
        assertThat(contactItems).isEqualTo(25);
        assertThat(batches)
                .as("$batch requests of a run without changes: ceil(25 / 20)")
                .isEqualTo(2);
    }

    @Test
    void contactsWithoutANameOrAPhoneAreReportedAndTheRestSync_O3() {
        String bob = user("Bob", "Baker");
        contact(bob, null, "Valid", "Contact", "+1 425 555 0199");
        MailboxContact noName = emulator.mailboxes()
                .addContact(
                        bob,
                        emulator.mailboxes().defaultFolderId(bob),
                        OutlookContact.builder()
                                .displayName("Only a display name")
                                .givenName(" \u200B ")
                                .businessPhones(List.of("+1 425 555 0198"))
                                .build());
        MailboxContact noPhone = contact(bob, null, "No", "Phone", "call me");
        contactSync("{\"personal\":{\"enabled\":true}}");
        connectApplication();

        SyncRun run = run();

        assertThat(run.state()).isEqualTo(RunState.PARTIAL);
        assertThat(personalContacts(bob)).hasSize(1);
        Map<String, String> codes = contactResults(run).stream()
                .filter(r -> r.outcome() == Outcome.FAILED)
                .collect(Collectors.toMap(SyncResult::sourceId, r -> r.code().name()));
        assertThat(codes)
                .containsEntry(noName.immutableId(), "CONTACT_NAME_MISSING")
                .containsEntry(noPhone.immutableId(), "CONTACT_PHONE_MISSING")
                .hasSize(2);
    }

    @Test
    void aUserWithoutAMailboxIsSkippedAndAThrottlingStormRemovesNothing_O1() {
        String carol = user("Carol", "Cole");
        contact(carol, null, "Kept", "Contact", "+1 425 555 0177");
        String noMailbox = emulator.tenant()
                .createUser(b -> b.displayName("No Mailbox")
                        .givenName("No")
                        .mail("nomail@contoso.example")
                        .hasMailbox(false))
                .id();
        contactSync("{\"personal\":{\"enabled\":true}}");
        connectApplication();
        SyncRun first = run();
        assertThat(contactResults(first))
                .filteredOn(r -> r.objectType() == ObjectType.MAILBOX)
                .extracting(
                        SyncResult::sourceId, SyncResult::outcome, r -> r.code().name())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(noMailbox, Outcome.SKIPPED, "NO_MAILBOX"));
        assertThat(first.state()).isEqualTo(RunState.SUCCEEDED);

        emulator.mailboxes().throttle().force(null, 1000, "0");
        SyncRun storm = run();

        assertThat(personalContacts(carol)).hasSize(1);
        assertThat(contactResults(storm))
                .filteredOn(r -> r.sourceId().equals(carol))
                .extracting(r -> r.code().name())
                .containsExactly("SOURCE_UNREADABLE");
        emulator.mailboxes().throttle().reset();
        emulator.mailboxes()
                .deleteContact(
                        carol, emulator.mailboxes().contacts(carol).get(0).immutableId());
        run();
        assertThat(personalContacts(carol))
                .as("after the storm the deletion is seen")
                .isEmpty();
    }

    @Test
    void aUserWithoutAMailboxIsAskedAgainOnlyOnAFullRunOrAfterADayAndStaysReportedSkipped_O1() {
        String carol = user("Carol", "Cole");
        contact(carol, null, "Kept", "Contact", "+1 425 555 0177");
        String noMailbox = emulator.tenant()
                .createUser(b -> b.displayName("No Mailbox")
                        .givenName("No")
                        .mail("nomail@contoso.example")
                        .hasMailbox(false))
                .id();
        contactSync("{\"personal\":{\"enabled\":true}}");
        connectApplication();
        SyncRun first = run();
        String export = "/api/v1/sync-runs/" + first.id() + "/export?format=";
        assertThat(api.get(export + "csv").raw().body())
                .as("the CSV export carries the owner (X4)")
                .contains(",CREATE,CREATED,,Synced from Outlook,carol@contoso.example\r\n");
        assertThat(api.get(export + "json")
                        .body()
                        .path("results")
                        .valueStream()
                        .filter(r -> r.path("objectType").asString().equals("CONTACT"))
                        .map(r -> r.path("owner").asString())
                        .toList())
                .containsExactly("carol@contoso.example");
        emulator.requestLog().clear();

        SyncRun delta = run();

        assertThat(delta.kind()).isEqualTo(io.switchboard.sync.SyncKind.DELTA);
        assertThat(askedAbout(noMailbox))
                .as("a delta run trusts the remembered NO_MAILBOX")
                .isZero();
        assertThat(askedAbout(carol)).isPositive();
        assertThat(contactResults(delta))
                .extracting(
                        SyncResult::sourceId, SyncResult::outcome, r -> r.code().name())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(noMailbox, Outcome.SKIPPED, "NO_MAILBOX"));

        jdbc.sql("UPDATE contact_no_mailbox SET checked_at = ?")
                .param(clock.instant().minus(Duration.ofHours(25)).atOffset(java.time.ZoneOffset.UTC))
                .update();
        emulator.requestLog().clear();
        SyncRun dayLater = run();

        assertThat(askedAbout(noMailbox)).as("checked again after 24 h").isPositive();
        assertThat(contactResults(dayLater))
                .extracting(SyncResult::sourceId, r -> r.code().name())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(noMailbox, "NO_MAILBOX"));
    }

    private long askedAbout(String userId) {
        return emulator.requestLog().all().stream()
                .filter(r -> r.batchItem() && r.target().contains(userId))
                .count();
    }

    @Test
    void sharedMailboxContactsGoIntoTheNamedHiddenLockedPhonebookRenamedInPlace_O2_O4() {
        String suppliers = sharedMailbox("Suppliers", "shared");
        String room = sharedMailbox("Room1", "room");
        contact(suppliers, null, "Sue", "Supplier", "+1 425 555 0111");
        contact(room, null, "Not", "Synced", "+1 425 555 0112");
        contactSync("{\"sharedMailboxes\":{\"enabled\":true,\"phonebookName\":\"Suppliers book\"}}");
        connectApplication();

        run();

        JsonNode books = api.get("/api/v1/phonebooks").body().path("items");
        assertThat(books).hasSize(1);
        JsonNode book = books.get(0);
        assertThat(book.path("name").asString()).isEqualTo("Suppliers book");
        assertThat(book.path("origin").asString()).isEqualTo("MICROSOFT_365");
        assertThat(book.path("visibleTo").path("extensionIds")).isEmpty();
        assertThat(book.path("visibleTo").path("groupIds")).isEmpty();
        String bookId = book.path("id").asString();
        JsonNode contacts =
                api.get("/api/v1/phonebooks/" + bookId + "/contacts").body().path("items");
        assertThat(contacts).hasSize(1);
        assertThat(contacts.get(0).path("sourceMailbox").asString()).isEqualTo("suppliers@contoso.example");
        assertThat(api.delete("/api/v1/phonebooks/" + bookId).code()).isEqualTo("PHONEBOOK_LOCKED");
        assertThat(api.delete("/api/v1/phonebooks/" + bookId + "/contacts/"
                                + contacts.get(0).path("id").asString())
                        .code())
                .isEqualTo("CONTACT_LOCKED");

        contactSync("{\"sharedMailboxes\":{\"enabled\":true,\"phonebookName\":\"Vendors\"}}");
        run();

        JsonNode renamed = api.get("/api/v1/phonebooks/" + bookId).body();
        assertThat(renamed.path("name").asString()).isEqualTo("Vendors");
        assertThat(api.get("/api/v1/phonebooks/" + bookId + "/contacts")
                        .body()
                        .path("items")
                        .get(0)
                        .path("id")
                        .asString())
                .isEqualTo(contacts.get(0).path("id").asString());
    }

    @Test
    void delegatedModeReportsWhatIsNotSharedAndSyncsTheRest_O1_O2() throws Exception {
        String me = user("Ada", "Admin");
        emulator.app().signInAs(me);
        String dora = user("Dora", "Dale");
        String eve = user("Eve", "Eaton");
        ContactFolder doraPrivate = emulator.mailboxes().addFolder(dora, null, "Private");
        contact(dora, null, "Shared", "Contact", "+1 425 555 0120");
        contact(dora, doraPrivate.id(), "Private", "Contact", "+1 425 555 0121");
        contact(eve, null, "Eves", "Contact", "+1 425 555 0122");
        contact(me, null, "Own", "Contact", "+1 425 555 0123");
        emulator.mailboxes().shareFolder(dora, emulator.mailboxes().defaultFolderId(dora), me);
        String closed = sharedMailbox("Closed", "shared");
        contactSync("{\"personal\":{\"enabled\":true},\"sharedMailboxes\":{\"enabled\":true,\"range\":\"MAILBOXES\","
                + "\"mailboxIds\":[\"" + closed + "\"]}}");
        connectDelegated();

        SyncRun run = run();

        assertThat(personalContacts(dora)).hasSize(1);
        assertThat(personalContacts(eve)).isEmpty();
        assertThat(personalContacts(me))
                .as("the authorization account's own contacts")
                .hasSize(1);
        assertThat(contactResults(run))
                .filteredOn(r -> r.outcome() == Outcome.FAILED)
                .extracting(
                        SyncResult::objectType,
                        SyncResult::sourceId,
                        r -> r.code().name())
                .contains(
                        org.assertj.core.groups.Tuple.tuple(
                                ObjectType.CONTACT_FOLDER, doraPrivate.id(), "FOLDER_NOT_SHARED"),
                        org.assertj.core.groups.Tuple.tuple(ObjectType.MAILBOX, eve, "CONTACTS_NOT_SHARED"),
                        org.assertj.core.groups.Tuple.tuple(ObjectType.MAILBOX, closed, "MAILBOX_NOT_ACCESSIBLE"))
                .noneMatch(t -> t.toList().contains(dora) || t.toList().contains(me));

        emulator.mailboxes().unshareFolder(dora, emulator.mailboxes().defaultFolderId(dora), me);
        SyncRun unshared = run();

        assertThat(personalContacts(dora))
                .as("a user who stops sharing loses the synced contacts")
                .isEmpty();
        assertThat(contactResults(unshared))
                .filteredOn(r -> dora.equals(r.sourceId()))
                .extracting(r -> r.code().name())
                .containsExactly("CONTACTS_NOT_SHARED");
        JsonNode picker = api.get("/api/v1/integration/directory/shared-mailboxes?q=Clo")
                .body()
                .path("items");
        assertThat(picker).hasSize(1);
        assertThat(picker.get(0).path("readable").asBoolean()).isFalse();
    }

    @Test
    void thePreviewShowsWhatTheRunThenDoes_X1() {
        String frank = user("Frank", "Ford");
        MailboxContact gone = contact(frank, null, "Pre", "View", "+1 425 555 0130");
        contact(frank, null, "Kept", "Contact", "+1 425 555 0132");
        contactSync("{\"personal\":{\"enabled\":true}}");
        connectApplication();
        run();
        contact(frank, null, "New", "One", "+1 425 555 0131");
        contact(frank, null, "No", "Phone", "none");
        emulator.mailboxes().deleteContact(frank, gone.immutableId());

        JsonNode preview =
                api.post("/api/v1/integration/sync?dryRun=true", null).body().path("contacts");
        Set<String> previewed = preview.valueStream()
                .filter(r -> !r.path("outcome").asString().equals("UNCHANGED"))
                .map(r ->
                        r.path("sourceId").asString() + " " + r.path("outcome").asString())
                .collect(Collectors.toSet());
        assertThat(personalContacts(frank))
                .as("a preview changes nothing")
                .containsKey(gone.immutableId())
                .hasSize(2);
        SyncRun run = run();
        Set<String> done = contactResults(run).stream()
                .filter(r -> r.outcome() != Outcome.UNCHANGED)
                .map(r -> r.sourceId() + " " + r.outcome())
                .collect(Collectors.toSet());

        assertThat(previewed).isEqualTo(done).hasSize(3).contains(gone.immutableId() + " DELETED");
    }

    @Test
    void savingTheSettingsValidatesStartsARunAndSwitchingOffReleasesOrDeletes_O1() {
        String gina = user("Gina", "Gray");
        contact(gina, null, "Gina's", "Friend", "+1 425 555 0140");
        connectApplication();
        run();

        assertThat(api.put("/api/v1/integration/contact-sync", "{\"personal\":{\"range\":\"SOME\"}}")
                        .body()
                        .path("errors")
                        .toString())
                .contains("personal.range");
        Api.Answer saved = api.put("/api/v1/integration/contact-sync", "{\"personal\":{\"enabled\":true}}");
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body().path("sharedMailboxes").path("phonebookName").asString())
                .isEqualTo("Microsoft 365");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode newest = api.get("/api/v1/sync-runs").body().path("items").get(0);
            return newest.path("trigger").asString().equals("INITIAL")
                    && !newest.path("state").asString().equals("RUNNING");
        });
        assertThat(personalContacts(gina)).hasSize(1);

        api.put("/api/v1/integration/contact-sync", "{\"personal\":{\"enabled\":false}}");
        assertThat(personalContacts(gina).values())
                .extracting(c -> c.path("origin").asString())
                .containsExactly("LOCAL");

        jdbc.sql("DELETE FROM contact").update();
        contactSync("{\"personal\":{\"enabled\":true}}");
        run();
        api.put("/api/v1/integration/contact-sync", "{\"personal\":{\"enabled\":false},\"deleteSyncedContacts\":true}");
        assertThat(personalContacts(gina)).isEmpty();
    }

    @Test
    void disablingKeepsOrDeletesAndDisconnectingReleasesOrDeletes_M6_M7() {
        String hank = user("Hank", "Hill");
        contact(hank, null, "Hanks", "Friend", "+1 425 555 0150");
        String vendors = sharedMailbox("Vendors", "shared");
        contact(vendors, null, "Vic", "Vendor", "+1 425 555 0151");
        contactSync("{\"personal\":{\"enabled\":true},\"sharedMailboxes\":{\"enabled\":true}}");
        connectApplication();
        run();

        api.post("/api/v1/integration/disable", "{}");
        assertThat(personalContacts(hank).values())
                .extracting(c -> c.path("origin").asString())
                .containsExactly("MICROSOFT_365");
        assertThat(api.put("/api/v1/integration/contact-sync", "{\"personal\":{\"enabled\":false}}")
                        .code())
                .isEqualTo("SETTINGS_FROZEN");
        api.post("/api/v1/integration/enable", null);
        api.post("/api/v1/integration/disable", "{\"deleteSyncedContacts\":true}");
        assertThat(personalContacts(hank)).isEmpty();
        assertThat(api.get("/api/v1/phonebooks").body().path("items")).isEmpty();

        api.post("/api/v1/integration/enable", null);
        run();
        assertThat(personalContacts(hank)).hasSize(1);
        String hanksExtension = extensionOf(hank);
        api.post("/api/v1/integration/disconnect", "{}");
        assertThat(personalContactsOf(hanksExtension).values())
                .extracting(c -> c.path("origin").asString())
                .containsExactly("LOCAL");
        assertThat(api.get("/api/v1/phonebooks")
                        .body()
                        .path("items")
                        .get(0)
                        .path("origin")
                        .asString())
                .isEqualTo("LOCAL");
    }

    @Test
    void thePortalTabSavesBothPartsFromTheFormInEnglishAndChinese_O1_O2() {
        String shared = sharedMailbox("Helpdesk", "shared");
        connectApplication();
        try (Browser browser = Browser.start("zh-CN")) {
            WebDriver page = browser.driver();
            page.get(api.base() + "/login");
            page.findElement(By.id("username")).sendKeys("admin");
            page.findElement(By.id("password")).sendKeys(Api.ADMIN_PASSWORD);
            page.findElement(By.id("submit")).click();
            new WebDriverWait(page, Duration.ofSeconds(10))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("sync")));
            page.get(api.base() + "/integrations/microsoft-365/contacts");
            assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Microsoft Outlook 联系人同步");
            assertThat(page.findElement(By.id("application-mode-hint")).getText())
                    .contains("无需共享");
            browser.screenshot("m365-contacts-zh");
            browser.assertNoSeriousAccessibilityViolations();
            page.findElement(By.id("personal-enabled")).click();
            page.findElement(By.id("shared-enabled")).click();
            page.findElement(By.id("shared-range-mailboxes")).click();
            new Select(page.findElement(By.id("mailbox-picker"))).selectByValue(shared);
            page.findElement(By.id("phonebook-name")).clear();
            page.findElement(By.id("phonebook-name")).sendKeys("服务台");
            page.findElement(By.id("contacts-save")).click();
            new WebDriverWait(page, Duration.ofSeconds(10))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("contacts-saved")));
            browser.assertNoSeriousAccessibilityViolations();
        }

        JsonNode saved = api.get("/api/v1/integration/contact-sync").body();
        assertThat(saved.path("personal").path("enabled").asBoolean()).isTrue();
        assertThat(saved.path("sharedMailboxes").path("range").asString()).isEqualTo("MAILBOXES");
        assertThat(saved.path("sharedMailboxes").path("mailboxIds").get(0).asString())
                .isEqualTo(shared);
        assertThat(saved.path("sharedMailboxes").path("phonebookName").asString())
                .isEqualTo("服务台");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !api.get("/api/v1/sync-runs")
                        .body()
                        .path("items")
                        .get(0)
                        .path("state")
                        .asString()
                        .equals("RUNNING"));
    }
}
