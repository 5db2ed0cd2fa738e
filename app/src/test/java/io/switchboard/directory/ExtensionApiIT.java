package io.switchboard.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.Api;
import io.switchboard.testing.Api.Answer;
import io.switchboard.testing.IntegrationTest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

class ExtensionApiIT extends IntegrationTest {

    @Autowired
    SyncedDirectory synced;

    @Autowired
    TransactionTemplate transactions;

    private Answer create(String number, String firstName, String email) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("number", number);
        body.put("firstName", firstName);
        body.put("email", email);
        return api.post("/api/v1/extensions", Api.json(body));
    }

    private Extension syncedExtension(String number, String email) {
        return synced.upsertExtension(
                "entra-" + number,
                new ExtensionInput(number, "Synced", "User", email, "+1 555 0100", "Engineer", null),
                false);
    }

    @Test
    void createsAndReadsALocalExtension() {
        Answer created = api.post(
                "/api/v1/extensions",
                "{\"number\":\"1001\",\"firstName\":\"Alice\",\"lastName\":\"Smith\",\"email\":\"alice@example.com\","
                        + "\"mobileNumber\":\"+1 555 0101\",\"jobTitle\":\"Sales\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("origin")).isEqualTo("LOCAL");
        assertThat(created.text("presence")).isEqualTo("AVAILABLE");
        assertThat(created.body().path("lockedFields").isEmpty()).isTrue();
        Answer read = api.get("/api/v1/extensions/" + created.text("id"));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("lastName")).isEqualTo("Smith");
        assertThat(read.text("mobileNumber")).isEqualTo("+1 555 0101");
    }

    @Test
    void refusesASecondExtensionWithTheSameEmailInOtherLetterCase() {
        assertThat(create("1001", "Alice", "Alice@Example.com").status()).isEqualTo(201);

        Answer second = create("1002", "Alicia", "alice@EXAMPLE.com");

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("EMAIL_TAKEN");
        assertThat(second.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(api.get("/api/v1/extensions").body().path("total").asInt()).isEqualTo(1);
    }

    @Test
    void refusesATakenNumber() {
        create("1001", "Alice", null);

        Answer second = create("1001", "Bob", null);

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("NUMBER_TAKEN");
    }

    @Test
    void enforcesTheExtensionCapacity_U10() {
        assertThat(api.patch("/api/v1/settings", "{\"extensionCapacity\":2}").status())
                .isEqualTo(200);
        create("1001", "A", null);
        syncedExtension("1002", null);

        Answer third = create("1003", "C", null);

        assertThat(third.status()).isEqualTo(409);
        assertThat(third.code()).isEqualTo("CAPACITY_REACHED");
        assertThat(third.text("detail")).contains("extensionCapacity");
        Answer syncedBeyond = null;
        try {
            syncedExtension("1004", null);
        } catch (io.switchboard.shared.ProblemException e) {
            syncedBeyond = null;
            assertThat(e.code().name()).isEqualTo("CAPACITY_REACHED");
        }
        assertThat(syncedBeyond).isNull();
        assertThat(api.get("/api/v1/extensions").body().path("total").asInt()).isEqualTo(2);
    }

    /**
     * A sync writing a long run of new extensions side by side holds the capacity for them in one
     * transaction: the writers it hands them to create without waiting for the settings row, and an
     * administrator creating an extension meanwhile waits for the hold to end, then is counted
     * against what was written (U10, ADR 0015).
     */
    @Test
    void aHeldCapacityLetsTheSyncsWritersCreateAndKeepsAnAdministratorWaiting_U10() throws Exception {
        assertThat(api.patch("/api/v1/settings", "{\"extensionCapacity\":3}").status())
                .isEqualTo(200);
        create("1001", "A", null);
        Boolean tooMany = transactions.execute(status -> synced.holdCapacityFor(3));
        assertThat(tooMany).as("three more do not fit beside the one there").isFalse();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> holder = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
            boolean fits = synced.holdCapacityFor(2);
            held.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return fits;
        }));
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Answer> administrator = CompletableFuture.supplyAsync(() -> create("1009", "Admin", null));
        CompletableFuture<Void> writers = CompletableFuture.runAsync(() ->
                synced.withCapacityHeld(() -> transactions.executeWithoutResult(status -> {
                    syncedExtension("1002", null);
                    syncedExtension("1003", null);
                })));

        writers.get(10, TimeUnit.SECONDS);
        Thread.sleep(300);
        assertThat(administrator)
                .as("the administrator waits while the capacity is held")
                .isNotDone();
        release.countDown();
        assertThat(holder.get(10, TimeUnit.SECONDS)).isTrue();
        Answer refused = administrator.get(10, TimeUnit.SECONDS);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("CAPACITY_REACHED");
        assertThat(api.get("/api/v1/extensions").body().path("total").asInt()).isEqualTo(3);
    }

    @Test
    void refusesToDeleteASyncedExtension_U9() {
        Extension e = syncedExtension("2001", "synced@example.com");

        Answer delete = api.delete("/api/v1/extensions/" + e.id());

        assertThat(delete.status()).isEqualTo(409);
        assertThat(delete.code()).isEqualTo("EXTENSION_LOCKED");
        assertThat(api.get("/api/v1/extensions/" + e.id()).status()).isEqualTo(200);
    }

    @Test
    void refusesToRenameASyncedExtensionAndNamesTheLockedFields_U9() {
        Extension e = syncedExtension("2001", "synced@example.com");

        Answer rename = api.patch("/api/v1/extensions/" + e.id(), "{\"firstName\":\"Other\",\"jobTitle\":\"CEO\"}");

        assertThat(rename.status()).isEqualTo(409);
        assertThat(rename.code()).isEqualTo("EXTENSION_LOCKED");
        assertThat(rename.body().path("lockedFields").valueStream().map(n -> n.asString()))
                .containsExactly("firstName", "jobTitle");
        assertThat(api.get("/api/v1/extensions/" + e.id()).text("firstName")).isEqualTo("Synced");
    }

    @Test
    void eachLockedFieldOfASyncedExtensionIsRefused_U9() {
        Extension e = syncedExtension("2001", "synced@example.com");
        Map<String, String> attempts = Map.of(
                "firstName", "\"X\"",
                "lastName", "\"X\"",
                "email", "\"x@example.com\"",
                "mobileNumber", "\"+1 555 9999\"",
                "jobTitle", "\"X\"");

        attempts.forEach((field, value) -> {
            Answer answer = api.patch("/api/v1/extensions/" + e.id(), "{\"" + field + "\":" + value + "}");
            assertThat(answer.code()).as(field).isEqualTo("EXTENSION_LOCKED");
        });
    }

    @Test
    void changesThePresenceAndNumberOfASyncedExtension_U9() {
        Extension e = syncedExtension("2001", "synced@example.com");

        Answer presence = api.patch("/api/v1/extensions/" + e.id(), "{\"presence\":\"DO_NOT_DISTURB\"}");

        assertThat(presence.status()).isEqualTo(200);
        assertThat(presence.text("presence")).isEqualTo("DO_NOT_DISTURB");
        assertThat(presence.text("origin")).isEqualTo("MICROSOFT_365");
        assertThat(presence.text("label")).isEqualTo("Synced from Microsoft 365");
        assertThat(presence.text("sourceId")).isEqualTo("entra-2001");
        assertThat(presence.body().path("lockedFields").valueStream().map(n -> n.asString()))
                .containsExactly("firstName", "lastName", "email", "mobileNumber", "jobTitle");
        assertThat(api.patch("/api/v1/extensions/" + e.id(), "{\"number\":\"2002\"}")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void locksTheNumberWhenItComesFromAUserProperty_U2() {
        Extension e = synced.upsertExtension(
                "entra-x", new ExtensionInput("3001", "Prop", "Number", null, null, null, null), true);

        Answer answer = api.patch("/api/v1/extensions/" + e.id(), "{\"number\":\"3002\"}");

        assertThat(answer.code()).isEqualTo("EXTENSION_LOCKED");
        assertThat(answer.body().path("lockedFields").get(0).asString()).isEqualTo("number");
    }

    @Test
    void patchWithUnchangedLockedValuesIsAccepted_U9() {
        Extension e = syncedExtension("2001", "synced@example.com");

        Answer same = api.patch("/api/v1/extensions/" + e.id(), "{\"firstName\":\"Synced\",\"presence\":\"AWAY\"}");

        assertThat(same.status()).isEqualTo(200);
        assertThat(same.text("presence")).isEqualTo("AWAY");
    }

    @Test
    void releasedExtensionLosesLabelAndLocks() {
        Extension e = syncedExtension("2001", "synced@example.com");
        synced.releaseExtension(e.id());

        assertThat(api.get("/api/v1/extensions/" + e.id()).body().path("label").isNull())
                .isTrue();
        assertThat(api.patch("/api/v1/extensions/" + e.id(), "{\"firstName\":\"Free\"}")
                        .status())
                .isEqualTo(200);
        assertThat(api.delete("/api/v1/extensions/" + e.id()).status()).isEqualTo(204);
    }

    @Test
    void listsPagesAndSearchesByNumberNameAndEmail() {
        for (int i = 0; i < 12; i++) {
            create(String.valueOf(1000 + i), "Person" + i, "p" + i + "@example.com");
        }
        create("5555", "Zoë", "zoe@corp.example");

        Answer page = api.get("/api/v1/extensions?page=1&size=5");
        assertThat(page.body().path("total").asInt()).isEqualTo(13);
        assertThat(page.body().path("page").asInt()).isEqualTo(1);
        assertThat(page.body().path("items").size()).isEqualTo(5);
        assertThat(page.body().path("items").get(0).path("number").asString()).isEqualTo("1005");

        assertThat(api.get("/api/v1/extensions?q=555").body().path("total").asInt())
                .isEqualTo(1);
        assertThat(api.get("/api/v1/extensions?q=zo%C3%AB").body().path("total").asInt())
                .isEqualTo(1);
        assertThat(api.get("/api/v1/extensions?q=CORP.example")
                        .body()
                        .path("total")
                        .asInt())
                .isEqualTo(1);
        assertThat(api.get("/api/v1/extensions?q=person1").body().path("total").asInt())
                .isEqualTo(3);
        assertThat(api.get("/api/v1/extensions?size=1000").body().path("size").asInt())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/extensions?q=%25").body().path("total").asInt())
                .isZero();
    }

    @Test
    void notFoundForAnUnknownId() {
        Answer answer = api.get("/api/v1/extensions/6d1c8a55-0c3a-4c55-a1c9-6c1f1f9ad001");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.code()).isEqualTo("NOT_FOUND");
    }
}
