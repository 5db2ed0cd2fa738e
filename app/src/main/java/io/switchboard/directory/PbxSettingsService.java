package io.switchboard.directory;

import io.switchboard.pbx.PbxSettings;
import io.switchboard.shared.Audited;
import io.switchboard.shared.ProblemException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and changes the PBX-wide settings. */
@Service
public class PbxSettingsService {

    private final JdbcClient jdbc;
    private final Extensions extensions;

    private final ApplicationEventPublisher events;

    PbxSettingsService(JdbcClient jdbc, Extensions extensions, ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.extensions = extensions;
    }

    @Transactional(readOnly = true)
    public PbxSettings get() {
        return read("");
    }

    /** Replaces the settings; the capacity cannot go below the number of extensions that exist. */
    @Transactional
    public PbxSettings update(PbxSettings requested) {
        PbxSettings before = lockSettingsRow();
        PbxSettings next = requested.normalized();
        next.validate();
        long count = extensions.count();
        if (next.extensionCapacity() < count) {
            throw ProblemException.invalid(
                    "extensionCapacity",
                    "cannot be lower than the " + count + " extensions the PBX already holds; delete extensions first");
        }
        jdbc.sql("UPDATE pbx_settings SET extension_capacity = ?, time_zone = ?, public_base_url = ?,"
                        + " default_country = ? WHERE id = 1")
                .params(next.extensionCapacity(), next.timeZone(), next.publicBaseUrl(), next.defaultCountry())
                .update();
        events.publishEvent(Audited.settingsChanged("pbx-settings", before, next));
        return next;
    }

    /**
     * Locks the settings row until the transaction ends, and returns the settings: every write that
     * checks a PBX-wide limit (capacity, group limit) takes this lock first, so concurrent writers
     * cannot both pass the check.
     */
    PbxSettings lockSettingsRow() {
        return read(" FOR UPDATE");
    }

    private PbxSettings read(String suffix) {
        return jdbc.sql("SELECT extension_capacity, time_zone, public_base_url, default_country FROM pbx_settings"
                        + " WHERE id = 1" + suffix)
                .query((rs, n) -> new PbxSettings(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .single();
    }
}
