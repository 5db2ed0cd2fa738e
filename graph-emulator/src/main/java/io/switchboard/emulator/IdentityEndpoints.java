package io.switchboard.emulator;

import com.nimbusds.jwt.JWTClaimsSet;
import io.switchboard.emulator.HttpMessages.Request;
import io.switchboard.emulator.HttpMessages.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Microsoft identity platform v2 endpoints of one tenant: discovery, JWKS, authorize (auth code with PKCE), token
 * (authorization_code, refresh_token, client_credentials) and adminconsent. Errors follow Microsoft's shapes: token
 * errors are the AADSTS JSON body (401 for {@code invalid_client}, else 400); authorize errors are redirects when the
 * redirect URI is trusted, else an error page.
 */
final class IdentityEndpoints {

    static final String GRAPH_RESOURCE = "https://graph.microsoft.com";
    static final String GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
    private static final Set<String> OIDC_SCOPES = Set.of("openid", "profile", "email", "offline_access");
    private static final Set<String> KNOWN_GRAPH_SCOPES = Set.of(
            "User.Read",
            "User.ReadBasic.All",
            "User.Read.All",
            "User.ReadWrite.All",
            "Group.Read.All",
            "GroupMember.Read.All",
            "Group.ReadWrite.All",
            "Directory.Read.All",
            "Directory.ReadWrite.All",
            "Contacts.Read",
            "Contacts.ReadWrite",
            "Contacts.Read.Shared",
            "Contacts.ReadWrite.Shared",
            "Presence.Read",
            "Presence.Read.All",
            "MailboxSettings.Read",
            "Member.Read.Hidden");
    private static final DateTimeFormatter AAD_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SESSION_COOKIE = "ESTSAUTH";
    private static final Duration FLOW_LIFETIME = Duration.ofHours(1);

    private record AuthCode(
            String userId,
            String redirectUri,
            Set<String> scopes,
            String codeChallenge,
            String challengeMethod,
            String nonce,
            Instant issuedAt,
            boolean[] redeemed) {}

    private record RefreshGrant(String userId, Set<String> scopes, Instant issuedAt, long consentGeneration) {}

    private final GraphEmulator emulator;
    private final Map<String, AuthCode> codes = new ConcurrentHashMap<>();
    private final Map<String, RefreshGrant> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Flow> flows = new ConcurrentHashMap<>();
    private final Map<String, BrowserSession> browserSessions = new ConcurrentHashMap<>();
    private final Deque<IssuedCode> issuedCodes = new ArrayDeque<>();

    IdentityEndpoints(GraphEmulator emulator) {
        this.emulator = emulator;
    }

    Response handle(Request request) {
        String[] segments = request.path().substring(1).split("/", 2);
        String tenantSegment = segments[0];
        String rest = segments.length > 1 ? "/" + segments[1] : "";
        boolean multiTenantAlias = tenantSegment.equals("common") || tenantSegment.equals("organizations");
        boolean known = tenantSegment.equalsIgnoreCase(emulator.tenant().id())
                || tenantSegment.equalsIgnoreCase(emulator.tenant().domain());
        return switch (rest) {
            case "/v2.0/.well-known/openid-configuration" -> {
                if (!known && !multiTenantAlias) {
                    yield tokenError(400, "invalid_tenant", 90002, tenantNotFound(tenantSegment), null);
                }
                yield Response.json(
                        200,
                        discovery(
                                multiTenantAlias
                                        ? tenantSegment
                                        : emulator.tenant().id()));
            }
            case "/discovery/v2.0/keys" ->
                Response.json(200, emulator.signingKeys().jwks());
            case "/oauth2/v2.0/authorize" -> authorize(request, tenantSegment, known, multiTenantAlias);
            case "/oauth2/v2.0/token" -> {
                if (!request.method().equals("POST")) {
                    yield tokenError(405, "invalid_request", 900561, "The endpoint only accepts POST requests.", null);
                }
                if (multiTenantAlias) {
                    yield tokenError(400, "invalid_request", 50194, multiTenantMessage(), null);
                }
                if (!known) {
                    yield tokenError(400, "invalid_request", 90002, tenantNotFound(tenantSegment), null);
                }
                yield token(request);
            }
            case "/v2.0/adminconsent" -> adminConsent(request, known);
            case "/login" -> known ? login(request) : errorPage(90002, tenantNotFound(tenantSegment));
            case "/oauth2/v2.0/logout" -> logout(request);
            default -> Response.json(404, Map.of("error", "not_found"));
        };
    }

    // ---- discovery

