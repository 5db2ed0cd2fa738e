package io.switchboard.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.bench.CallerIdLookupBenchmark;
import io.switchboard.testing.Api.Answer;
import io.switchboard.testing.IntegrationTest;
import io.switchboard.testing.TestDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/** Caller-ID lookup over the API (X5): any format, every kind of entry, visibility, the default country. */
class LookupApiIT extends IntegrationTest {

    @Autowired
    SyncedDirectory synced;

    @Autowired
    DataSource dataSource;

    @Autowired
    ExtensionDirectory extensions;

    @Autowired
    GroupDirectory groups;

    @Autowired
    PhonebookDirectory phonebooks;

    @Autowired
    PersonalContactDirectory personal;

    @Autowired
    CallerIdLookup lookup;

    @Test
    void aNumberInAnyFormatFindsTheExtensionAndTheContactsHoldingIt_X5() {
        String alice = api.post(
                        "/api/v1/extensions",
                        "{\"number\":\"1001\",\"firstName\":\"Alice\",\"lastName\":\"Smith\","
                                + "\"mobileNumber\":\"(425) 555-0100\"}")
                .ok()
                .path("id")
                .asString();
        String bob = api.post("/api/v1/extensions", "{\"number\":\"1002\",\"firstName\":\"Bob\"}")
                .ok()
                .path("id")
                .asString();
        String mum = api.post(
                        "/api/v1/extensions/" + bob + "/personal-contacts",
                        "{\"firstName\":\"Mum\",\"homePhone\":\"425.555.0199\"}")
                .ok()
                .path("id")
                .asString();
        String book = api.post("/api/v1/phonebooks", "{\"name\":\"Suppliers\"}")
                .ok()
                .path("id")
                .asString();
        String acme = api.post(
                        "/api/v1/phonebooks/" + book + "/contacts",
                        "{\"lastName\":\"Acme\",\"businessPhone\":\"+1 425 555 0199 x12\"}")
                .ok()
                .path("id")
                .asString();

        JsonNode mobile = lookup("tel:+14255550100").ok();
        assertThat(mobile.path("query").asString()).isEqualTo("tel:+14255550100");
        assertThat(mobile.path("e164").asString()).isEqualTo("+14255550100");
        assertThat(matches(mobile)).containsExactly("EXTENSION " + alice + " Alice Smith mobileNumber " + alice + " -");

        JsonNode number = lookup("1001").ok();
        assertThat(number.path("e164").isNull()).isTrue();
        assertThat(matches(number)).containsExactly("EXTENSION " + alice + " Alice Smith number " + alice + " -");

        assertThat(matches(lookup("＋１ (４２５) ５５５-０１９９;ext=7").ok()))
                .containsExactly(
                        "PERSONAL_CONTACT " + mum + " Mum homePhone " + bob + " -",
                        "PHONEBOOK_CONTACT " + acme + " Acme businessPhone - " + book);

        api.patch("/api/v1/extensions/" + alice, "{\"mobileNumber\":\"+1 425 555 0111\"}")
                .ok();
        assertThat(matches(lookup("425 555 0100").ok())).isEmpty();
        assertThat(matches(lookup("4255550111").ok())).hasSize(1);
        assertThat(api.delete("/api/v1/phonebooks/" + book).status()).isEqualTo(204);
        assertThat(matches(lookup("425-555-0199").ok())).hasSize(1);
        assertThat(api.delete("/api/v1/extensions/" + bob).status()).isEqualTo(204);
        assertThat(matches(lookup("425-555-0199").ok())).isEmpty();
    }

