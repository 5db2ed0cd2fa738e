package io.switchboard.entra;

import io.switchboard.entra.IdentityPlatform.Tokens;
import io.switchboard.pbx.PbxSettingsReader;
import io.switchboard.secrets.SecretBox;
import io.switchboard.secrets.SecretUnreadableException;
import io.switchboard.shared.Audited;
import io.switchboard.shared.Audited.Action;
import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The connection to Microsoft Entra ID (C1–C7): settings, the admin's sign-in with the
 * authorization-code flow and PKCE (or client credentials in application mode), access tokens
 * refreshed ahead of expiry with refresh-token rotation kept, client-secret updates checked with
 * Microsoft first, and a status that always says what is wrong in plain words.
 */
@Service
public class EntraConnection {

    static final String SECRET_PURPOSE = "entra.client-secret";
    static final String REFRESH_PURPOSE = "entra.refresh-token";
    static final String VERIFIER_PURPOSE = "entra.pkce-verifier";
    static final Duration SIGN_IN_VALIDITY = Duration.ofMinutes(10);
    static final Duration REFRESH_AHEAD = Duration.ofMinutes(5);
    static final List<String> DELEGATED_PERMISSIONS = List.of(
            "User.Read.All",
            "Group.Read.All",
            "Directory.Read.All",
            "Contacts.Read",
            "Contacts.Read.Shared",
            "Presence.Read",
            "Presence.Read.All");
    static final List<String> APPLICATION_PERMISSIONS = List.of(
            "User.Read.All",
            "Group.Read.All",
            "Directory.Read.All",
            "Contacts.Read",
            "MailboxSettings.Read",
            "Presence.Read.All");

    private static final Logger log = LoggerFactory.getLogger(EntraConnection.class);
    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    private record CachedToken(String value, Instant expiresAt) {}

    private final IntegrationStore store;
    private final IdentityPlatform identity;
    private final GraphProbe probe;
    private final SecretBox box;
    private final PbxSettingsReader pbx;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final SecureRandom random = new SecureRandom();
    private volatile CachedToken cached;