    private Map<String, Object> discovery(String tenantPathValue) {
        String base = emulator.baseUrl();
        boolean alias = !tenantPathValue.equals(emulator.tenant().id());
        String issuerTenant = alias ? "{tenantid}" : tenantPathValue;
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("token_endpoint", base + "/" + tenantPathValue + "/oauth2/v2.0/token");
        doc.put(
                "token_endpoint_auth_methods_supported",
                List.of("client_secret_post", "private_key_jwt", "client_secret_basic"));
        doc.put("jwks_uri", base + "/" + tenantPathValue + "/discovery/v2.0/keys");
        doc.put("response_modes_supported", List.of("query", "fragment", "form_post"));
        doc.put("subject_types_supported", List.of("pairwise"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("response_types_supported", List.of("code", "id_token", "code id_token", "id_token token"));
        doc.put("scopes_supported", List.of("openid", "profile", "email", "offline_access"));
        doc.put("issuer", base + "/" + issuerTenant + "/v2.0");
        doc.put("request_uri_parameter_supported", false);
        doc.put("userinfo_endpoint", base + "/oidc/userinfo");
        doc.put("authorization_endpoint", base + "/" + tenantPathValue + "/oauth2/v2.0/authorize");
        doc.put("device_authorization_endpoint", base + "/" + tenantPathValue + "/oauth2/v2.0/devicecode");
        doc.put("http_logout_supported", true);
        doc.put("frontchannel_logout_supported", true);
        doc.put("end_session_endpoint", base + "/" + tenantPathValue + "/oauth2/v2.0/logout");
        doc.put(
                "claims_supported",
                List.of(
                        "sub",
                        "iss",
                        "cloud_instance_name",
                        "cloud_instance_host_name",
                        "cloud_graph_host_name",
                        "msgraph_host",
                        "aud",
                        "exp",
                        "iat",
                        "auth_time",
                        "acr",
                        "nonce",
                        "preferred_username",
                        "name",
                        "tid",
                        "ver",
                        "at_hash",
                        "c_hash",
                        "email"));
        doc.put("tenant_region_scope", "NA");
        doc.put("cloud_instance_name", "microsoftonline.com");
        doc.put("cloud_graph_host_name", "graph.windows.net");
        doc.put("msgraph_host", base.replaceFirst("^https?://", ""));
        doc.put("rbac_url", "https://pas.windows.net");
        return doc;
    }

    // ---- authorize

    private Response authorize(Request request, String tenantSegment, boolean known, boolean alias) {
        Map<String, String> q = request.method().equals("POST") ? request.form() : request.query();
        if (alias) {
            return errorPage(50194, multiTenantMessage());
        }
        if (!known) {
            return errorPage(90002, tenantNotFound(tenantSegment));
        }
        AppRegistration app = emulator.app();
        String clientId = q.get("client_id");
        if (clientId == null || clientId.isEmpty()) {
            return errorPage(900144, "The request body must contain the following parameter: 'client_id'.");
        }
        if (!clientId.equalsIgnoreCase(app.clientId())) {
            return errorPage(700016, appNotFound(clientId));
        }
        String redirectUri = q.get("redirect_uri");
        if (redirectUri == null || !app.redirectUris().contains(redirectUri)) {
            return errorPage(
                    50011,
                    "The redirect URI '" + redirectUri
                            + "' specified in the request does not match the redirect URIs configured for the application '"
                            + app.clientId()
                            + "'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.");
        }
        String state = q.get("state");
        String responseMode = q.getOrDefault("response_mode", "query");
        if (!Set.of("query", "fragment", "form_post").contains(responseMode)) {
            return authorizeError(redirectUri, "query", state, "invalid_request", 900352, "Invalid response_mode.");
        }
        if (!"code".equals(q.get("response_type"))) {
            return authorizeError(
                    redirectUri,
                    responseMode,
                    state,
                    "unsupported_response_type",
                    700054,
                    "response_type '" + q.get("response_type") + "' is not enabled for the application.");
        }
        String scope = q.get("scope");
        if (scope == null || scope.isBlank()) {
            return authorizeError(
                    redirectUri,
                    responseMode,
                    state,
                    "invalid_request",
                    900144,
                    "The request body must contain the following parameter: 'scope'.");
        }
        Set<String> scopes;
        try {
            scopes = parseDelegatedScopes(scope);
        } catch (IllegalArgumentException e) {
            return authorizeError(redirectUri, responseMode, state, "invalid_scope", 70011, e.getMessage());
        }
        String challenge = q.get("code_challenge");
        String method = q.getOrDefault("code_challenge_method", challenge == null ? null : "plain");
        if (challenge != null && !Set.of("S256", "plain").contains(method)) {
            return authorizeError(
                    redirectUri,
                    responseMode,
                    state,
                    "invalid_request",
                    50125,
                    "The code_challenge_method is not supported: '" + method + "'.");
        }
        String prompt = q.get("prompt");
        AppRegistration.SignInOutcome outcome = app.takeSignInOutcome();
        Set<String> graphScopes = graphScopes(scopes);
        boolean consentMissing = !app.delegatedConsent().containsAll(graphScopes);
        switch (outcome) {
            case DECLINE_CONSENT -> {
                return authorizeError(
                        redirectUri,
                        responseMode,
                        state,
                        "access_denied",
                        65004,
                        "User declined to consent to access the app.");
            }
            case LOGIN_REQUIRED -> {
                return authorizeError(
                        redirectUri,
                        responseMode,
                        state,
                        "login_required",
                        50058,
                        "A silent sign-in request was sent but no user is signed in.");
            }
            case INTERACTION_REQUIRED -> {
                return authorizeError(
                        redirectUri,
                        responseMode,
                        state,
                        "interaction_required",
                        50076,
                        "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '"
                                + GRAPH_APP_ID + "'.");
            }
            case CONSENT -> {}
        }
        if ("none".equals(prompt) && consentMissing) {
            return authorizeError(
                    redirectUri,
                    responseMode,
                    state,
                    "consent_required",
                    65001,
                    "The user or administrator has not consented to use the application with ID '" + app.clientId()
                            + "' named '" + app.displayName()
                            + "'. Send an interactive authorization request for this user and resource.");
        }
        AuthorizeRequest authorization =
                new AuthorizeRequest(redirectUri, responseMode, state, scopes, challenge, method, q.get("nonce"));
        String loginHint = q.get("login_hint") == null || q.get("login_hint").isBlank()
                ? null
                : q.get("login_hint").trim();
        EntraUser sessionUser = sessionUser(request);
        EntraUser current = sessionUser;
        if (current == null && !app.interactiveSignIn()) {
            String userId = app.authorizationAccountId();
            if (userId != null) {
                EntraUser automatic = emulator.tenant().user(userId).orElse(null);
                if (automatic == null) {
                    return errorPage(
                            50034,
                            "The user account does not exist in the '"
                                    + emulator.tenant().domain()
                                    + "' directory. To sign into this application, the account must be added to the directory.");
                }
                if (automatic.accountEnabled()) {
                    current = automatic;
                } else if (loginHint == null && !"login".equals(prompt)) {
                    return errorPage(50057, "The user account is disabled.");
                }
            }
        }
        boolean otherUserHinted =
                loginHint != null && (current == null || !loginHint.equalsIgnoreCase(current.userPrincipalName()));
        if ("login".equals(prompt) || current == null || otherUserHinted) {
            if ("none".equals(prompt)) {
                return authorizeError(
                        redirectUri,
                        responseMode,
                        state,
                        "login_required",
                        50058,
                        "A silent sign-in request was sent but no user is signed in.");
            }
            return loginForm(newFlow(authorization), loginHint, null);
        }
        return issueCode(authorization, current);
    }

    /** The validated parameters of an authorize request, kept while the user signs in at the login form. */
    private record AuthorizeRequest(
            String redirectUri,
            String responseMode,
            String state,
            Set<String> scopes,
            String codeChallenge,
            String challengeMethod,
            String nonce) {}

    private record Flow(AuthorizeRequest request, Instant startedAt) {}

    private record BrowserSession(String userId, Instant signedInAt) {}

    private Response issueCode(AuthorizeRequest a, EntraUser user) {
        emulator.app().grantDelegated(graphScopes(a.scopes()));
        String code = "1.A" + randomToken(48);
        Instant now = emulator.clock().instant();
        codes.put(
                code,
                new AuthCode(
                        user.id(),
                        a.redirectUri(),
                        a.scopes(),
                        a.codeChallenge(),
                        a.challengeMethod(),
                        a.nonce(),
                        now,
                        new boolean[1]));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code);
        params.put("state", a.state());
        params.put("session_state", UUID.randomUUID().toString());
        String callback = a.redirectUri() + (a.redirectUri().contains("?") ? "&" : "?") + HttpMessages.query(params);
        synchronized (issuedCodes) {
            issuedCodes.addLast(new IssuedCode(code, user.id(), a.redirectUri(), a.state(), a.nonce(), callback, now));
            while (issuedCodes.size() > 100) {
                issuedCodes.removeFirst();
            }
        }
        return respondToClient(a.redirectUri(), a.responseMode(), params);
    }

    List<IssuedCode> issuedCodes() {
        synchronized (issuedCodes) {
            return List.copyOf(issuedCodes);
        }
    }

    // ---- login form and browser sessions

    private String newFlow(AuthorizeRequest request) {
        Instant now = emulator.clock().instant();
        flows.values().removeIf(f -> now.isAfter(f.startedAt().plus(FLOW_LIFETIME)));
        String ctx = randomToken(32);
        flows.put(ctx, new Flow(request, now));
        return ctx;
    }

    /** The user of the browser's login-host session, if it is valid: not revoked, user active and enabled. */
    private EntraUser sessionUser(Request request) {
        String id = cookie(request, SESSION_COOKIE);
        BrowserSession session = id == null ? null : browserSessions.get(id);
        if (session == null) {
            return null;
        }
        Instant revokedAt = emulator.app().sessionsRevokedAt(session.userId());
        EntraUser user = emulator.tenant().user(session.userId()).orElse(null);
        if (user == null
                || !user.accountEnabled()
                || (revokedAt != null && !session.signedInAt().isAfter(revokedAt))) {
            browserSessions.remove(id);
            return null;
        }
        return user;
    }

    private static String cookie(Request request, String name) {
        String header = request.header("cookie");
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String p = part.trim();
            if (p.startsWith(name + "=")) {
                return p.substring(name.length() + 1);
            }
        }
        return null;
    }

