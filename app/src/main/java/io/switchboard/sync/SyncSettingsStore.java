package io.switchboard.sync;

import io.switchboard.entra.EntraConnection;
import io.switchboard.shared.Audited;
import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Stores each settings document of the sync module as JSON under its name. */
@Repository
public class SyncSettingsStore {

    private final JdbcClient jdbc;
    private final JsonMapper mapper;
    private final Clock clock;

    private final ApplicationEventPublisher events;

    SyncSettingsStore(JdbcClient jdbc, JsonMapper mapper, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Every sync setting is frozen while the integration is disabled (M6). */
    public static void requireEditable(EntraConnection connection) {
        if (!connection.enabled()) {
            throw new ProblemException(
                    ProblemCode.SETTINGS_FROZEN,
                    "The integration is disabled, so its settings cannot change. Enable it first (M6).");
        }
    }

    public <T> Optional<T> read(String name, Class<T> type) {
        return jdbc.sql("SELECT document FROM sync_setting WHERE name = ?")
                .param(name)
                .query(String.class)
                .optional()
                .map(json -> mapper.readValue(json, type));
    }

    /** Stores the document; the audit trail gets the fields that changed. */
    public void write(String name, Object document) {
        String json = mapper.writeValueAsString(document);
        Optional<String> before = jdbc.sql("SELECT document FROM sync_setting WHERE name = ?")
                .param(name)
                .query(String.class)
                .optional();
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        int updated = jdbc.sql("UPDATE sync_setting SET document = ?, updated_at = ? WHERE name = ?")
                .params(json, now, name)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO sync_setting (name, document, updated_at) VALUES (?, ?, ?)")
                    .params(name, json, now)
                    .update();
        }
        events.publishEvent(Audited.settingsChanged(
                "integration/" + name, before.map(mapper::readTree).orElse(null), mapper.readTree(json)));
    }
}