    @Test
    void asAnExtensionOnlyItsVisiblePhonebooksAndItsOwnContactsAreSearched_X5() {
        Extension ann = extensions.create(new ExtensionInput("2001", "Ann", null, null, null, null, null));
        Extension ben = extensions.create(new ExtensionInput("2002", "Ben", null, null, null, null, null));
        ExtensionGroup sales = groups.create(new ExtensionGroupInput("Sales", List.of(ben.id())));
        Phonebook direct =
                phonebooks.create(new PhonebookInput("Ann's book", new Visibility(List.of(ann.id()), List.of())));
        Phonebook viaGroup =
                phonebooks.create(new PhonebookInput("Sales book", new Visibility(List.of(), List.of(sales.id()))));
        Phonebook hidden = phonebooks.create(new PhonebookInput("Hidden book", Visibility.NOBODY));
        ContactInput carol = new ContactInput("Carol", null, null, null, "+44 20 7946 0958", null, null, null, null);
        Contact inDirect = phonebooks.addContact(direct.id(), carol);
        Contact inGroup = phonebooks.addContact(viaGroup.id(), carol);
        phonebooks.addContact(hidden.id(), carol);
        Contact annsOwn = personal.create(ann.id(), carol);
        Contact bensOwn = personal.create(ben.id(), carol);

        assertThat(ids(lookup("+44 20 7946 0958").ok())).hasSize(5);
        assertThat(ids(lookup("+44 20 7946 0958", ann.id().toString()).ok()))
                .containsExactly(annsOwn.id().toString(), inDirect.id().toString());
        assertThat(ids(lookup("+44 20 7946 0958", ben.id().toString()).ok()))
                .containsExactly(bensOwn.id().toString(), inGroup.id().toString());
        assertThat(ids(lookup("2002", ann.id().toString()).ok()))
                .containsExactly(ben.id().toString());

        Answer unknown = lookup("+44 20 7946 0958", "7b0c64f2-0000-4000-8000-000000000000");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(unknown.body().path("errors").get(0).path("field").asString())
                .isEqualTo("extensionId");
    }

    @Test
    void numbersStoredInNationalFormatFollowTheDefaultCountry_X5() {
        Phonebook book = phonebooks.create(new PhonebookInput("London", Visibility.NOBODY));
        Contact dave = phonebooks.addContact(
                book.id(), new ContactInput("Dave", null, null, null, null, null, "020 7946 0958", null, null));

        assertThat(ids(lookup("+44 20 7946 0958").ok())).isEmpty();

        api.patch("/api/v1/settings", "{\"defaultCountry\":\"GB\"}").ok();
        assertThat(ids(lookup("+44 20 7946 0958").ok()))
                .containsExactly(dave.id().toString());
        JsonNode dialled = lookup("00 44 20 7946 0958").ok();
        assertThat(dialled.path("e164").asString()).isEqualTo("+442079460958");
        assertThat(ids(dialled)).containsExactly(dave.id().toString());

        api.patch("/api/v1/settings", "{\"defaultCountry\":\"DE\"}").ok();
        assertThat(ids(lookup("+44 20 7946 0958").ok())).isEmpty();
        assertThat(ids(lookup("+49 20 7946 0958").ok()))
                .containsExactly(dave.id().toString());
    }

    @Test
    void synchronizedExtensionsAndContactsAreIndexedToo_X5() {
        Extension user = synced.upsertExtension(
                "entra-1", new ExtensionInput("3001", "Erin", null, null, "+86 138 0013 8000", null, null), false);
        Phonebook shared = synced.upsertPhonebook("mailboxes", "Microsoft 365");
        Contact supplier = synced.upsertPhonebookContact(
                shared.id(),
                "outlook-1",
                new ContactInput("Frank", null, null, null, null, null, "+1 206 555 0142", null, null));
        Contact friend = synced.upsertPersonalContact(
                user.id(),
                "outlook-2",
                new ContactInput("Gina", null, null, null, "206-555-0142", null, null, null, null));

        assertThat(ids(lookup("+8613800138000").ok())).containsExactly(user.id().toString());
        assertThat(ids(lookup("(206) 555-0142").ok()))
                .containsExactly(friend.id().toString(), supplier.id().toString());

        synced.upsertPersonalContact(
                user.id(),
                "outlook-2",
                new ContactInput("Gina", null, null, null, "206-555-0199", null, null, null, null));
        assertThat(ids(lookup("(206) 555-0142").ok()))
                .containsExactly(supplier.id().toString());
        synced.deleteSyncedExtension(user.id());
        assertThat(ids(lookup("+8613800138000").ok())).isEmpty();
        assertThat(ids(lookup("206 555 0199").ok())).isEmpty();
    }