    private Response login(Request request) {
        if (!request.method().equals("POST")) {
            return Response.html(405, page("Sign in to your account", "<p>Sign in from the application.</p>"));
        }
        Map<String, String> form = request.form();
        String ctx = form.getOrDefault("ctx", "");
        Flow flow = flows.get(ctx);
        Instant now = emulator.clock().instant();
        if (flow == null || now.isAfter(flow.startedAt().plus(FLOW_LIFETIME))) {
            flows.remove(ctx);
            return Response.html(
                    400,
                    page(
                            "Sign in to your account",
                            "<h1>Your sign-in took too long</h1><p>Go back to the application and sign in again.</p>"));
        }
        String name = form.getOrDefault("loginfmt", "").trim();
        String password = form.get("passwd");
        if (name.isEmpty()) {
            return loginForm(ctx, name, "Enter a valid email address, phone number, or Skype name.");
        }
        EntraUser user = emulator.tenant().userBySignInName(name).orElse(null);
        if (user == null) {
            return loginForm(
                    ctx,
                    name,
                    "AADSTS50034: We couldn't find an account with that username. The user account does not exist in the '"
                            + emulator.tenant().domain() + "' directory.");
        }
        if (!emulator.tenant().passwordMatches(user.id(), password)) {
            return loginForm(
                    ctx,
                    name,
                    "AADSTS50126: Error validating credentials due to invalid username or password. Your account or password is incorrect.");
        }
        if (!user.accountEnabled()) {
            return loginForm(
                    ctx,
                    name,
                    "AADSTS50057: The user account is disabled. Your account has been disabled; contact your administrator.");
        }
        flows.remove(ctx);
        String sessionId = randomToken(32);
        browserSessions.put(sessionId, new BrowserSession(user.id(), now));
        return issueCode(flow.request(), user)
                .withHeader("Set-Cookie", SESSION_COOKIE + "=" + sessionId + "; Path=/; HttpOnly; SameSite=Lax");
    }

