package io.switchboard.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.switchboard.emulator.EntraGroup;
import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.GraphEmulatorExtension;
import io.switchboard.emulator.Tenant;
import io.switchboard.testing.Api.Answer;
import io.switchboard.testing.EmulatedTenant;
import io.switchboard.testing.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The sync rules of SPEC §2 and §3 end to end against the emulated tenant, one test per rule. */
class SyncRulesIT extends IntegrationTest {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withEmptyTenant();

    static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        SMTP.start();
    }

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Autowired
    SyncService sync;

    private GraphEmulator emulator;
    private int created;

    @BeforeEach
    void connect(GraphEmulator emulator) throws Exception {
        this.emulator = emulator;
        SMTP.purgeEmailFromAllMailboxes();
        emulator.tenant().users().forEach(u -> emulator.tenant().purgeUser(u.id()));
        emulator.tenant().groups().forEach(g -> emulator.tenant().purgeGroup(g.id()));
        EmulatedTenant.connect(api, emulator);
    }

    private String user(String name, String mail) {
        Instant createdAt = Instant.parse("2020-01-01T00:00:00Z").plusSeconds(3600L * created++);
        return emulator.tenant()
                .createUser(b -> b.displayName(name)
                        .givenName(name)
                        .surname("Test")
                        .mail(mail)
                        .createdDateTime(createdAt))
                .id();
    }

    /** Saves the settings without the initial run (set up first), then runs a sync and returns it. */
    private SyncRun syncWith(String userSettings, String groupSettings) {
        jdbc.sql("DELETE FROM sync_setting WHERE name IN ('user-sync', 'group-sync')")
                .update();
        jdbc.sql("INSERT INTO sync_setting (name, document, updated_at) VALUES ('user-sync', ?, CURRENT_TIMESTAMP)")
                .param(userSettings)
                .update();
        jdbc.sql("INSERT INTO sync_setting (name, document, updated_at) VALUES ('group-sync', ?, CURRENT_TIMESTAMP)")
                .param(groupSettings)
                .update();
        return sync.runNow(SyncTrigger.MANUAL);
    }

    private SyncRun syncUsers(String userSettings) {
        return syncWith(userSettings, "{\"enabled\":false}");
    }

    private Map<String, JsonNode> synced() {
        return api.get("/api/v1/extensions?size=200")
                .body()
                .path("items")
                .valueStream()
                .filter(e -> e.path("origin").asString().equals("MICROSOFT_365"))
                .collect(Collectors.toMap(e -> e.path("sourceId").asString(), e -> e));
    }

    private Map<String, String> failures(SyncRun run) {
        return api.get("/api/v1/sync-runs/" + run.id() + "/results?size=200")
                .body()
                .path("items")
                .valueStream()
                .filter(r -> r.path("outcome").asString().equals("FAILED"))
                .collect(Collectors.toMap(
                        r -> r.path("sourceId").asString(), r -> r.path("code").asString()));
    }

    @Test
    void mapsTheUserFieldsAndSyncsOnlyTheChosenUserTypes_U1() {
        Instant at = Instant.parse("2020-01-01T00:00:00Z");
        String full = emulator.tenant()
                .createUser(b -> b.displayName("Ann Lee (Sales)")
                        .givenName("Ann")
                        .surname("Lee")
                        .mail("ann.lee@x.io")
                        .userPrincipalName("ann@x.onmicrosoft.com")
                        .mobilePhone("+1 425 555 0100")
                        .jobTitle("Sales lead")
                        .createdDateTime(at))
                .id();
        String onlyDisplayName = emulator.tenant()
                .createUser(b -> b.displayName("Front Desk")
                        .givenName(null)
                        .surname(null)
                        .mail(null)
                        .userPrincipalName("frontdesk@x.onmicrosoft.com")
                        .createdDateTime(at.plusSeconds(1)))
                .id();
        String guest = emulator.tenant()
                .createUser(b -> b.displayName("Gail Guest")
                        .givenName("Gail")
                        .surname("Guest")
                        .mail("gail@partner.example")
                        .userType("Guest")
                        .createdDateTime(at.plusSeconds(2)))
                .id();

        syncUsers("{\"enabled\":true,\"range\":\"ALL\"}");

        JsonNode ann = synced().get(full);
        assertThat(ann.path("firstName").asString()).isEqualTo("Ann");
        assertThat(ann.path("lastName").asString()).isEqualTo("Lee");
        assertThat(ann.path("email").asString()).isEqualTo("ann.lee@x.io");
        assertThat(ann.path("mobileNumber").asString()).isEqualTo("+1 425 555 0100");
        assertThat(ann.path("jobTitle").asString()).isEqualTo("Sales lead");
        JsonNode desk = synced().get(onlyDisplayName);
        assertThat(desk.path("firstName").asString())
                .as("first name from displayName")
                .isEqualTo("Front Desk");
        assertThat(desk.path("email").isNull())
                .as("no fallback to userPrincipalName")
                .isTrue();
        assertThat(synced()).containsKey(guest);

        syncUsers(
                "{\"enabled\":true,\"range\":\"USER_TYPES\",\"userTypes\":[\"GUEST\"],\"whenOutOfScope\":\"DELETE\"}");
        assertThat(synced()).containsOnlyKeys(guest);

        syncUsers("{\"enabled\":false}");
        emulator.tenant().updateUser(guest, b -> b.jobTitle("Ignored while off"));
        syncUsers("{\"enabled\":false}");
        assertThat(synced().get(guest).path("jobTitle").isNull())
                .as("user sync off")
                .isTrue();
    }

    @Test
    void assignsTheLowestFreeNumberAtOrAboveTheStartAndNeverChangesIt_U2() {
        String local = api.post("/api/v1/extensions", "{\"number\":\"2000\",\"firstName\":\"Local\"}")
                .text("id");
        api.post("/api/v1/extensions", "{\"number\":\"1999\",\"firstName\":\"Below\"}");
        String oldest = user("Oldest", "oldest@x.io");
        String second = user("Second", "second@x.io");
        syncUsers("{\"enabled\":true,\"startNumber\":\"2000\"}");
        assertThat(synced().get(oldest).path("number").asString()).isEqualTo("2001");
        assertThat(synced().get(second).path("number").asString()).isEqualTo("2002");

        assertThat(api.delete("/api/v1/extensions/" + local).status()).isEqualTo(204);
        String newcomer = user("Newcomer", "newcomer@x.io");
        emulator.tenant().updateUser(oldest, b -> b.jobTitle("Promoted"));
        syncUsers("{\"enabled\":true,\"startNumber\":\"2000\"}");

        assertThat(synced().get(newcomer).path("number").asString())
                .as("the freed number")
                .isEqualTo("2000");
        assertThat(synced().get(oldest).path("number").asString())
                .as("never changes")
                .isEqualTo("2001");
        assertThat(synced().get(second).path("number").asString()).isEqualTo("2002");
    }

    @Test
    void readsNumbersFromAPropertyAndReportsBadOnes_U2() {
        String good = emulator.tenant()
                .createUser(b -> b.displayName("Prop").mail("p@x.io").employeeId(" 4711 "))
                .id();
        String bad = emulator.tenant()
                .createUser(b -> b.displayName("Bad").mail("b@x.io").employeeId("E-1"))
                .id();

        String missing = emulator.tenant()
                .createUser(b -> b.displayName("None").mail("n@x.io"))
                .id();
        String localId = api.post("/api/v1/extensions", "{\"number\":\"4800\",\"firstName\":\"Local\"}")
                .text("id");
        String taken = emulator.tenant()
                .createUser(b -> b.displayName("Taken").mail("t@x.io").employeeId("4800"))
                .id();

        SyncRun run = syncUsers("{\"enabled\":true,\"numberSource\":\"PROPERTY\",\"numberProperty\":\"employeeId\"}");

        assertThat(synced().get(good).path("number").asString()).isEqualTo("4711");
        assertThat(synced().get(good).path("lockedFields").get(0).asString()).isEqualTo("number");
        assertThat(failures(run))
                .containsEntry(bad, "NUMBER_INVALID")
                .containsEntry(missing, "NUMBER_INVALID")
                .containsEntry(taken, "NUMBER_TAKEN");
        JsonNode localAfter = api.get("/api/v1/extensions/" + localId).body();
        assertThat(localAfter.path("origin").asString()).isEqualTo("LOCAL");
        assertThat(localAfter.path("firstName").asString())
                .as("a local extension is never changed")
                .isEqualTo("Local");
        assertThat(run.state()).isEqualTo(RunState.PARTIAL);
    }

    @Test
    void readsNumbersFromBusinessPhonesAndExtensionAttributes_U2() {
        String desk = emulator.tenant()
                .createUser(
                        b -> b.displayName("Desk").mail("desk@x.io").businessPhones(java.util.List.of("4712", "999")))
                .id();
        String formatted = emulator.tenant()
                .createUser(b -> b.displayName("Formatted")
                        .mail("formatted@x.io")
                        .businessPhones(java.util.List.of("+1 425 555 0100")))
                .id();
        String attribute = emulator.tenant()
                .createUser(b -> b.displayName("Attr").mail("attr@x.io").extensionAttribute(15, "4713"))
                .id();

        SyncRun byPhone =
                syncUsers("{\"enabled\":true,\"numberSource\":\"PROPERTY\",\"numberProperty\":\"businessPhones\"}");

        assertThat(synced().get(desk).path("number").asString())
                .as("the first value")
                .isEqualTo("4712");
        assertThat(failures(byPhone))
                .containsEntry(formatted, "NUMBER_INVALID")
                .containsEntry(attribute, "NUMBER_INVALID");

        jdbc.sql("DELETE FROM extension").update();
        SyncRun byAttribute = syncUsers("{\"enabled\":true,\"numberSource\":\"PROPERTY\","
                + "\"numberProperty\":\"onPremisesExtensionAttributes.extensionAttribute15\"}");

        assertThat(synced().get(attribute).path("number").asString()).isEqualTo("4713");
        assertThat(failures(byAttribute)).containsKeys(desk, formatted);
    }

    @Test
    void disabledAccountsAreDeletedOnlyWhenChecked_U3() {
        String a = user("Dis", "dis@x.io");
        syncUsers("{\"enabled\":true}");
        emulator.tenant().disableUser(a);

        syncUsers("{\"enabled\":true}");
        assertThat(synced()).containsKey(a);

        syncUsers("{\"enabled\":true,\"deleteWhenAccount\":[\"DISABLED\"]}");
        assertThat(synced()).doesNotContainKey(a);
    }

    @Test
    void deletedAccountsAreReleasedUnlessChecked_U3() {
        String a = user("Del", "del@x.io");
        syncUsers("{\"enabled\":true}");
        String extensionId = synced().get(a).path("id").asString();
        emulator.tenant().deleteUser(a);

        syncUsers("{\"enabled\":true}");

        JsonNode released = api.get("/api/v1/extensions/" + extensionId).body();
        assertThat(released.path("origin").asString()).isEqualTo("LOCAL");
        assertThat(released.path("lockedFields").isEmpty()).isTrue();
    }

    @Test
    void associatesAnExistingExtensionByEmail_U4() {
        String local = api.post(
                        "/api/v1/extensions", "{\"number\":\"3000\",\"firstName\":\"Old\",\"email\":\"ASSOC@x.io\"}")
                .text("id");
        String a = user("Assoc", "assoc@x.io");

        SyncRun off = syncUsers("{\"enabled\":true}");
        assertThat(failures(off)).containsEntry(a, "EMAIL_TAKEN");

        syncUsers("{\"enabled\":true,\"associateByEmail\":true}");
        JsonNode linked = api.get("/api/v1/extensions/" + local).body();
        assertThat(linked.path("sourceId").asString()).isEqualTo(a);
        assertThat(linked.path("number").asString()).isEqualTo("3000");
        assertThat(linked.path("firstName").asString()).isEqualTo("Assoc");
    }

    @Test
    void sendsTheWelcomeMailOncePerCreatedExtension_U5() throws Exception {
        user("Welcome", "welcome@x.io");

        syncUsers("{\"enabled\":true,\"sendWelcomeEmail\":true}");
        syncUsers("{\"enabled\":true,\"sendWelcomeEmail\":true}");

        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM welcome_mail WHERE state = 'SENT'")
                                .query(Long.class)
                                .single()
                        == 1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM welcome_mail")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(SMTP.getReceivedMessages()).hasSize(1);
        assertThat(SMTP.getReceivedMessages()[0].getAllRecipients()[0].toString())
                .isEqualTo("welcome@x.io");
    }

    @Autowired
    SyncRuns runs;

    @Autowired
    SyncProperties syncProperties;

    @Autowired
    PlanApplier applier;

    @Autowired
    io.switchboard.entra.TenantReader reader;

    @Autowired
    RuleSettings rules;

    @Autowired
    io.switchboard.directory.SyncedDirectory directory;

    @Test
    void aSyncRetriedAfterACrashSendsEachWelcomeMailOnce_U5() throws Exception {
        for (int i = 0; i < 8; i++) {
            user("Crash" + i, "crash" + i + "@x.io");
        }
        String settings = "{\"enabled\":true,\"sendWelcomeEmail\":true}";
        syncUsers("{\"enabled\":false}");
        jdbc.sql("UPDATE sync_setting SET document = ? WHERE name = 'user-sync'")
                .param(settings)
                .update();
        io.switchboard.entra.TenantReader.FullRead read = reader.readAll();
        io.switchboard.reconcile.Plan plan = io.switchboard.reconcile.Planner.plan(
                new io.switchboard.reconcile.Snapshot(read.users(), read.groups()),
                new io.switchboard.reconcile.ActualDirectory(directory.extensions(), directory.groups(), 1000),
                rules.users(),
                rules.groups());
        assertThat(plan.changes()).hasSize(8);
        SyncRun killed = runs.start(SyncTrigger.SCHEDULE, SyncKind.FULL, "instance-that-dies")
                .run();
        applier.apply(
                killed.id(),
                new io.switchboard.reconcile.Plan(
                        plan.changes().subList(0, 4), java.util.List.of(), java.util.List.of()),
                true,
                true,
                true);
        clock.advance(syncProperties.abandonedAfter().plusSeconds(1));
        assertThat(runs.failAbandoned(syncProperties.abandonedAfter())).isPresent();

        SyncRun retried = sync.runNow(SyncTrigger.SCHEDULE);
        SyncRun again = sync.runNow(SyncTrigger.MANUAL);

        assertThat(retried.counts().created()).isEqualTo(4);
        assertThat(again.counts().created()).isZero();
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM welcome_mail WHERE state = 'SENT'")
                                        .query(Long.class)
                                        .single()
                                == 8
                        && SMTP.getReceivedMessages().length >= 8);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM welcome_mail")
                        .query(Long.class)
                        .single())
                .as("one welcome mail per extension, whatever ran twice")
                .isEqualTo(8);
        java.util.List<String> recipients = new java.util.ArrayList<>();
        for (var message : SMTP.getReceivedMessages()) {
            recipients.add(message.getAllRecipients()[0].toString());
        }
        assertThat(recipients)
                .as("one welcome per created extension")
                .hasSize(8)
                .doesNotHaveDuplicates();
    }

    @Test
    void anItemThatFailsWhileApplyingIsRecordedWithItsReasonAndTheRestGoOn_U8() {
        String first = user("First", "first@x.io");
        String second = user("Second", "second@x.io");
        String third = user("Third", "third@x.io");
        syncUsers("{\"enabled\":false}");
        jdbc.sql("UPDATE sync_setting SET document = ? WHERE name = 'user-sync'")
                .param("{\"enabled\":true,\"startNumber\":\"7000\"}")
                .update();
        io.switchboard.entra.TenantReader.FullRead read = reader.readAll();
        io.switchboard.reconcile.Plan plan = io.switchboard.reconcile.Planner.plan(
                new io.switchboard.reconcile.Snapshot(read.users(), read.groups()),
                new io.switchboard.reconcile.ActualDirectory(directory.extensions(), directory.groups(), 1000),
                rules.users(),
                rules.groups());
        var creates = plan.changes(io.switchboard.reconcile.Change.CreateExtension.class);
        assertThat(creates).hasSize(3);
        var contested = creates.stream()
                .filter(c -> c.sourceId().equals(second))
                .findFirst()
                .orElseThrow();
        api.post(
                "/api/v1/extensions",
                "{\"number\":\"" + contested.input().number() + "\",\"firstName\":\"Meanwhile\"}");
        SyncRun run = runs.start(SyncTrigger.MANUAL, SyncKind.FULL, "test").run();

        applier.apply(run.id(), plan, false, true, true);
        SyncRun done = runs.finish(run.id(), null);

        assertThat(synced()).containsOnlyKeys(first, third);
        assertThat(done.state()).isEqualTo(RunState.PARTIAL);
        assertThat(done.counts().created()).isEqualTo(2);
        assertThat(done.counts().failed()).isEqualTo(1);
        SyncResult failed = runs.allResults(run.id()).stream()
                .filter(r -> r.outcome() == Outcome.FAILED)
                .findFirst()
                .orElseThrow();
        assertThat(failed.sourceId()).isEqualTo(second);
        assertThat(failed.code().name()).isEqualTo("NUMBER_TAKEN");
        assertThat(failed.reason()).isNotBlank();

        SyncRun next = sync.runNow(SyncTrigger.MANUAL);
        assertThat(next.counts().created())
                .as("the next run syncs it with another number")
                .isEqualTo(1);
        assertThat(synced()).containsKeys(first, second, third);
    }

    @Test
    void anEmailTakenWhileApplyingFailsThatChangeAloneInItsBatch_U8() {
        String first = user("First", "first@x.io");
        String second = user("Second", "second@x.io");
        String third = user("Third", "third@x.io");
        syncUsers("{\"enabled\":false}");
        jdbc.sql("UPDATE sync_setting SET document = ? WHERE name = 'user-sync'")
                .param("{\"enabled\":true,\"startNumber\":\"7000\"}")
                .update();
        io.switchboard.entra.TenantReader.FullRead read = reader.readAll();
        io.switchboard.reconcile.Plan plan = io.switchboard.reconcile.Planner.plan(
                new io.switchboard.reconcile.Snapshot(read.users(), read.groups()),
                new io.switchboard.reconcile.ActualDirectory(directory.extensions(), directory.groups(), 1000),
                rules.users(),
                rules.groups());
        assertThat(plan.changes(io.switchboard.reconcile.Change.CreateExtension.class))
                .hasSize(3);
        api.post("/api/v1/extensions", "{\"number\":\"4900\",\"firstName\":\"Meanwhile\",\"email\":\"SECOND@x.io\"}");
        SyncRun run = runs.start(SyncTrigger.MANUAL, SyncKind.FULL, "test").run();

        applier.apply(run.id(), plan, false, true, true);
        SyncRun done = runs.finish(run.id(), null);

        assertThat(synced()).containsOnlyKeys(first, third);
        assertThat(done.counts().created()).isEqualTo(2);
        assertThat(done.counts().failed()).isEqualTo(1);
        SyncResult failed = runs.allResults(run.id()).stream()
                .filter(r -> r.outcome() == Outcome.FAILED)
                .findFirst()
                .orElseThrow();
        assertThat(failed.sourceId()).isEqualTo(second);
        assertThat(failed.code().name()).isEqualTo("EMAIL_TAKEN");
        assertThat(failed.reason()).contains("4900");
    }

    @Test
    void usersLeavingTheRangeAreDeletedWhenAsked_U6() {
        String member = user("Member", "m@x.io");
        String guest = emulator.tenant()
                .createUser(b -> b.displayName("Guest").mail("g@x.io").userType("Guest"))
                .id();
        syncUsers("{\"enabled\":true}");
        assertThat(synced()).containsKeys(member, guest);

        syncUsers(
                "{\"enabled\":true,\"range\":\"USER_TYPES\",\"userTypes\":[\"MEMBER\"],\"whenOutOfScope\":\"DELETE\"}");

        assertThat(synced()).containsKey(member).doesNotContainKey(guest);
    }

    @Test
    void usersLeavingTheRangeAreReleasedWhenNotAskedToDelete_U6() {
        String member = user("Member", "m@x.io");
        String guest = emulator.tenant()
                .createUser(b -> b.displayName("Guest").mail("g@x.io").userType("Guest"))
                .id();
        syncUsers("{\"enabled\":true}");
        String guestExtension = synced().get(guest).path("id").asString();

        SyncRun run = syncUsers(
                "{\"enabled\":true,\"range\":\"USER_TYPES\",\"userTypes\":[\"MEMBER\"],\"whenOutOfScope\":\"RELEASE\"}");

        assertThat(synced()).containsOnlyKeys(member);
        JsonNode kept = api.get("/api/v1/extensions/" + guestExtension).body();
        assertThat(kept.path("origin").asString()).isEqualTo("LOCAL");
        assertThat(kept.path("lockedFields").isEmpty()).isTrue();
        assertThat(run.counts().deleted()).isZero();
        assertThat(api.patch("/api/v1/extensions/" + guestExtension, "{\"lastName\":\"Managed on the PBX\"}")
                        .status())
                .as("released to full PBX management")
                .isEqualTo(200);
    }

    @Test
    void syncedExtensionsAreLockedOnThePbx_U9() {
        String a = user("Locked", "locked@x.io");
        syncUsers("{\"enabled\":true}");
        String id = synced().get(a).path("id").asString();

        Answer rename = api.patch("/api/v1/extensions/" + id, "{\"lastName\":\"Other\"}");

        assertThat(rename.code()).isEqualTo("EXTENSION_LOCKED");
        assertThat(api.delete("/api/v1/extensions/" + id).code()).isEqualTo("EXTENSION_LOCKED");
        assertThat(api.patch("/api/v1/extensions/" + id, "{\"presence\":\"LUNCH_BREAK\"}")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void capacityStopsTheYoungestUsers_U10() {
        api.post("/api/v1/extensions", "{\"number\":\"1\",\"firstName\":\"Local\"}");
        api.patch("/api/v1/settings", "{\"extensionCapacity\":3}");
        String oldest = user("Oldest", "o@x.io");
        String middle = user("Middle", "mi@x.io");
        String youngest = user("Youngest", "y@x.io");

        SyncRun run = syncUsers("{\"enabled\":true}");

        assertThat(synced()).containsKeys(oldest, middle).doesNotContainKey(youngest);
        assertThat(failures(run)).containsEntry(youngest, "CAPACITY_REACHED");
    }

    @Test
    void theGroupLimitAndScopeOfGroupSync_G2_G3_G5() {
        for (int i = 0; i < 62; i++) {
            api.post("/api/v1/extension-groups", "{\"name\":\"Local " + i + "\"}");
        }
        EntraGroup older = emulator.tenant().createGroup(EntraGroup.security(Tenant.newObjectId(), "Older"));
        emulator.tenant().createGroup(EntraGroup.microsoft365(Tenant.newObjectId(), "Newer", "newer@x.io"));

        SyncRun run = syncWith("{\"enabled\":false}", "{\"enabled\":true}");

        assertThat(run.counts().created()).isEqualTo(1);
        assertThat(run.counts().failed()).isEqualTo(1);
        Map<String, String> failed = failures(run);
        assertThat(failed.values()).containsExactly("GROUP_LIMIT_REACHED");
        assertThat(failed).doesNotContainKey(older.id());

        emulator.tenant().deleteGroup(older.id());
        SyncRun after = syncWith("{\"enabled\":false}", "{\"enabled\":true,\"whenOutOfScope\":\"DELETE\"}");
        assertThat(after.counts().deleted()).isEqualTo(1);
    }

    private Map<String, JsonNode> syncedGroups() {
        return api.get("/api/v1/extension-groups?size=200")
                .body()
                .path("items")
                .valueStream()
                .filter(g -> g.path("origin").asString().equals("MICROSOFT_365"))
                .collect(Collectors.toMap(g -> g.path("sourceId").asString(), g -> g));
    }

    @Test
    void syncsTheChosenGroupTypesOrGroupsAndReleasesTheOthers_G1_G3() {
        EntraGroup security = emulator.tenant().createGroup(EntraGroup.security(Tenant.newObjectId(), "Engineers"));
        EntraGroup m365 =
                emulator.tenant().createGroup(EntraGroup.microsoft365(Tenant.newObjectId(), "Project X", "px@x.io"));
        EntraGroup distribution =
                emulator.tenant().createGroup(EntraGroup.distribution(Tenant.newObjectId(), "All staff", "all@x.io"));

        syncWith("{\"enabled\":false}", "{\"enabled\":true,\"range\":\"GROUP_TYPES\",\"groupTypes\":[\"SECURITY\"]}");
        assertThat(syncedGroups()).containsOnlyKeys(security.id());

        syncWith(
                "{\"enabled\":false}",
                "{\"enabled\":true,\"range\":\"GROUP_TYPES\",\"groupTypes\":[\"SECURITY\",\"MICROSOFT_365\"]}");
        assertThat(syncedGroups()).containsOnlyKeys(security.id(), m365.id());

        String engineers = syncedGroups().get(security.id()).path("id").asString();
        SyncRun picked = syncWith(
                "{\"enabled\":false}",
                "{\"enabled\":true,\"range\":\"GROUPS\",\"groupIds\":[\"" + m365.id() + "\",\"" + distribution.id()
                        + "\"],\"whenOutOfScope\":\"RELEASE\"}");

        assertThat(syncedGroups()).containsOnlyKeys(m365.id(), distribution.id());
        assertThat(picked.counts().deleted()).isZero();
        JsonNode released = api.get("/api/v1/extension-groups/" + engineers).body();
        assertThat(released.path("origin").asString())
                .as("released, not deleted")
                .isEqualTo("LOCAL");
        assertThat(api.patch("/api/v1/extension-groups/" + engineers, "{\"name\":\"Engineers (PBX)\"}")
                        .status())
                .as("released to full PBX management")
                .isEqualTo(200);
    }

    @Test
    void eachSectionShowsItsLastResultWithEveryFailureAndItsReason_U8_G5() {
        assertThat(api.get("/api/v1/integration/user-sync/last-result").status())
                .as("no run yet")
                .isEqualTo(204);
        api.post("/api/v1/extensions", "{\"number\":\"1\",\"firstName\":\"Local\",\"email\":\"taken@x.io\"}");
        String ok = user("Fine", "fine@x.io");
        String taken = user("Taken", "taken@x.io");
        for (int i = 0; i < 63; i++) {
            api.post("/api/v1/extension-groups", "{\"name\":\"Local " + i + "\"}");
        }
        EntraGroup tooMany = emulator.tenant().createGroup(EntraGroup.security(Tenant.newObjectId(), "One too many"));
        clock.advance(Duration.ofSeconds(1));

        SyncRun run = syncWith("{\"enabled\":true}", "{\"enabled\":true}");

        Answer users = api.get("/api/v1/integration/user-sync/last-result");
        assertThat(users.status()).isEqualTo(200);
        assertThat(users.text("runId")).isEqualTo(run.id().toString());
        assertThat(users.text("startedAt")).isNotBlank();
        assertThat(users.text("finishedAt")).isNotBlank();
        assertThat(users.text("duration")).startsWith("PT");
        assertThat(users.body().path("counts").path("created").asInt()).isEqualTo(1);
        assertThat(users.body().path("counts").path("failed").asInt()).isEqualTo(1);
        JsonNode userFailure = users.body().path("failures").get(0);
        assertThat(userFailure.path("sourceId").asString()).isEqualTo(taken);
        assertThat(userFailure.path("displayName").asString()).isNotBlank();
        assertThat(userFailure.path("code").asString()).isEqualTo("EMAIL_TAKEN");
        assertThat(userFailure.path("reason").asString()).isNotBlank();
        assertThat(users.body().path("failures").size()).isEqualTo(1);
        assertThat(synced()).containsOnlyKeys(ok);

        Answer groups = api.get("/api/v1/integration/group-sync/last-result");
        assertThat(groups.body().path("counts").path("created").asInt()).isZero();
        assertThat(groups.body().path("counts").path("failed").asInt()).isEqualTo(1);
        assertThat(groups.body().path("failures").get(0).path("sourceId").asString())
                .isEqualTo(tooMany.id());
        assertThat(groups.body().path("failures").get(0).path("code").asString())
                .isEqualTo("GROUP_LIMIT_REACHED");
        assertThat(groups.body().path("failures").get(0).path("reason").asString())
                .contains("63");
    }

    @Test
    void nestedGroupMembersCountWhenAsked_X8() {
        String inner = user("Inner", "inner@x.io");
        String outer = user("Outer", "outer@x.io");
        EntraGroup top = emulator.tenant().createGroup(EntraGroup.security(Tenant.newObjectId(), "Top"));
        EntraGroup nested = emulator.tenant().createGroup(EntraGroup.security(Tenant.newObjectId(), "Nested"));
        emulator.tenant().addMember(top.id(), outer);
        emulator.tenant().addMember(top.id(), nested.id());
        emulator.tenant().addMember(nested.id(), inner);

        syncUsers("{\"enabled\":true,\"range\":\"GROUPS\",\"groupIds\":[\"" + top.id() + "\"]}");
        assertThat(synced()).containsKey(outer).doesNotContainKey(inner);

        syncUsers("{\"enabled\":true,\"range\":\"GROUPS\",\"groupIds\":[\"" + top.id() + "\"],\"nestedGroups\":true}");
        assertThat(synced()).containsKeys(outer, inner);
    }

    @Test
    void nestedGroupMembersBecomeExtensionGroupMembersWhenAsked_X8() {
        String inner = user("Inner", "inner@x.io");
        String outer = user("Outer", "outer@x.io");
        EntraGroup top = emulator.tenant().createGroup(EntraGroup.security(Tenant.newObjectId(), "Top"));
        EntraGroup nested = emulator.tenant().createGroup(EntraGroup.security(Tenant.newObjectId(), "Nested"));
        emulator.tenant().addMember(top.id(), outer);
        emulator.tenant().addMember(top.id(), nested.id());
        emulator.tenant().addMember(nested.id(), inner);
        String groups = "{\"enabled\":true,\"range\":\"GROUPS\",\"groupIds\":[\"" + top.id() + "\"]}";

        syncWith("{\"enabled\":true}", groups);
        assertThat(memberSources(top.id())).containsExactly(outer);

        syncWith("{\"enabled\":true,\"nestedGroups\":true}", groups);
        assertThat(memberSources(top.id())).containsExactlyInAnyOrder(outer, inner);
    }

    private java.util.List<String> memberSources(String groupSourceId) {
        Map<String, String> sourceById = api.get("/api/v1/extensions?size=200")
                .body()
                .path("items")
                .valueStream()
                .collect(Collectors.toMap(
                        e -> e.path("id").asString(), e -> e.path("sourceId").asString()));
        return syncedGroups()
                .get(groupSourceId)
                .path("memberIds")
                .valueStream()
                .map(id -> sourceById.get(id.asString()))
                .toList();
    }
}