    @Test
    void numbersWrittenBeforeTheIndexExistedAreIndexedByTheMigration_X5() throws Exception {
        Phonebook book = phonebooks.create(new PhonebookInput("Old", Visibility.NOBODY));
        Contact old = phonebooks.addContact(
                book.id(), new ContactInput("Hal", null, null, null, "+1 425 555 0177", null, null, null, null));
        jdbc.sql("DELETE FROM phone_index").update();
        assertThat(ids(lookup("425 555 0177").ok())).isEmpty();

        try (Connection connection = dataSource.getConnection()) {
            new V91__Phone_index_backfill().migrate(new Context() {
                @Override
                public Configuration getConfiguration() {
                    return null;
                }

                @Override
                public Connection getConnection() {
                    return connection;
                }
            });
        }
        assertThat(ids(lookup("425 555 0177").ok())).containsExactly(old.id().toString());
    }

    @Test
    void anExtensionIsFoundByItsMobileNumberOnlyWhileItHoldsIt_X5() {
        Extension ivy =
                extensions.create(new ExtensionInput("5001", "Ivy", "Stone", null, "+1 425 555 0155", null, null));
        Extension other =
                extensions.create(new ExtensionInput("5002", null, "Reed", null, "020 7946 0911", null, null));
        String asIvy = "EXTENSION " + ivy.id() + " Ivy Stone mobileNumber " + ivy.id() + " -";

        assertThat(matches(lookup("(425) 555-0155").ok())).containsExactly(asIvy);
        assertThat(matches(lookup("425 555 0155", other.id().toString()).ok()))
                .as("every extension is visible to every extension")
                .containsExactly(asIvy);

        api.patch("/api/v1/extensions/" + ivy.id(), "{\"mobileNumber\":\"+1 425 555 0166\"}")
                .ok();
        assertThat(matches(lookup("425 555 0155").ok())).as("the old number").isEmpty();
        assertThat(matches(lookup("+14255550166").ok())).containsExactly(asIvy);

        api.patch("/api/v1/extensions/" + ivy.id(), "{\"mobileNumber\":null}").ok();
        assertThat(matches(lookup("+14255550166").ok()))
                .as("the cleared number")
                .isEmpty();

        assertThat(matches(lookup("+44 20 7946 0911").ok()))
                .as("a national mobile number under the default country US")
                .isEmpty();
        api.patch("/api/v1/settings", "{\"defaultCountry\":\"GB\"}").ok();
        assertThat(matches(lookup("+44 20 7946 0911", ivy.id().toString()).ok()))
                .containsExactly("EXTENSION " + other.id() + " Reed mobileNumber " + other.id() + " -");

        assertThat(api.delete("/api/v1/extensions/" + other.id()).status()).isEqualTo(204);
        assertThat(matches(lookup("+44 20 7946 0911").ok()))
                .as("the deleted extension")
                .isEmpty();
    }

    @Test
    void aMobileNumberIndexedBeforeV125IsFoundAfterTheMigrationMovesIt_X5() throws Exception {
        TestDatabase.Connection database = TestDatabase.newDatabase();
        DriverManagerDataSource source =
                new DriverManagerDataSource(database.url(), database.user(), database.password());
        JdbcTemplate old = new JdbcTemplate(source);
        UUID indexedByV91 = UUID.randomUUID();
        UUID writtenBeforeV125 = UUID.randomUUID();
        UUID withoutMobile = UUID.randomUUID();
        try {
            migrate(source, "90");
            oldExtension(old, indexedByV91, "6001", "Jo", "Park", "+1 425 555 0181");
            migrate(source, "124?");
            oldExtension(old, writtenBeforeV125, "6002", null, null, "(425) 555-0182");
            old.update(
                    PhoneIndex.INSERT,
                    writtenBeforeV125,
                    "mobileNumber",
                    "EXTENSION",
                    "550182",
                    null,
                    "(425) 555-0182",
                    "6002",
                    writtenBeforeV125,
                    null,
                    null);
            oldExtension(old, withoutMobile, "6003", "No", "Mobile", null);
            assertThat(old.queryForObject(
                            "SELECT COUNT(*) FROM phone_index WHERE entry_type = 'EXTENSION'", Long.class))
                    .isEqualTo(2);

            migrate(source, "latest");

            assertThat(old.queryForObject("SELECT COUNT(*) FROM phone_index", Long.class))
                    .isZero();
            CallerIdLookup migrated = new CallerIdLookup(old);
            assertThat(migrated.lookup("tel:+14255550181", null).matches())
                    .containsExactly(new CallerIdLookup.Match(
                            "EXTENSION", indexedByV91, "Jo Park", "mobileNumber", indexedByV91, null));
            assertThat(migrated.lookup("425.555.0182", withoutMobile).matches())
                    .containsExactly(new CallerIdLookup.Match(
                            "EXTENSION", writtenBeforeV125, "6002", "mobileNumber", writtenBeforeV125, null));
        } finally {
            if (!TestDatabase.postgres()) {
                old.execute("SHUTDOWN");
            }
        }
    }