    private Response logout(Request request) {
        String id = cookie(request, SESSION_COOKIE);
        if (id != null) {
            browserSessions.remove(id);
        }
        String target = request.query().get("post_logout_redirect_uri");
        Response response = target != null && emulator.app().redirectUris().contains(target)
                ? Response.redirect(target)
                : Response.html(
                        200,
                        page(
                                "Sign out",
                                "<h1>You signed out of your account</h1><p>It's a good idea to close all browser windows.</p>"));
        return response.withHeader("Set-Cookie", SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
    }

    private Response loginForm(String ctx, String userName, String error) {
        StringBuilder body = new StringBuilder();
        body.append("<h1 id=\"loginHeader\">Sign in</h1><p>to continue to ")
                .append(escape(emulator.app().displayName()))
                .append(" (")
                .append(escape(emulator.tenant().domain()))
                .append(")</p>");
        if (error != null) {
            body.append("<p id=\"usernameError\" role=\"alert\">")
                    .append(escape(error))
                    .append("</p>");
        }
        body.append("<form method=\"post\" id=\"i0281\" name=\"f1\" novalidate action=\"/")
                .append(escape(emulator.tenant().id()))
                .append("/login\">")
                .append("<p><label for=\"i0116\">Email, phone, or Skype</label><br>")
                .append(
                        "<input type=\"email\" name=\"loginfmt\" id=\"i0116\" autocomplete=\"username\" required value=\"")
                .append(escape(userName == null ? "" : userName))
                .append("\"></p>")
                .append("<p><label for=\"i0118\">Password</label><br>")
                .append(
                        "<input type=\"password\" name=\"passwd\" id=\"i0118\" autocomplete=\"current-password\" required></p>")
                .append("<input type=\"hidden\" name=\"ctx\" value=\"")
                .append(escape(ctx))
                .append("\">")
                .append("<p><input type=\"submit\" id=\"idSIButton9\" value=\"Sign in\"></p></form>");
        return Response.html(200, page("Sign in to your account", body.toString()))
                .withHeader("Cache-Control", "no-store, no-cache")
                .withHeader("X-Frame-Options", "DENY");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escape(title)
                + "</title></head><body><main>" + body + "</main></body></html>";
    }

    private Response respondToClient(String redirectUri, String responseMode, Map<String, String> params) {
        if (responseMode.equals("form_post")) {
            StringBuilder html = new StringBuilder("<html><head><title>Working...</title></head><body>"
                    + "<form method=\"POST\" name=\"hiddenform\" action=\"" + escape(redirectUri) + "\">");
            params.forEach((k, v) -> {
                if (v != null) {
                    html.append("<input type=\"hidden\" name=\"")
                            .append(escape(k))
                            .append("\" value=\"")
                            .append(escape(v))
                            .append("\" />");
                }
            });
            html.append("<noscript><p>Script is disabled. Click Submit to continue.</p>"
                    + "<input type=\"submit\" value=\"Submit\" /></noscript></form>"
                    + "<script language=\"javascript\">document.forms[0].submit();</script></body></html>");
            return Response.html(200, html.toString());
        }
        String separator = responseMode.equals("fragment") ? "#" : (redirectUri.contains("?") ? "&" : "?");
        return Response.redirect(redirectUri + separator + HttpMessages.query(params));
    }

    private Response authorizeError(
            String redirectUri, String responseMode, String state, String error, int code, String message) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error);
        params.put("error_description", "AADSTS" + code + ": " + message + traceSuffix());
        params.put("error_uri", errorUri(code));
        params.put("state", state);
        return respondToClient(redirectUri, responseMode, params);
    }

    private Response errorPage(int code, String message) {
        return Response.html(
                400,
                "<html><head><title>Sign in to your account</title></head><body><h1>Sorry, but we're having trouble signing you in.</h1><p>AADSTS"
                        + code + ": " + escape(message) + "</p></body></html>");
    }

    // ---- admin consent

    private Response adminConsent(Request request, boolean known) {
        Map<String, String> q = request.query();
        if (!known) {
            return errorPage(90002, tenantNotFound(request.path()));
        }
        AppRegistration app = emulator.app();
        if (!app.clientId().equalsIgnoreCase(q.getOrDefault("client_id", ""))) {
            return errorPage(700016, appNotFound(q.get("client_id")));
        }
        String redirectUri = q.get("redirect_uri");
        if (redirectUri == null || !app.redirectUris().contains(redirectUri)) {
            return errorPage(50011, "The redirect URI '" + redirectUri + "' specified in the request does not match.");
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (app.takeSignInOutcome() == AppRegistration.SignInOutcome.DECLINE_CONSENT) {
            params.put("admin_consent", "True");
            params.put("error", "consent_required");
            params.put("error_description", "AADSTS65004: User declined to consent to access the app." + traceSuffix());
            params.put("state", q.get("state"));
            return respondToClient(redirectUri, "query", params);
        }
        app.grantAdminConsent();
        params.put("admin_consent", "True");
        params.put("tenant", emulator.tenant().id());
        params.put("scope", q.getOrDefault("scope", GRAPH_RESOURCE + "/.default"));
        params.put("state", q.get("state"));
        return respondToClient(redirectUri, "query", params);
    }

    // ---- token

    private Response token(Request request) {
        Map<String, String> form = request.form();
        AppRegistration app = emulator.app();
        String grantType = form.get("grant_type");
        String clientId = form.get("client_id");
        String clientSecret = form.get("client_secret");
        String basic = request.header("authorization");
        if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded =
                    new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                clientId = HttpMessages.decode(decoded.substring(0, colon));
                clientSecret = HttpMessages.decode(decoded.substring(colon + 1));
            }
        }
        if (grantType == null) {
            return tokenError(
                    400,
                    "invalid_request",
                    900144,
                    "The request body must contain the following parameter: 'grant_type'.",
                    null);
        }
        if (!Set.of("authorization_code", "refresh_token", "client_credentials").contains(grantType)) {
            return tokenError(
                    400,
                    "unsupported_grant_type",
                    70003,
                    "The app requested an unsupported grant type '" + grantType + "'.",
                    null);
        }
        if (clientId == null || clientId.isEmpty()) {
            return tokenError(
                    400,
                    "invalid_request",
                    900144,
                    "The request body must contain the following parameter: 'client_id'.",
                    null);
        }
        if (!clientId.equalsIgnoreCase(app.clientId())) {
            return tokenError(400, "unauthorized_client", 700016, appNotFound(clientId), null);
        }
        if (clientSecret == null || clientSecret.isEmpty()) {
            return tokenError(
                    400,
                    "invalid_request",
                    7000218,
                    "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
                    null);
        }
        var secret = app.secretWithValue(clientSecret);
        if (secret.isEmpty()) {
            return tokenError(
                    401,
                    "invalid_client",
                    7000215,
                    "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '"
                            + app.clientId() + "'.",
                    null);
        }
        if (secret.get().expiredAt(emulator.clock().instant())) {
            return tokenError(
                    401,
                    "invalid_client",
                    7000222,
                    "The provided client secret keys for app '" + app.clientId()
                            + "' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.",
                    null);
        }
        return switch (grantType) {
            case "authorization_code" -> redeemCode(form);
            case "refresh_token" -> redeemRefreshToken(form);
            default -> clientCredentials(form);
        };
    }

    private Response redeemCode(Map<String, String> form) {
        String code = form.get("code");
        AuthCode grant = code == null ? null : codes.get(code);
        if (grant == null) {
            return tokenError(400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.", null);
        }
        synchronized (grant) {
            if (grant.redeemed()[0]) {
                return tokenError(
                        400,
                        "invalid_grant",
                        54005,
                        "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
                        null);
            }
            if (emulator.clock()
                    .instant()
                    .isAfter(grant.issuedAt().plus(emulator.settings().authCodeLifetime()))) {
                return tokenError(
                        400,
                        "invalid_grant",
                        70008,
                        "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
                        null);
            }
            if (!grant.redirectUri().equals(form.get("redirect_uri"))) {
                return tokenError(
                        400,
                        "invalid_grant",
                        50011,
                        "The redirect URI '" + form.get("redirect_uri")
                                + "' specified in the request does not match the redirect URI used to obtain the authorization code.",
                        null);
            }
            if (grant.codeChallenge() != null) {
                String verifier = form.get("code_verifier");
                if (verifier == null || !grant.codeChallenge().equals(challengeOf(verifier, grant.challengeMethod()))) {
                    return tokenError(
                            400,
                            "invalid_grant",
                            501481,
                            "The Code_Verifier does not match the code_challenge supplied in the authorization request.",
                            null);
                }
            }
            grant.redeemed()[0] = true;
        }
        return delegatedTokens(grant.userId(), grant.scopes(), grant.nonce());
    }

    private Response redeemRefreshToken(Map<String, String> form) {
        String token = form.get("refresh_token");
        RefreshGrant grant = token == null ? null : refreshTokens.get(token);
        if (grant == null) {
            return tokenError(400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.", null);
        }
        AppRegistration app = emulator.app();
        Instant now = emulator.clock().instant();
        if (now.isAfter(grant.issuedAt().plus(emulator.settings().refreshTokenInactivity()))) {
            return tokenError(
                    400,
                    "invalid_grant",
                    700082,
                    "The refresh token has expired due to inactivity. The token was issued on " + grant.issuedAt()
                            + " and was inactive for "
                            + emulator.settings().refreshTokenInactivity().toDays()
                            + ".00:00:00.",
                    null);
        }
        Instant revokedAt = app.sessionsRevokedAt(grant.userId());
        if (revokedAt != null && !grant.issuedAt().isAfter(revokedAt)) {
            return tokenError(
                    400,
                    "invalid_grant",
                    50173,
                    "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '"
                            + grant.issuedAt()
                            + "' and the TokensValidFrom date (before which tokens are not valid) for this user is '"
                            + revokedAt + "'.",
                    null);
        }
        EntraUser user = emulator.tenant().user(grant.userId()).orElse(null);
        if (user == null || !user.accountEnabled()) {
            return tokenError(
                    400,
                    "invalid_grant",
                    user == null ? 50034 : 50057,
                    user == null
                            ? "The user account does not exist in the directory."
                            : "The user account is disabled.",
                    null);
        }
        Set<String> requested;
        try {
            requested = form.get("scope") == null ? grant.scopes() : parseDelegatedScopes(form.get("scope"));
        } catch (IllegalArgumentException e) {
            return tokenError(400, "invalid_scope", 70011, e.getMessage(), null);
        }
        if (grant.consentGeneration() != app.consentGeneration()
                || !app.delegatedConsent().containsAll(graphScopes(requested))) {
            return tokenError(
                    400,
                    "invalid_grant",
                    65001,
                    "The user or administrator has not consented to use the application with ID '" + app.clientId()
                            + "' named '" + app.displayName()
                            + "'. Send an interactive authorization request for this user and resource.",
                    "consent_required");
        }
        Set<String> scopes = new LinkedHashSet<>(requested);
        if (grant.scopes().contains("offline_access")) {
            scopes.add("offline_access");
        }
        return delegatedTokens(grant.userId(), scopes, null);
    }

    private Response clientCredentials(Map<String, String> form) {
        String scope = form.get("scope");
        if (scope == null || !isDefaultScopeForGraph(scope.trim())) {
            return tokenError(
                    400,
                    "invalid_scope",
                    1002012,
                    "The provided value for scope " + scope
                            + " is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).",
                    null);
        }
        Instant now = emulator.clock().instant();
        int lifetime = 3599;
        Set<String> roles = emulator.app().grantedApplicationPermissions();
        JWTClaimsSet.Builder claims = accessTokenClaims(now, lifetime)
                .subject(emulator.servicePrincipalId())
                .claim("oid", emulator.servicePrincipalId())
                .claim("idtyp", "app");
        if (!roles.isEmpty()) {
            claims.claim("roles", new ArrayList<>(roles));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("expires_in", lifetime);
        body.put("ext_expires_in", lifetime);
        body.put("access_token", emulator.signingKeys().sign(claims.build()));
        return noStore(Response.json(200, body));
    }

    private Response delegatedTokens(String userId, Set<String> scopes, String nonce) {
        EntraUser user = emulator.tenant().user(userId).orElseThrow();
        Instant now = emulator.clock().instant();
        int lifetime = emulator.settings().fixedAccessTokenLifetime() != null
                ? (int) emulator.settings().fixedAccessTokenLifetime().toSeconds()
                : ThreadLocalRandom.current().nextInt(3600, 5401);
        Set<String> graph = graphScopes(scopes);
        JWTClaimsSet.Builder claims = accessTokenClaims(now, lifetime)
                .subject(pairwiseSubject(user.id()))
                .claim("oid", user.id())
                .claim("upn", user.userPrincipalName())
                .claim("name", user.displayName())
                .claim("idtyp", "user")
                .claim("scp", String.join(" ", graph));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        List<String> granted = new ArrayList<>(graph);
        for (String s : List.of("profile", "openid", "email")) {
            if (scopes.contains(s)) {
                granted.add(s);
            }
        }
        body.put("scope", String.join(" ", granted));
        body.put("expires_in", lifetime);
        body.put("ext_expires_in", lifetime);
        body.put("access_token", emulator.signingKeys().sign(claims.build()));
        if (scopes.contains("offline_access")) {
            String refresh = "1.A" + randomToken(96);
            refreshTokens.put(
                    refresh,
                    new RefreshGrant(user.id(), scopes, now, emulator.app().consentGeneration()));
            body.put("refresh_token", refresh);
        }
        if (scopes.contains("openid")) {
            body.put("id_token", emulator.idTokens().forTokenResponse(user, scopes, nonce, now));
        }
        return noStore(Response.json(200, body));
    }

    private JWTClaimsSet.Builder accessTokenClaims(Instant now, int lifetimeSeconds) {
        String tid = emulator.tenant().id();
        return new JWTClaimsSet.Builder()
                .issuer("https://sts.windows.net/" + tid + "/")
                .audience(GRAPH_RESOURCE)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(lifetimeSeconds)))
                .claim("tid", tid)
                .claim("appid", emulator.app().clientId())
                .claim("app_displayname", emulator.app().displayName())
                .claim("ver", "1.0")
                .claim("uti", randomToken(16));
    }

    // ---- scopes

    /** OIDC scopes kept as they are, Graph scopes in short form; throws for a scope of another resource. */
    Set<String> parseDelegatedScopes(String scope) {
        Set<String> result = new LinkedHashSet<>();
        for (String s : scope.trim().split("\\s+")) {
            if (s.isEmpty()) {
                continue;
            }
            if (OIDC_SCOPES.contains(s)) {
                result.add(s);
                continue;
            }
            String shortName = graphShortName(s);
            if (shortName == null) {
                throw new IllegalArgumentException(
                        "The provided value for the input parameter 'scope' is not valid. The scope '" + s
                                + "' does not exist.");
            }
            if (shortName.equals(".default")) {
                result.addAll(emulator.app().delegatedConsent());
            } else if (KNOWN_GRAPH_SCOPES.stream().anyMatch(k -> k.equalsIgnoreCase(shortName))) {
                result.add(KNOWN_GRAPH_SCOPES.stream()
                        .filter(k -> k.equalsIgnoreCase(shortName))
                        .findFirst()
                        .orElseThrow());
            } else {
                throw new IllegalArgumentException(
                        "The provided value for the input parameter 'scope' is not valid. The scope '" + s
                                + "' does not exist.");
            }
        }
        return result;
    }

    private String graphShortName(String scope) {
        for (String prefix : graphResourcePrefixes()) {
            if (scope.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return scope.substring(prefix.length());
            }
        }
        return scope.contains("/") || scope.contains(":") ? null : scope;
    }

    private boolean isDefaultScopeForGraph(String scope) {
        String shortName = scope.contains("/") ? graphShortName(scope) : null;
        return ".default".equals(shortName);
    }

    private List<String> graphResourcePrefixes() {
        List<String> prefixes = new ArrayList<>();
        prefixes.add(GRAPH_RESOURCE + "/");
        prefixes.add(GRAPH_APP_ID + "/");
        prefixes.add(emulator.baseUrl() + "/");
        for (String host : emulator.settings().extraGraphHosts()) {
            prefixes.add(host.endsWith("/") ? host : host + "/");
        }
        return prefixes;
    }

    private static Set<String> graphScopes(Set<String> scopes) {
        Set<String> graph = new LinkedHashSet<>();
        for (String s : scopes) {
            if (!OIDC_SCOPES.contains(s)) {
                graph.add(s);
            }
        }
        return graph;
    }

    // ---- helpers

    /** The pairwise {@code sub} of a user for this app, the same in ID tokens, access tokens and userinfo. */
    String pairwiseSubject(String oid) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((oid + "|" + emulator.app().clientId()).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(digest)
                    .substring(0, 43);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String challengeOf(String verifier, String method) {
        if ("plain".equals(method)) {
            return verifier;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Response tokenError(int status, String error, int code, String message, String suberror) {
        String traceId = UUID.randomUUID().toString();
        String correlationId = UUID.randomUUID().toString();
        String timestamp = AAD_TIMESTAMP.format(emulator.clock().instant());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put(
                "error_description",
                "AADSTS" + code + ": " + message + "\r\nTrace ID: " + traceId + "\r\nCorrelation ID: " + correlationId
                        + "\r\nTimestamp: " + timestamp);
        body.put("error_codes", List.of(code));
        body.put("timestamp", timestamp);
        body.put("trace_id", traceId);
        body.put("correlation_id", correlationId);
        body.put("error_uri", errorUri(code));
        if (suberror != null) {
            body.put("suberror", suberror);
        }
        return noStore(Response.json(status, body));
    }

    private String traceSuffix() {
        return "\r\nTrace ID: " + UUID.randomUUID() + "\r\nCorrelation ID: " + UUID.randomUUID() + "\r\nTimestamp: "
                + AAD_TIMESTAMP.format(emulator.clock().instant());
    }

    private String errorUri(int code) {
        return emulator.baseUrl() + "/error?code=" + code;
    }

    private static Response noStore(Response response) {
        return response.withHeader("Cache-Control", "no-store, no-cache").withHeader("Pragma", "no-cache");
    }

    private static String tenantNotFound(String tenant) {
        return "Tenant '" + tenant
                + "' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.";
    }

    private String appNotFound(String clientId) {
        return "Application with identifier '" + clientId + "' was not found in the directory '"
                + emulator.tenant().domain()
                + "'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.";
    }

    private String multiTenantMessage() {
        return "Application '" + emulator.app().clientId() + "'("
                + emulator.app().displayName()
                + ") is not configured as a multi-tenant application. Usage of the /common endpoint is not supported for such applications created after '10/15/2018'. Use a tenant-specific endpoint or configure the application to be multi-tenant.";
    }

    private static String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
