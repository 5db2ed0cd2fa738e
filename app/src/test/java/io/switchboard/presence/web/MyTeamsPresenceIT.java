package io.switchboard.presence.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.directory.Presence;
import io.switchboard.presence.TeamsAvailability;
import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import io.switchboard.shared.SoftphoneUser;
import io.switchboard.testing.IntegrationTest;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The softphone user's own Teams presence choice (T1): {@code /api/v1/me/teams-presence} acts on
 * the extension of the principal and of nobody else. The softphone session that carries the
 * principal is wired elsewhere, so the controller is called with one here.
 */
class MyTeamsPresenceIT extends IntegrationTest {

    @Autowired
    MyTeamsPresenceController me;

    private UUID extension(String number, String origin, String sourceId) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO extension (id, number, first_name, presence, origin, source_id, created_at, updated_at)"
                        + " VALUES (?, ?, 'Test', 'AVAILABLE', ?, ?, ?, ?)")
                .params(id, number, origin, sourceId, OffsetDateTime.now(), OffsetDateTime.now())
                .update();
        return id;
    }

    @Test
    void theSignedInUserChoosesTeamsPresenceForTheirOwnExtensionOnly_T1() {
        String oid = UUID.randomUUID().toString();
        UUID mine = extension("2001", "MICROSOFT_365", oid);
        UUID other = extension("2002", "MICROSOFT_365", UUID.randomUUID().toString());
        SoftphoneUser user = new SoftphoneUser(mine, oid);

        assertThat(me.get(user).enabled()).isFalse();
        TeamsPresenceBody saved =
                me.put(user, new TeamsPresenceBody(true, Map.of(TeamsAvailability.BUSY, Presence.LUNCH_BREAK)));

        assertThat(saved.mapping())
                .containsEntry(TeamsAvailability.BUSY, Presence.LUNCH_BREAK)
                .containsEntry(TeamsAvailability.AVAILABLE, Presence.AVAILABLE);
        var asAdmin = api.get("/api/v1/extensions/" + mine + "/teams-presence").body();
        assertThat(asAdmin.path("enabled").asBoolean()).isTrue();
        assertThat(asAdmin.path("mapping").path("BUSY").asString()).isEqualTo("LUNCH_BREAK");
        assertThat(api.get("/api/v1/extensions/" + other + "/teams-presence")
                        .body()
                        .path("enabled")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void refusesWithoutASoftphoneUserAndForALocalExtension_T1() {
        assertThatThrownBy(() -> me.get(null))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.FORBIDDEN));
        UUID local = extension("2003", "LOCAL", null);
        assertThatThrownBy(() -> me.put(
                        new SoftphoneUser(local, UUID.randomUUID().toString()), new TeamsPresenceBody(true, null)))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.NOT_SYNCED));
    }
}
