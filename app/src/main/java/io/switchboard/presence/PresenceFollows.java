package io.switchboard.presence;

import io.switchboard.directory.Presence;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Each extension's Teams presence choice and the Teams availability last seen for it: only the
 * extensions someone chose for are stored; the rest have {@link TeamsPresenceSetting#DEFAULT}.
 */
@Repository
class PresenceFollows {

    /** An extension following Teams, as the poll and the notifications need it. */
    record Follow(UUID extensionId, String userId, Map<TeamsAvailability, Presence> mapping, String lastAvailability) {}

    private static final int IN_CHUNK = 650;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    PresenceFollows(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    Optional<TeamsPresenceSetting> find(UUID extensionId) {
        return jdbc.sql("SELECT enabled, mapping FROM presence_follow WHERE extension_id = ?")
                .param(extensionId)
                .query((rs, n) -> new TeamsPresenceSetting(
                        rs.getBoolean("enabled"), TeamsPresenceSetting.decodeMapping(rs.getString("mapping"))))
                .optional();
    }

    /** Saves the choice; {@code forget} clears the last seen availability so the next reading applies. */
    void save(UUID extensionId, String userId, TeamsPresenceSetting setting, boolean forget) {
        int updated = jdbc.sql("UPDATE presence_follow SET user_id = ?, enabled = ?, mapping = ?"
                        + (forget ? ", last_availability = NULL" : "") + " WHERE extension_id = ?")
                .params(
                        userId.toLowerCase(java.util.Locale.ROOT),
                        setting.enabled(),
                        setting.encodeMapping(),
                        extensionId)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO presence_follow (extension_id, user_id, enabled, mapping) VALUES (?, ?, ?, ?)")
                    .params(
                            extensionId,
                            userId.toLowerCase(java.util.Locale.ROOT),
                            setting.enabled(),
                            setting.encodeMapping())
                    .update();
        }
    }

    /** The Entra object ids of the users whose extension follows Teams, sorted. */
    List<String> followedUserIds() {
        return jdbc.sql("SELECT user_id FROM presence_follow WHERE enabled = TRUE ORDER BY user_id")
                .query(String.class)
                .list();
    }

    int countFollowing() {
        return jdbc.sql("SELECT COUNT(*) FROM presence_follow WHERE enabled = TRUE")
                .query(Integer.class)
                .single();
    }

    /** The following extensions of these users, one query per 650 ids. */
    List<Follow> following(Collection<String> userIds) {
        List<String> ids = new ArrayList<>(userIds);
        List<Follow> found = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
            String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
            found.addAll(jdbc.sql("SELECT extension_id, user_id, mapping, last_availability FROM presence_follow"
                            + " WHERE enabled = TRUE AND user_id IN (" + marks + ")")
                    .params(new ArrayList<Object>(chunk))
                    .query(PresenceFollows::follow)
                    .list());
        }
        return found;
    }

    private static Follow follow(ResultSet rs, int n) throws SQLException {
        return new Follow(
                rs.getObject("extension_id", UUID.class),
                rs.getString("user_id"),
                TeamsPresenceSetting.decodeMapping(rs.getString("mapping")),
                rs.getString("last_availability"));
    }

    /** Remembers the Teams availability seen for each extension, in batches. */
    void recordSeen(Map<UUID, TeamsAvailability> seen, Instant at) {
        if (seen.isEmpty()) {
            return;
        }
        var now = at.atOffset(ZoneOffset.UTC);
        List<Object[]> rows = new ArrayList<>(seen.size());
        seen.forEach((id, availability) -> rows.add(new Object[] {availability.name(), now, id}));
        template.batchUpdate(
                "UPDATE presence_follow SET last_availability = ?, applied_at = ? WHERE extension_id = ?", rows);
    }

    /** Forgets every last seen availability, so the next reading applies everywhere (enabling the switch). */
    void forgetAllSeen() {
        jdbc.sql("UPDATE presence_follow SET last_availability = NULL").update();
    }

    /** Forgets every choice (a disconnect). */
    void deleteAll() {
        jdbc.sql("DELETE FROM presence_follow").update();
    }
}
