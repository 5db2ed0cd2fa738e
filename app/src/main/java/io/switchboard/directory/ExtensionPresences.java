package io.switchboard.directory;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Presence written from outside the admin's hand (T2): many extensions in one batched statement,
 * and only those whose presence really changes; no other field is touched.
 */
@Service
public class ExtensionPresences {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    ExtensionPresences(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Sets each extension's presence where it differs; returns how many extensions changed. */
    @Transactional
    public int writeChanged(Map<UUID, Presence> presences) {
        if (presences.isEmpty()) {
            return 0;
        }
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        List<Object[]> rows = new ArrayList<>(presences.size());
        presences.forEach((id, presence) -> rows.add(new Object[] {presence.name(), now, id, presence.name()}));
        int changed = 0;
        for (int[] batch : jdbc.batchUpdate(
                "UPDATE extension SET presence = ?, updated_at = ? WHERE id = ? AND presence <> ?",
                rows,
                500,
                (ps, row) -> {
                    ps.setString(1, (String) row[0]);
                    ps.setObject(2, row[1]);
                    ps.setObject(3, row[2]);
                    ps.setString(4, (String) row[3]);
                })) {
            for (int n : batch) {
                changed += Math.max(n, 0);
            }
        }
        return changed;
    }
}