    EntraConnection(
            IntegrationStore store,
            IdentityPlatform identity,
            GraphProbe probe,
            SecretBox box,
            PbxSettingsReader pbx,
            JdbcClient jdbc,
            Clock clock,
            ApplicationEventPublisher events) {
        this.events = events;
        this.store = store;
        this.identity = identity;
        this.probe = probe;
        this.box = box;
        this.pbx = pbx;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public IntegrationView view() {
        Integration i = store.read();
        String base = pbx.get().publicBaseUrl();
        return new IntegrationView(
                i.enabled() ? i.status() : IntegrationStatus.DISABLED,
                i.enabled() ? i.statusReason() : "The integration is disabled; nothing syncs and softphone SSO is off.",
                i.enabled(),
                i.clientId(),
                i.tenantId(),
                i.cloud(),
                i.loginEndpoint(),
                i.graphEndpoint(),
                i.mode(),
                redirectUri(),
                List.of(base + "/client/sso/callback"),
                i.clientSecretExpiresAt(),
                secretWarning(i.clientSecretExpiresAt()),
                i.sealedSecret() != null,
                i.authorizationAccount(),
                i.mode() == IntegrationMode.DELEGATED ? DELEGATED_PERMISSIONS : APPLICATION_PERMISSIONS);
    }

    /** The integration Redirect URI the admin registers in the app registration (C1). */
    public String redirectUri() {
        return pbx.get().publicBaseUrl() + "/integration/callback";
    }

    /** Whether Graph may be called: configured, enabled and connected. */
    @Transactional(readOnly = true)
    public boolean connected() {
        Integration i = store.read();
        return i.enabled() && i.status() == IntegrationStatus.CONNECTED;
    }

    /** Changes the settings; a change of app, tenant, cloud or mode ends the connection, which then needs a new sign-in. */
    @Transactional
    public IntegrationView update(IntegrationInput in) {
        Integration current = store.read();
        if (!current.enabled()) {
            throw frozen();
        }
        String clientId =
                in.clientId() == null ? current.clientId() : in.clientId().strip();
        String tenantId =
                in.tenantId() == null ? current.tenantId() : in.tenantId().strip();
        Cloud cloud = in.cloud() == null ? current.cloud() : in.cloud();
        String login = in.loginEndpoint() == null ? current.customLogin() : trimSlash(in.loginEndpoint());
        String graph = in.graphEndpoint() == null ? current.customGraph() : trimSlash(in.graphEndpoint());
        IntegrationMode mode = in.mode() == null ? current.mode() : in.mode();
        LocalDate expires =
                in.clientSecretExpiresAt() == null ? current.clientSecretExpiresAt() : in.clientSecretExpiresAt();
        validate(clientId, tenantId, cloud, login, graph);
        boolean identityChanged = !Objects.equals(clientId, current.clientId())
                || !Objects.equals(tenantId, current.tenantId())
                || cloud != current.cloud()
                || cloud == Cloud.CUSTOM
                        && (!Objects.equals(login, current.customLogin())
                                || !Objects.equals(graph, current.customGraph()))
                || mode != current.mode();
        String sealedSecret = in.clientSecret() == null || in.clientSecret().isBlank()
                ? current.sealedSecret()
                : box.seal(SECRET_PURPOSE, in.clientSecret().strip());
        Integration next = new Integration(
                clientId,
                tenantId,
                sealedSecret,
                expires,
                cloud,
                cloud == Cloud.CUSTOM ? login : null,
                cloud == Cloud.CUSTOM ? graph : null,
                mode,
                true,
                identityChanged ? IntegrationStatus.NOT_CONNECTED : current.status(),
                identityChanged
                        ? "Settings saved. Sign in with the authorization account to connect."
                        : current.statusReason(),
                identityChanged ? null : current.sealedRefreshToken(),
                identityChanged ? null : current.authorizationAccount());
        if (identityChanged) {
            cached = null;
            forgetSubscriptions();
        }
        store.write(next);
        Map<String, Object> after = auditedSettings(next);
        if (!Objects.equals(next.sealedSecret(), current.sealedSecret())) {
            after.put("clientSecret", "replaced");
        }
        events.publishEvent(Audited.settingsChanged("integration", auditedSettings(current), after));
        return view();
    }

    /** The settings as the audit trail shows them: never the secret or a token. */
    private static Map<String, Object> auditedSettings(Integration i) {
        Map<String, Object> settings = new java.util.LinkedHashMap<>();
        settings.put("clientId", i.clientId());
        settings.put("tenantId", i.tenantId());
        settings.put("cloud", i.cloud());
        settings.put("loginEndpoint", i.loginEndpoint());
        settings.put("graphEndpoint", i.graphEndpoint());
        settings.put("mode", i.mode());
        settings.put("clientSecretExpiresAt", i.clientSecretExpiresAt());
        return settings;
    }

    /**
     * Starts the connection. Delegated mode: returns the Microsoft authorization URL the admin's
     * browser goes to, with state, PKCE (S256) and nonce. Application mode: connects at once with
     * client credentials and returns null.
     */
    @Transactional
    public String startSignIn() {
        Integration i = store.read();
        if (!i.enabled()) {
            throw new ProblemException(
                    ProblemCode.INTEGRATION_DISABLED, "The integration is disabled. Enable it first.");
        }
        if (!i.configured()) {
            throw new ProblemException(
                    ProblemCode.NOT_CONNECTED,
                    "Enter the application (client) ID, the directory (tenant) ID, the client secret and the cloud"
                            + " endpoints first.");
        }
        if (i.mode() == IntegrationMode.APPLICATION) {
            connectAsApplication(i);
            return null;
        }
        String state = randomToken(32);
        String verifier = randomToken(48);
        String nonce = randomToken(24);
        jdbc.sql("DELETE FROM integration_sign_in WHERE created_at < ?")
                .param(clock.instant().minus(SIGN_IN_VALIDITY).atOffset(ZoneOffset.UTC))
                .update();
        jdbc.sql("INSERT INTO integration_sign_in (state, code_verifier, nonce, created_at) VALUES (?, ?, ?, ?)")
                .params(
                        state,
                        box.seal(VERIFIER_PURPOSE, verifier),
                        nonce,
                        clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        Map<String, String> query = new java.util.LinkedHashMap<>();
        query.put("client_id", i.clientId());
        query.put("response_type", "code");
        query.put("redirect_uri", redirectUri());
        query.put("response_mode", "query");
        query.put("scope", delegatedScope(i));
        query.put("state", state);
        query.put("nonce", nonce);
        query.put("code_challenge", challenge(verifier));
        query.put("code_challenge_method", "S256");
        query.put("prompt", "select_account");
        return IdentityPlatform.authorizeEndpoint(i) + "?"
                + query.entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
    }

    /** How a sign-in at the Redirect URI ended. */
    public enum SignInOutcome {
        /** The sign-in succeeded and its tokens are now used. */
        CONNECTED,
        /** The sign-in was cancelled or failed, and there was no working connection to keep. */
        FAILED,
        /** The sign-in was cancelled or failed; the working connection before it stays in use. */
        KEPT
    }

    /**
     * Finishes a delegated sign-in at the Redirect URI: the state must be one this PBX issued in the
     * last ten minutes, and is used once. Only a successful sign-in replaces the tokens: while
     * connected, a cancelled or failed one (such as {@code error=access_denied}) keeps the working
     * connection and its status {@code CONNECTED}, and the status reason says so (issue 13.5).
     */
    @Transactional
    public SignInOutcome completeSignIn(String state, String code, String error, String errorDescription) {
        if (state == null) {
            return SignInOutcome.FAILED;
        }
        var pending = jdbc.sql("SELECT code_verifier, nonce, created_at FROM integration_sign_in WHERE state = ?")
                .param(state)
                .query((rs, n) -> new String[] {
                    rs.getString(1),
                    rs.getString(2),
                    rs.getObject(3, java.time.OffsetDateTime.class).toInstant().toString()
                })
                .optional();
        if (pending.isEmpty()) {
            return SignInOutcome.FAILED;
        }
        jdbc.sql("DELETE FROM integration_sign_in WHERE state = ?").param(state).update();
        Integration i = store.read();
        if (Instant.parse(pending.get()[2]).plus(SIGN_IN_VALIDITY).isBefore(clock.instant())) {
            return signInFailed(i, "The sign-in took longer than ten minutes.", "Sign in again.");
        }
        if (error != null) {
            log.warn("Entra sign-in came back with error {}", error);
            return "access_denied".equals(error)
                    ? signInFailed(
                            i,
                            "The sign-in was cancelled, or the authorization account did not consent to the"
                                    + " permissions.",
                            "Sign in again and accept them.")
                    : signInFailed(i, "Microsoft sign-in failed (" + error + ").", "Sign in again.");
        }
        try {
            String secret = box.open(SECRET_PURPOSE, i.sealedSecret());
            Tokens tokens = identity.redeemCode(
                    i, secret, code, box.open(VERIFIER_PURPOSE, pending.get()[0]), redirectUri(), delegatedScope(i));
            String account = verifiedAccount(i, tokens.idToken(), pending.get()[1]);
            Integration signedIn = i.withRefreshToken(box.seal(REFRESH_PURPOSE, tokens.refreshToken()), account);
            Integration checked = checkData(signedIn, tokens.accessToken());
            if (checked.status() != IntegrationStatus.CONNECTED && workingConnection(i)) {
                return signInFailed(i, checked.statusReason(), "Sign in again.");
            }
            cached = new CachedToken(tokens.accessToken(), tokens.expiresAt());
            return storeChecked(checked) ? SignInOutcome.CONNECTED : SignInOutcome.FAILED;
        } catch (TokenRefused | SecretUnreadableException e) {
            return signInFailed(i, e.getMessage(), "");
        }
    }

    /** A connection whose stored tokens work: connected, with a refresh token in delegated mode. */
    private static boolean workingConnection(Integration i) {
        return i.enabled()
                && i.status() == IntegrationStatus.CONNECTED
                && (i.mode() == IntegrationMode.APPLICATION || i.sealedRefreshToken() != null);
    }

    private SignInOutcome signInFailed(Integration i, String what, String todo) {
        boolean kept = workingConnection(i);
        String reason = kept
                ? what + " The connection as "
                        + (i.authorizationAccount() == null ? "before" : i.authorizationAccount())
                        + " keeps working; nothing was changed."
                : (what + " " + todo).strip();
        store.write(i.withStatus(kept ? IntegrationStatus.CONNECTED : IntegrationStatus.ERROR, reason));
        events.publishEvent(Audited.of(
                Action.CONNECT_FAILED, "integration", Audited.details("reason", what, "connectionKept", kept)));
        return kept ? SignInOutcome.KEPT : SignInOutcome.FAILED;
    }

    /**
     * Replaces the client secret after Microsoft accepted the new one (C5); a refused secret is
     * answered with {@code SECRET_REJECTED} and the old one stays.
     */
    @Transactional
    public IntegrationView updateClientSecret(String secret, LocalDate expiresAt) {
        Integration i = store.read();
        if (!i.enabled()) {
            throw frozen();
        }
        if (secret == null || secret.isBlank()) {
            throw ProblemException.invalid("clientSecret", "is required");
        }
        if (i.clientId() == null || i.tenantId() == null || i.loginEndpoint() == null) {
            throw new ProblemException(
                    ProblemCode.NOT_CONNECTED, "Enter the client ID, tenant ID and cloud before the client secret.");
        }
        try {
            identity.clientCredentials(i, secret.strip());
        } catch (TokenRefused e) {
            throw new ProblemException(
                    ProblemCode.SECRET_REJECTED,
                    "Microsoft refused the new client secret, so the old one stays in use. " + e.getMessage());
        }
        Integration updated = i.withSecret(box.seal(SECRET_PURPOSE, secret.strip()), expiresAt);
        if (updated.status() == IntegrationStatus.ERROR && updated.sealedRefreshToken() != null
                || updated.mode() == IntegrationMode.APPLICATION && updated.status() == IntegrationStatus.ERROR) {
            updated = updated.withStatus(IntegrationStatus.CONNECTED, "The new client secret works.");
        }
        cached = null;
        store.write(updated);
        events.publishEvent(Audited.of(
                Action.SETTINGS_CHANGED,
                "integration/client-secret",
                Audited.details(
                        "changes",
                        Map.of(
                                "clientSecret", Map.of("changed", true),
                                "clientSecretExpiresAt",
                                        Audited.details(
                                                "before", String.valueOf(i.clientSecretExpiresAt()),
                                                "after", String.valueOf(expiresAt))))));
        return view();
    }

    /**
     * A valid Graph access token, refreshed ahead of its expiry; a refresh Microsoft refuses turns
     * the status into an error with its reason and raises {@link EntraUnavailable}.
     */
    public String accessToken() {
        CachedToken token = cached;
        if (token != null && token.expiresAt().minus(REFRESH_AHEAD).isAfter(clock.instant())) {
            return token.value();
        }
        return refreshToken();
    }

    /** Whether the integration is enabled (M6); while disabled nothing syncs and softphone SSO is refused. */
    @Transactional(readOnly = true)
    public boolean enabled() {
        return store.read().enabled();
    }

    /** Whether softphone SSO may sign anyone in (S2, M6): enabled and connected. */
    @Transactional(readOnly = true)
    public boolean ssoAllowed() {
        return connected();
    }

    /** Disables the integration (M6): every setting stays, frozen; no token is handed out. */
    @Transactional
    public void disable() {
        Integration i = store.read();
        cached = null;
        store.write(new Integration(
                i.clientId(),
                i.tenantId(),
                i.sealedSecret(),
                i.clientSecretExpiresAt(),
                i.cloud(),
                i.customLogin(),
                i.customGraph(),
                i.mode(),
                false,
                i.status(),
                i.statusReason(),
                i.sealedRefreshToken(),
                i.authorizationAccount()));
    }

    /** Enables the integration again where it was (M6). */
    @Transactional
    public void enable() {
        Integration i = store.read();
        store.write(new Integration(
                i.clientId(),
                i.tenantId(),
                i.sealedSecret(),
                i.clientSecretExpiresAt(),
                i.cloud(),
                i.customLogin(),
                i.customGraph(),
                i.mode(),
                true,
                i.status(),
                i.statusReason(),
                i.sealedRefreshToken(),
                i.authorizationAccount()));
    }

    /** Removes the connection (M7): the secret and every token are erased; another tenant can then be connected. */
    @Transactional
    public void disconnect() {
        cached = null;
        forgetSubscriptions();
        jdbc.sql("DELETE FROM integration_sign_in").update();
        store.write(new Integration(
                null,
                null,
                null,
                null,
                Cloud.GLOBAL,
                null,
                null,
                IntegrationMode.DELEGATED,
                true,
                IntegrationStatus.NOT_CONNECTED,
                "Disconnected. Enter the settings of a tenant to connect again.",
                null,
                null));
    }

    /**
     * Forgets the change-notification subscriptions of a connection that ends: they belong to it,
     * expire at its tenant by themselves, and notifications for them are no longer believed.
     */
    private void forgetSubscriptions() {
        jdbc.sql("DELETE FROM graph_subscription").update();
    }

    /** Forgets the cached access token after Graph refused it (401), so the next call gets a fresh one. */
    public void tokenRejected() {
        cached = null;
    }

    /** The Graph base URL of the configured cloud, without a path. */
    public String graphEndpoint() {
        return store.read().graphEndpoint();
    }

    private synchronized String refreshToken() {
        Integration i = store.read();
        if (!i.enabled()) {
            throw new EntraUnavailable("The integration is disabled.");
        }
        if (!i.configured() || i.mode() == IntegrationMode.DELEGATED && i.sealedRefreshToken() == null) {
            throw new EntraUnavailable("The integration is not connected. Sign in with the authorization account.");
        }
        try {
            String secret = box.open(SECRET_PURPOSE, i.sealedSecret());
            Tokens tokens = i.mode() == IntegrationMode.APPLICATION
                    ? identity.clientCredentials(i, secret)
                    : identity.refresh(i, secret, box.open(REFRESH_PURPOSE, i.sealedRefreshToken()), delegatedScope(i));
            if (tokens.refreshToken() != null) {
                store.write(
                        i.withRefreshToken(box.seal(REFRESH_PURPOSE, tokens.refreshToken()), i.authorizationAccount()));
            }
            cached = new CachedToken(tokens.accessToken(), tokens.expiresAt());
            if (i.status() == IntegrationStatus.ERROR) {
                store.write(store.read().withStatus(IntegrationStatus.CONNECTED, "Connected again."));
            }
            return tokens.accessToken();
        } catch (TokenRefused | SecretUnreadableException e) {
            cached = null;
            store.write(i.withStatus(IntegrationStatus.ERROR, e.getMessage()));
            log.warn("Entra token refresh failed: {}", e.getMessage());
            throw new EntraUnavailable(e.getMessage());
        }
    }

    private void connectAsApplication(Integration i) {
        try {
            Tokens tokens = identity.clientCredentials(i, box.open(SECRET_PURPOSE, i.sealedSecret()));
            cached = new CachedToken(tokens.accessToken(), tokens.expiresAt());
            storeChecked(checkData(i.withRefreshToken(null, null), tokens.accessToken()));
        } catch (TokenRefused | SecretUnreadableException e) {
            store.write(i.withStatus(IntegrationStatus.ERROR, e.getMessage()));
        }
    }

    /** Stores the connection after its data check, and tells the other modules when it is connected. */
    private boolean storeChecked(Integration checked) {
        store.write(checked);
        boolean connected = checked.status() == IntegrationStatus.CONNECTED;
        if (connected) {
            events.publishEvent(new EntraConnected(checked.tenantId()));
            events.publishEvent(Audited.of(
                    Action.CONNECTED,
                    "integration",
                    Audited.details(
                            "tenantId",
                            checked.tenantId(),
                            "mode",
                            checked.mode(),
                            "authorizationAccount",
                            checked.authorizationAccount())));
        }
        return connected;
    }

    /** The data check of C3: users and groups can be counted through Graph. */
    private Integration checkData(Integration i, String accessToken) {
        try {
            long users = probe.count(i.graphEndpoint(), accessToken, "users");
            long groups = probe.count(i.graphEndpoint(), accessToken, "groups");
            return i.withStatus(
                    IntegrationStatus.CONNECTED,
                    "Connected. Data initialization succeeded: " + users + " users and " + groups
                            + " groups can be read.");
        } catch (GraphProbe.ProbeFailed e) {
            return i.withStatus(IntegrationStatus.ERROR, e.getMessage());
        }
    }

    private String verifiedAccount(Integration i, String idToken, String nonce) {
        if (idToken == null) {
            throw new TokenRefused("invalid_id_token", "Microsoft returned no ID token. Sign in again.");
        }
        try {
            Jwt jwt = NimbusJwtDecoder.withJwkSetUri(IdentityPlatform.jwksEndpoint(i))
                    .build()
                    .decode(idToken);
            if (!nonce.equals(jwt.getClaimAsString("nonce"))
                    || !jwt.getAudience().contains(i.clientId())) {
                throw new TokenRefused(
                        "invalid_id_token", "The sign-in could not be verified (nonce or audience). Sign in again.");
            }
            String account = jwt.getClaimAsString("preferred_username");
            return account == null ? jwt.getSubject() : account;
        } catch (JwtException e) {
            throw new TokenRefused(
                    "invalid_id_token", "The ID token of the sign-in could not be verified. Sign in again.");
        }
    }

    private static String delegatedScope(Integration i) {
        return "openid profile offline_access "
                + DELEGATED_PERMISSIONS.stream()
                        .map(p -> i.graphEndpoint() + "/" + p)
                        .collect(Collectors.joining(" "));
    }

    private String secretWarning(LocalDate expiresAt) {
        if (expiresAt == null) {
            return null;
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (expiresAt.isBefore(today)) {
            return "The client secret expired on " + expiresAt + ". Create a new one and use Update Client Secret.";
        }
        if (!expiresAt.isAfter(today.plusDays(30))) {
            return "The client secret expires on " + expiresAt + ". Create a new one and use Update Client Secret"
                    + " before then.";
        }
        return null;
    }

    private static ProblemException frozen() {
        return new ProblemException(
                ProblemCode.SETTINGS_FROZEN,
                "The integration is disabled, so its settings cannot change. Enable it first.");
    }

    private static void validate(String clientId, String tenantId, Cloud cloud, String login, String graph) {
        if (clientId != null && !GUID.matcher(clientId).matches()) {
            throw ProblemException.invalid(
                    "clientId",
                    "must be the application (client) ID, a GUID such as" + " 11111111-2222-3333-4444-555555555555");
        }
        if (tenantId != null
                && !GUID.matcher(tenantId).matches()
                && !DOMAIN.matcher(tenantId).matches()) {
            throw ProblemException.invalid(
                    "tenantId", "must be the directory (tenant) ID (a GUID) or a verified domain");
        }
        if (cloud == Cloud.CUSTOM) {
            checkEndpoint("loginEndpoint", login);
            checkEndpoint("graphEndpoint", graph);
        }
    }

    private static void checkEndpoint(String field, String url) {
        if (url == null) {
            throw ProblemException.invalid(field, "is required when cloud is CUSTOM");
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "must be a base URL such as https://login.microsoftonline.com");
        }
        boolean loopback =
                "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost()) || "[::1]".equals(uri.getHost());
        boolean schemeOk = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme()) && loopback;
        if (!schemeOk
                || uri.getHost() == null
                || uri.getQuery() != null
                || uri.getUserInfo() != null
                || uri.getPath() != null && !uri.getPath().isEmpty()) {
            throw ProblemException.invalid(
                    field,
                    "must be an https base URL without a path (http only on 127.0.0.1 or"
                            + " localhost), such as https://login.microsoftonline.com");
        }
    }

    private static String trimSlash(String url) {
        String u = url.strip();
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    private String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
