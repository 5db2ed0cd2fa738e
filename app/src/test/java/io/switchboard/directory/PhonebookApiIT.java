package io.switchboard.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.Api.Answer;
import io.switchboard.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class PhonebookApiIT extends IntegrationTest {

    private static final String CONTACT = "{\"firstName\":\"Carol\",\"lastName\":\"Jones\",\"company\":\"Acme\","
            + "\"email\":\"carol@acme.example\",\"mobilePhone\":\"+44 20 7946 0000\",\"businessPhone\":\"020 7946 0001\"}";

    @Autowired
    SyncedDirectory synced;

    @Test
    void managesALocalPhonebookAndItsContacts() {
        String book = api.post("/api/v1/phonebooks", "{\"name\":\"Suppliers\"}").text("id");
        Answer contact = api.post("/api/v1/phonebooks/" + book + "/contacts", CONTACT);
        assertThat(contact.status()).isEqualTo(201);
        String cid = contact.text("id");

        Answer patched = api.patch("/api/v1/phonebooks/" + book + "/contacts/" + cid, "{\"jobTitle\":\"Buyer\"}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.text("jobTitle")).isEqualTo("Buyer");
        assertThat(patched.text("company")).isEqualTo("Acme");

        Answer list = api.get("/api/v1/phonebooks/" + book + "/contacts?q=acme");
        assertThat(list.body().path("total").asInt()).isEqualTo(1);

        assertThat(api.delete("/api/v1/phonebooks/" + book + "/contacts/" + cid).status())
                .isEqualTo(204);
        assertThat(api.patch("/api/v1/phonebooks/" + book, "{\"name\":\"Vendors\"}")
                        .text("name"))
                .isEqualTo("Vendors");
        assertThat(api.delete("/api/v1/phonebooks/" + book).status()).isEqualTo(204);
    }

    @Test
    void syncedPhonebookIsHiddenLockedAndItsContactsReadOnly_O2_O4() {
        Phonebook book = synced.upsertPhonebook("mailbox:reception", "Reception contacts");
        Contact contact = synced.upsertPhonebookContact(
                book.id(),
                "contact-1",
                new ContactInput("Dan", "Brown", null, null, "+1 555 0199", null, null, null, null));
        String path = "/api/v1/phonebooks/" + book.id();

        Answer read = api.get(path);
        assertThat(read.text("label")).isEqualTo("Synced from Microsoft 365");
        assertThat(read.body().path("visibleTo").path("extensionIds").isEmpty()).isTrue();
        assertThat(read.body().path("visibleTo").path("groupIds").isEmpty()).isTrue();

        assertThat(api.delete(path).code()).isEqualTo("PHONEBOOK_LOCKED");
        assertThat(api.patch(path, "{\"name\":\"Mine\"}").code()).isEqualTo("PHONEBOOK_LOCKED");
        assertThat(api.post(path + "/contacts", CONTACT).code()).isEqualTo("PHONEBOOK_LOCKED");
        assertThat(api.patch(path + "/contacts/" + contact.id(), "{\"firstName\":\"Eve\"}")
                        .code())
                .isEqualTo("CONTACT_LOCKED");
        assertThat(api.delete(path + "/contacts/" + contact.id()).code()).isEqualTo("CONTACT_LOCKED");
        assertThat(api.get(path + "/contacts/" + contact.id()).text("firstName"))
                .isEqualTo("Dan");
    }

    @Test
    void visibilityOfASyncedPhonebookCanBeGranted_O4() {
        Phonebook book = synced.upsertPhonebook("mailbox:reception", "Reception contacts");
        String ext = api.post("/api/v1/extensions", "{\"number\":\"1001\",\"firstName\":\"A\"}")
                .text("id");
        String group = api.post("/api/v1/extension-groups", "{\"name\":\"Front desk\"}")
                .text("id");

        Answer granted = api.patch(
                "/api/v1/phonebooks/" + book.id(),
                "{\"visibleTo\":{\"extensionIds\":[\"" + ext + "\"],\"groupIds\":[\"" + group + "\"]}}");

        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.body().path("visibleTo").path("extensionIds").get(0).asString())
                .isEqualTo(ext);
        assertThat(granted.body().path("visibleTo").path("groupIds").get(0).asString())
                .isEqualTo(group);
    }

    @Test
    void refusesDuplicatePhonebookNames() {
        api.post("/api/v1/phonebooks", "{\"name\":\"Partners\"}");
        assertThat(api.post("/api/v1/phonebooks", "{\"name\":\"partners\"}").code())
                .isEqualTo("NAME_TAKEN");
    }

    @Test
    void contactNeedsANameAndValidFields() {
        String book = api.post("/api/v1/phonebooks", "{\"name\":\"Suppliers\"}").text("id");

        assertThat(api.post("/api/v1/phonebooks/" + book + "/contacts", "{\"mobilePhone\":\"123\"}")
                        .status())
                .isEqualTo(400);
        assertThat(api.post(
                                "/api/v1/phonebooks/" + book + "/contacts",
                                "{\"firstName\":\"A\",\"homePhone\":\"not a phone\"}")
                        .text("detail"))
                .contains("homePhone");
    }
}