    /** Migrates to {@code target}; with a trailing {@code ?}, the highest version up to it. */
    private static void migrate(DataSource source, String target) {
        Flyway.configure()
                .dataSource(source)
                .locations(
                        "classpath:db/migration/common",
                        "classpath:db/migration/" + (TestDatabase.postgres() ? "postgresql" : "h2"))
                .javaMigrations(new V91__Phone_index_backfill())
                .target(target)
                .load()
                .migrate();
    }

    /** An extension row as the service wrote it before V125, without the mobile number's keys. */
    private static void oldExtension(
            JdbcTemplate old, UUID id, String number, String first, String last, String mobile) {
        old.update(
                "INSERT INTO extension (id, number, first_name, last_name, mobile_number, presence, origin,"
                        + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'AVAILABLE', 'LOCAL', ?, ?)",
                id,
                number,
                first,
                last,
                mobile,
                Extensions.utc(START),
                Extensions.utc(START));
    }

    @Test
    void inputThatIsNoPhoneNumberIsRefusedNamingTheField_X5() {
        for (String bad : new String[] {"abc", "+999 1234 5678", ""}) {
            Answer answer = lookup(bad);
            assertThat(answer.status()).as(bad).isEqualTo(400);
            assertThat(answer.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(answer.body().path("errors").get(0).path("field").asString())
                    .isEqualTo("number");
        }
        assertThat(api.get("/api/v1/lookup").status()).isEqualTo(400);
        assertThat(api.anonymous("GET", "/api/v1/lookup?number=1001", null).status())
                .isEqualTo(401);
    }

    @Test
    void aSmallBenchmarkRunFindsEveryStoredNumber_X5() throws Exception {
        CallerIdLookupBenchmark.Figures figures = new CallerIdLookupBenchmark.Load(
                        extensions, groups, phonebooks, personal, lookup)
                .run(jdbc, 2_000, 1_000, 2);
        System.out.println(figures);
        assertThat(figures.wrong()).isZero();
        assertThat(figures.found()).isPositive();
    }

    private Answer lookup(String number) {
        return api.get("/api/v1/lookup?number=" + URLEncoder.encode(number, StandardCharsets.UTF_8));
    }

    private Answer lookup(String number, String extensionId) {
        return api.get("/api/v1/lookup?number=" + URLEncoder.encode(number, StandardCharsets.UTF_8) + "&extensionId="
                + extensionId);
    }

    private static List<String> ids(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.path("matches").forEach(m -> ids.add(m.path("id").asString()));
        return ids;
    }

    private static List<String> matches(JsonNode answer) {
        List<String> lines = new ArrayList<>();
        answer.path("matches")
                .forEach(m ->
                        lines.add(m.path("type").asString() + " " + m.path("id").asString() + " "
                                + m.path("displayName").asString() + " "
                                + m.path("field").asString() + " "
                                + (m.has("extensionId") ? m.path("extensionId").asString() : "-") + " "
                                + (m.has("phonebookId") ? m.path("phonebookId").asString() : "-")));
        return lines;
    }
}
