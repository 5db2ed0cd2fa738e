package io.switchboard.pbx;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the PBX-wide settings (public base URL, time zone, capacity, default country) for the
 * modules that only need to know them; changing them is {@code directory}'s business, since the
 * capacity is checked against the extensions it holds.
 */
@Component
public class PbxSettingsReader {

    private final JdbcClient jdbc;

    PbxSettingsReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public PbxSettings get() {
        return jdbc.sql("SELECT extension_capacity, time_zone, public_base_url, default_country FROM pbx_settings"
                        + " WHERE id = 1")
                .query((rs, n) -> new PbxSettings(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .single();
    }
}
