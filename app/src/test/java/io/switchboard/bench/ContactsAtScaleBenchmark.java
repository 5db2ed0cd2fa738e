package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.GraphEmulatorExtension;
import io.switchboard.emulator.OutlookContact;
import io.switchboard.sync.SyncRun;
import io.switchboard.sync.SyncService;
import io.switchboard.sync.SyncTrigger;
import io.switchboard.testing.EmulatedTenant;
import io.switchboard.testing.IntegrationTest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Outlook contacts at scale (issue 17 point 6): 2,000 users with 50 contacts each, a first run and
 * a run in which no contact changed. Not part of the default suite; run it with
 * {@code ./mvnw -B verify -pl app -am -Dit.test=ContactsAtScaleBenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.includes=**}{@code /*Benchmark.java}.
 * It prints wall times and Graph requests (the emulator's log); it asserts only the request bound
 * of point 6 as it applies to mailboxes with sub-folders (Graph's contacts delta is per folder): a
 * no-change run sends one item per known folder, 20 to a {@code $batch}; users without a mailbox
 * are remembered and not asked again.
 */
class ContactsAtScaleBenchmark extends IntegrationTest {

    static final int USERS = Integer.getInteger("bench.users", 2_000);
    static final int CONTACTS = Integer.getInteger("bench.contacts", 50);

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withGeneratedTenant(17, USERS);

    @Autowired
    SyncService sync;

    @Test
    void firstRunAndANoChangeRun(GraphEmulator emulator) {
        EmulatedTenant.configure(api, emulator, "APPLICATION");
        emulator.app()
                .setApplicationPermissions(
                        Set.of("User.Read.All", "Group.Read.All", "Directory.Read.All", "Contacts.Read"));
        emulator.app().grantAdminConsent();
        api.post("/api/v1/integration/sign-in", null);
        api.patch("/api/v1/settings", "{\"extensionCapacity\":50000}");
        List<String> ids = emulator.tenant().users().stream().map(u -> u.id()).toList();
        for (String id : ids) {
            for (int c = 0; c < CONTACTS; c++) {
                emulator.mailboxes()
                        .addContact(
                                id,
                                emulator.mailboxes().defaultFolderId(id),
                                OutlookContact.of("Given" + c, "Surname", "+1 425 555 " + (1000 + c)));
            }
        }
        jdbc.sql("INSERT INTO sync_setting (name, document, updated_at) VALUES ('user-sync', ?, CURRENT_TIMESTAMP)")
                .param("{\"enabled\":true,\"range\":\"ALL\",\"startNumber\":\"10000\"}")
                .update();
        jdbc.sql("INSERT INTO sync_setting (name, document, updated_at) VALUES ('contact-sync', ?, CURRENT_TIMESTAMP)")
                .param("{\"personal\":{\"enabled\":true}}")
                .update();
        sync.runNow(SyncTrigger.MANUAL);
        int mailboxes = jdbc.sql("SELECT COUNT(*) FROM extension WHERE origin = 'MICROSOFT_365'")
                .query(Integer.class)
                .single();
        jdbc.sql("DELETE FROM contact").update();
        jdbc.sql("DELETE FROM contact_folder_state").update();
        jdbc.sql("DELETE FROM contact_mailbox_state").update();
        jdbc.sql("DELETE FROM contact_no_mailbox").update();

        emulator.requestLog().clear();
        long t0 = System.nanoTime();
        SyncRun first = sync.runNow(SyncTrigger.MANUAL);
        long firstMillis = (System.nanoTime() - t0) / 1_000_000;
        long firstBatches = emulator.requestLog().all().stream()
                .filter(r -> !r.batchItem() && r.path().endsWith("/$batch"))
                .count();
        long firstItems = emulator.requestLog().all().stream()
                .filter(r -> r.batchItem() && r.target().contains("/contact"))
                .count();
        int synced = jdbc.sql("SELECT COUNT(*) FROM contact WHERE origin = 'MICROSOFT_365'")
                .query(Integer.class)
                .single();

        emulator.requestLog().clear();
        long t1 = System.nanoTime();
        SyncRun quiet = sync.runNow(SyncTrigger.MANUAL);
        long quietMillis = (System.nanoTime() - t1) / 1_000_000;
        long quietBatches = emulator.requestLog().all().stream()
                .filter(r -> !r.batchItem() && r.path().endsWith("/$batch"))
                .count();
        long quietItems = emulator.requestLog().all().stream()
                .filter(r -> r.batchItem() && r.target().contains("/contact"))
                .count();
        long bound = (mailboxes + 19) / 20;
        int folders = jdbc.sql("SELECT COUNT(*) FROM contact_folder_state")
                .query(Integer.class)
                .single();
        int readMailboxes = jdbc.sql("SELECT COUNT(*) FROM contact_mailbox_state")
                .query(Integer.class)
                .single();

        System.out.printf(
                "CONTACTS BENCH users=%d mailboxes=%d contacts=%d synced=%d | first run %s: %d ms, %d $batch (%d"
                        + " Outlook items) | no-change run %s %s: %d ms, %d $batch (%d Outlook items), bound"
                        + " ceil(mailboxes/20)=%d; mailboxes read=%d, folders known=%d, ceil(folders/20)=%d%n",
                USERS,
                mailboxes,
                USERS * CONTACTS,
                synced,
                first.state(),
                firstMillis,
                firstBatches,
                firstItems,
                quiet.kind(),
                quiet.state(),
                quietMillis,
                quietBatches,
                quietItems,
                bound,
                readMailboxes,
                folders,
                (folders + 19) / 20);
        assertThat(synced).isPositive();
        assertThat(quietBatches).isLessThanOrEqualTo((quietItems + 19) / 20);
        assertThat(quietItems).isLessThanOrEqualTo(folders);
    }
}
