package io.switchboard.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class PersonalContactApiIT extends IntegrationTest {

    @Autowired
    SyncedDirectory synced;

    @Test
    void managesLocalPersonalContacts() {
        String ext = api.post("/api/v1/extensions", "{\"number\":\"1001\",\"firstName\":\"A\"}")
                .text("id");
        String path = "/api/v1/extensions/" + ext + "/personal-contacts";

        String cid = api.post(path, "{\"firstName\":\"Mum\",\"mobilePhone\":\"+86 138 0013 8000\"}")
                .text("id");

        assertThat(api.get(path).body().path("total").asInt()).isEqualTo(1);
        assertThat(api.patch(path + "/" + cid, "{\"lastName\":\"Li\"}").text("lastName"))
                .isEqualTo("Li");
        assertThat(api.delete(path + "/" + cid).status()).isEqualTo(204);
        assertThat(api.get(path).body().path("total").asInt()).isZero();
    }

    @Test
    void syncedPersonalContactsAreReadOnly_O1() {
        Extension owner =
                synced.upsertExtension("u1", new ExtensionInput("1001", "Synced", null, null, null, null, null), false);
        Contact contact = synced.upsertPersonalContact(
                owner.id(),
                "outlook-1",
                new ContactInput("Frank", null, null, null, null, "+1 555 0111", null, null, null));
        String path = "/api/v1/extensions/" + owner.id() + "/personal-contacts/" + contact.id();

        assertThat(api.get(path).text("label")).isEqualTo("Synced from Microsoft 365");
        assertThat(api.patch(path, "{\"firstName\":\"George\"}").code()).isEqualTo("CONTACT_LOCKED");
        assertThat(api.delete(path).code()).isEqualTo("CONTACT_LOCKED");
        assertThat(api.get(path).text("firstName")).isEqualTo("Frank");
    }

    @Test
    void contactsOfAnotherExtensionAreNotReachable() {
        String a = api.post("/api/v1/extensions", "{\"number\":\"1001\",\"firstName\":\"A\"}")
                .text("id");
        String b = api.post("/api/v1/extensions", "{\"number\":\"1002\",\"firstName\":\"B\"}")
                .text("id");
        String cid = api.post("/api/v1/extensions/" + a + "/personal-contacts", "{\"firstName\":\"X\"}")
                .text("id");

        assertThat(api.get("/api/v1/extensions/" + b + "/personal-contacts/" + cid)
                        .status())
                .isEqualTo(404);
        assertThat(api.delete("/api/v1/extensions/" + b + "/personal-contacts/" + cid)
                        .status())
                .isEqualTo(404);
    }
}
