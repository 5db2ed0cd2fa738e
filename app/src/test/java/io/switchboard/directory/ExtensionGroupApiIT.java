package io.switchboard.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.Api.Answer;
import io.switchboard.testing.IntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ExtensionGroupApiIT extends IntegrationTest {

    @Autowired
    SyncedDirectory synced;

    private String extension(String number) {
        return api.post("/api/v1/extensions", "{\"number\":\"" + number + "\",\"firstName\":\"E" + number + "\"}")
                .text("id");
    }

    @Test
    void createsAGroupWithMembers() {
        String a = extension("1001");
        String b = extension("1002");

        Answer group = api.post(
                "/api/v1/extension-groups", "{\"name\":\"Sales\",\"memberIds\":[\"" + a + "\",\"" + b + "\"]}");

        assertThat(group.status()).isEqualTo(201);
        assertThat(group.text("origin")).isEqualTo("LOCAL");
        assertThat(group.body().path("memberIds").valueStream().map(n -> n.asString()))
                .containsExactly(a, b);
    }

    @Test
    void refusesThe64thGroup_G2() {
        for (int i = 1; i <= 63; i++) {
            assertThat(api.post("/api/v1/extension-groups", "{\"name\":\"Group " + i + "\"}")
                            .status())
                    .isEqualTo(201);
        }

        Answer extra = api.post("/api/v1/extension-groups", "{\"name\":\"Group 64\"}");

        assertThat(extra.status()).isEqualTo(409);
        assertThat(extra.code()).isEqualTo("GROUP_LIMIT_REACHED");
        assertThat(api.get("/api/v1/extension-groups").body().path("total").asInt())
                .isEqualTo(63);
    }

    @Test
    void refusesADuplicateNameInOtherLetterCase() {
        api.post("/api/v1/extension-groups", "{\"name\":\"Support\"}");

        Answer second = api.post("/api/v1/extension-groups", "{\"name\":\"SUPPORT\"}");

        assertThat(second.code()).isEqualTo("NAME_TAKEN");
    }

    @Test
    void refusesUnknownMembers() {
        Answer answer =
                api.post("/api/v1/extension-groups", "{\"name\":\"X\",\"memberIds\":[\"" + UUID.randomUUID() + "\"]}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text("detail")).contains("memberIds");
    }

    @Test
    void locksASyncedGroup_G4() {
        Extension member =
                synced.upsertExtension("u1", new ExtensionInput("1001", "Synced", null, null, null, null, null), false);
        String local = extension("1002");
        ExtensionGroup group = synced.upsertGroup("g1", "Engineering", List.of(member.id()));
        String path = "/api/v1/extension-groups/" + group.id();

        Answer delete = api.delete(path);
        Answer rename = api.patch(path, "{\"name\":\"Renamed\"}");
        Answer members = api.patch(path, "{\"memberIds\":[\"" + member.id() + "\",\"" + local + "\"]}");

        assertThat(delete.code()).isEqualTo("GROUP_LOCKED");
        assertThat(rename.code()).isEqualTo("GROUP_LOCKED");
        assertThat(rename.body().path("lockedFields").get(0).asString()).isEqualTo("name");
        assertThat(members.code()).isEqualTo("GROUP_LOCKED");
        Answer read = api.get(path);
        assertThat(read.text("name")).isEqualTo("Engineering");
        assertThat(read.text("label")).isEqualTo("Synced from Microsoft 365");
        assertThat(read.body().path("memberIds").size()).isEqualTo(1);
    }

    @Test
    void editsAndDeletesALocalGroup() {
        String a = extension("1001");
        String id = api.post("/api/v1/extension-groups", "{\"name\":\"Ops\"}").text("id");

        Answer patched = api.patch("/api/v1/extension-groups/" + id, "{\"memberIds\":[\"" + a + "\"]}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.text("name")).isEqualTo("Ops");
        assertThat(patched.body().path("memberIds").size()).isEqualTo(1);

        assertThat(api.delete("/api/v1/extension-groups/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/extension-groups/" + id).status()).isEqualTo(404);
    }

    @Test
    void deletingAnExtensionRemovesItFromItsGroups() {
        String a = extension("1001");
        String id = api.post("/api/v1/extension-groups", "{\"name\":\"Ops\",\"memberIds\":[\"" + a + "\"]}")
                .text("id");

        api.delete("/api/v1/extensions/" + a);

        assertThat(api.get("/api/v1/extension-groups/" + id)
                        .body()
                        .path("memberIds")
                        .isEmpty())
                .isTrue();
    }
}
