package io.switchboard.softphone;

import io.switchboard.entra.EntraConnection;
import io.switchboard.entra.SignInClient;
import io.switchboard.shared.Audited;
import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SSO switch and web redirect URI (S1): frozen while the integration is disabled, forgotten
 * when it is disconnected; and whether anybody may sign in now (S2).
 */
@Service
public class SoftphoneSso {

    private final JdbcClient jdbc;
    private final EntraConnection connection;
    private final SignInClient client;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    SoftphoneSso(
            JdbcClient jdbc,
            EntraConnection connection,
            SignInClient client,
            Clock clock,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.connection = connection;
        this.client = client;
        this.clock = clock;
        this.events = events;
    }

    private Optional<SsoSettings> stored() {
        return jdbc.sql("SELECT enabled, web_redirect_uri FROM softphone_sso WHERE id = 1")
                .query((rs, n) -> new SsoSettings(rs.getBoolean(1), rs.getString(2)))
                .optional();
    }

    /** The settings; the web redirect URI defaults to the first one the integration offers. */
    @Transactional(readOnly = true)
    public SsoSettings get() {
        SsoSettings s = stored().orElse(new SsoSettings(false, null));
        List<String> offered = connection.view().ssoRedirectUris();
        String uri = s.webRedirectUri() != null && offered.contains(s.webRedirectUri())
                ? s.webRedirectUri()
                : offered.get(0);
        return new SsoSettings(s.enabled(), uri);
    }

    @Transactional
    public SsoSettings update(SsoSettings in) {
        if (!connection.view().enabled()) {
            throw new ProblemException(
                    ProblemCode.SETTINGS_FROZEN,
                    "The integration is disabled, so the softphone sign-in settings cannot change. Enable it first.");
        }
        SsoSettings before = get();
        List<String> offered = connection.view().ssoRedirectUris();
        if (in.webRedirectUri() != null && !offered.contains(in.webRedirectUri().strip())) {
            throw ProblemException.invalid(
                    "webRedirectUri", "must be one of the ssoRedirectUris of GET /api/v1/integration: " + offered);
        }
        SsoSettings next = new SsoSettings(
                in.enabled() == null ? before.enabled() : in.enabled(),
                in.webRedirectUri() == null
                        ? before.webRedirectUri()
                        : in.webRedirectUri().strip());
        jdbc.sql("DELETE FROM softphone_sso").update();
        jdbc.sql("INSERT INTO softphone_sso (id, enabled, web_redirect_uri, updated_at) VALUES (1, ?, ?, ?)")
                .params(next.enabled(), next.webRedirectUri(), clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        events.publishEvent(Audited.settingsChanged("sso", before, next));
        return next;
    }

    /** Whether a synced user may sign in now: SSO on and the integration enabled and configured (S2). */
    @Transactional(readOnly = true)
    public boolean signInAllowed() {
        return Boolean.TRUE.equals(get().enabled())
                && client.current().map(SignInClient.Registration::enabled).orElse(false);
    }

    /** A disconnected integration has no SSO settings left. */
    @EventListener
    void onAudited(Audited event) {
        if (event.action() == Audited.Action.DISCONNECTED) {
            jdbc.sql("DELETE FROM softphone_sso").update();
        }
    }
}
