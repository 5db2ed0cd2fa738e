package io.switchboard.entra;

import java.sql.Date;
import java.time.Clock;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The single row of the integration. */
@Repository
class IntegrationStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    IntegrationStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Integration read() {
        return jdbc.sql("SELECT client_id, tenant_id, client_secret, client_secret_expires_at, cloud, login_endpoint,"
                        + " graph_endpoint, mode, enabled, status, status_reason, refresh_token, authorization_account"
                        + " FROM integration WHERE id = 1")
                .query((rs, n) -> {
                    Date expires = rs.getDate(4);
                    return new Integration(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            expires == null ? null : expires.toLocalDate(),
                            Cloud.valueOf(rs.getString(5)),
                            rs.getString(6),
                            rs.getString(7),
                            IntegrationMode.valueOf(rs.getString(8)),
                            rs.getBoolean(9),
                            IntegrationStatus.valueOf(rs.getString(10)),
                            rs.getString(11),
                            rs.getString(12),
                            rs.getString(13));
                })
                .single();
    }

    void write(Integration i) {
        jdbc.sql(
                        "UPDATE integration SET client_id = ?, tenant_id = ?, client_secret = ?, client_secret_expires_at = ?,"
                                + " cloud = ?, login_endpoint = ?, graph_endpoint = ?, mode = ?, enabled = ?, status = ?,"
                                + " status_reason = ?, refresh_token = ?, authorization_account = ?, updated_at = ? WHERE id = 1")
                .params(
                        i.clientId(),
                        i.tenantId(),
                        i.sealedSecret(),
                        i.clientSecretExpiresAt() == null ? null : Date.valueOf(i.clientSecretExpiresAt()),
                        i.cloud().name(),
                        i.customLogin(),
                        i.customGraph(),
                        i.mode().name(),
                        i.enabled(),
                        i.status().name(),
                        i.statusReason(),
                        i.sealedRefreshToken(),
                        i.authorizationAccount(),
                        clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }
}
