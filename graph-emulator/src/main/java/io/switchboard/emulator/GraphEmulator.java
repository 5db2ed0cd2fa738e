package io.switchboard.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.emulator.HttpMessages.Request;
import io.switchboard.emulator.HttpMessages.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running emulator of one Entra ID tenant: the identity platform v2 endpoints under {@code /{tenant}/...} and
 * Microsoft Graph v1.0 under {@code /v1.0/...}, both served by one HTTP server on 127.0.0.1. Point an application's
 * "login base URL" and "Graph base URL" at {@link #baseUrl()}.
 *
 * <p>Create one with {@link #builder()}; stop it with {@link #close()}. All control methods are thread-safe and take
 * effect immediately.
 */
public final class GraphEmulator implements AutoCloseable {

    static {
        // Without TCP_NODELAY a small response (headers, then a short body) waits for the client's delayed ACK:
        // about 40 ms a page, which made a members walk measure Nagle's algorithm instead of the emulator.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final Settings settings;
    private final EmulatorClock clock;
    private final Tenant tenant;
    private final AppRegistration app;
    private final String initialSecret;
    private final String controlToken;
    private final String organizationName;
    private final String servicePrincipalId = UUID.randomUUID().toString();
    private final SigningKeys signingKeys;
    private final IdTokens idTokens;
    private final Faults faults = new Faults();
    private final RequestLog requestLog = new RequestLog();
    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private final IdentityEndpoints identity;
    private final SubscriptionEndpoints subscriptions;
    private final GraphEndpoints graph;
    private final ControlEndpoints control;
    private final ResourceUnitThrottle resourceUnitThrottle;
    private final PresenceBoard presence;
    private final Mailboxes mailboxes;

    private GraphEmulator(Builder b) {
        this.settings = b.settings();
        this.clock = b.clock;
        this.signingKeys = new SigningKeys(clock);
        this.idTokens = new IdTokens(this);
        this.tenant = new Tenant(b.tenantId, b.domain, clock);
        this.mailboxes = new Mailboxes(clock);
        this.organizationName = b.organizationName;
        this.app = new AppRegistration(b.clientId, b.appName, clock);
        b.redirectUris.forEach(app::addRedirectUri);
        this.initialSecret = app.addSecret(b.clientSecret, b.secretValidity).value();
        this.controlToken = b.controlToken;
        String adminId;
        if (b.generatorSize >= 0) {
            TenantGenerator generator = b.generatorGroups > 0
                    ? new TenantGenerator(b.generatorSeed, b.generatorSize, b.generatorGroups)
                    : new TenantGenerator(b.generatorSeed, b.generatorSize);
            adminId = generator.populate(tenant);
            generator.populateMailboxes(tenant, mailboxes);
        } else {
            adminId = tenant.createUser(u -> u.displayName("MOD Administrator")
                            .givenName("MOD")
                            .surname("Administrator")
                            .userPrincipalName("admin@" + b.domain)
                            .mail("admin@" + b.domain)
                            .businessPhones(List.of("+1 425 555 0100"))
                            .jobTitle("IT Administrator"))
                    .id();
        }
        app.signInAs(adminId);
        app.requireInteractiveSignIn(b.interactiveSignIn);
        if (b.defaultPasswordSet) {
            tenant.setDefaultPassword(b.defaultPassword);
        }
        tenant.trackCreationTimes();
        this.resourceUnitThrottle =
                settings.resourceUnitBudget > 0 ? new ResourceUnitThrottle(clock, settings.resourceUnitBudget) : null;
        this.presence = new PresenceBoard(tenant, clock, settings.presenceRequestBudget);
        this.identity = new IdentityEndpoints(this);
        this.subscriptions = new SubscriptionEndpoints(this);
        this.graph = new GraphEndpoints(this, new DeltaEndpoints(this), subscriptions);
        this.control = new ControlEndpoints(this);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind 127.0.0.1:" + b.port, e);
        }
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "graph-emulator-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A builder with an empty tenant (one administrator account), a random tenant id, client id and secret. */
    public static Builder builder() {
        return new Builder();
    }

    // ---- addresses

    /** {@code http://127.0.0.1:PORT}: the login host and the Graph host at once. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The login (STS) base URL, to use where Microsoft's is {@code https://login.microsoftonline.com}. */
    public String loginBaseUrl() {
        return baseUrl;
    }

    /** The Graph base URL, to use where Microsoft's is {@code https://graph.microsoft.com}. */
    public String graphBaseUrl() {
        return baseUrl;
    }

    /** {@code baseUrl/v1.0}. */
    public String graphV1Url() {
        return baseUrl + "/v1.0";
    }

    /** {@code baseUrl/{tenantId}/v2.0}, the issuer of ID tokens and the OIDC authority. */
    public String issuer() {
        return baseUrl + "/" + tenant.id() + "/v2.0";
    }

    public String authorizeEndpoint() {
        return baseUrl + "/" + tenant.id() + "/oauth2/v2.0/authorize";
    }

    public String tokenEndpoint() {
        return baseUrl + "/" + tenant.id() + "/oauth2/v2.0/token";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    // ---- state and control

    /** The organization's display name, as {@code GET /organization} returns it. */
    public String organizationName() {
        return organizationName;
    }

    public String tenantId() {
        return tenant.id();
    }

    public String clientId() {
        return app.clientId();
    }

    /**
     * The bearer token the HTTP control API under {@code /_control/} requires (random unless the
     * builder set one); the standalone demo prints it, an embedded emulator never shows it.
     */
    public String controlToken() {
        return controlToken;
    }

    /** The value of the client secret created at start-up (it may since have been expired or rotated). */
    public String clientSecret() {
        return initialSecret;
    }

    /** The directory: users, groups, memberships, change log. */
    public Tenant tenant() {
        return tenant;
    }

    /**
     * The mailboxes: purposes, contact folders, contacts, sharing, the per-mailbox throttle. Whether a user has a
     * mailbox is {@link EntraUser#hasMailbox()}.
     */
    public Mailboxes mailboxes() {
        return mailboxes;
    }

    /** The app registration: secrets, redirect URIs, consent, the authorization account, sign-in outcomes. */
    public AppRegistration app() {
        return app;
    }

    /** The user that signs in at the authorize endpoint. */
    public EntraUser authorizationAccount() {
        return tenant.user(app.authorizationAccountId()).orElseThrow();
    }

    /** Teams presence: read it, change one or many users at once, script changes over time, tune its rate limit. */
    public PresenceBoard presence() {
        return presence;
    }

    public EmulatorClock clock() {
        return clock;
    }

    public Faults faults() {
        return faults;
    }

    public RequestLog requestLog() {
        return requestLog;
    }

    /** The active change-notification subscriptions. */
    public List<SubscriptionInfo> subscriptions() {
        return subscriptions.list();
    }

    /** Sends a lifecycle event to a subscription's lifecycle URL; false when the subscription has none. */
    public boolean sendLifecycleEvent(String subscriptionId, LifecycleEvent event) {
        return subscriptions.sendLifecycle(subscriptionId, event);
    }

    /**
     * Drops a subscription silently, with no lifecycle notification, as Graph does when it loses or expires one on its
     * side: its renewal (PATCH) then answers 404. False when there was no such subscription.
     */
    public boolean dropSubscription(String subscriptionId) {
        return subscriptions.drop(subscriptionId);
    }

    /** Every outgoing POST (validations, notifications, lifecycle events), oldest first. */
    public List<Delivery> deliveries() {
        return subscriptions.deliveries();
    }

    /**
     * Adds a new signing key (or the one published ahead of use) and returns its {@code kid}; new tokens use it, and the
     * JWKS keeps the old keys until they are retired.
     */
    public String rotateSigningKey() {
        return signingKeys.rotate();
    }

    /**
     * Adds a new signing key that signs from now on; every other published key stays in the JWKS for {@code overlap}
     * (on the emulator's clock) and then retires: it leaves the JWKS and tokens it signed no longer verify. Returns the
     * new key's {@code kid}.
     */
    public String rotateSigningKey(Duration overlap) {
        return signingKeys.rotate(overlap);
    }

    /** Publishes a key in the JWKS ahead of use (Microsoft's practice); the next rotation signs with it. */
    public String publishNextSigningKey() {
        return signingKeys.publishNext();
    }

    /** Removes a key from the JWKS now; tokens it signed no longer verify. The current signing key cannot be retired. */
    public void retireSigningKey(String kid) {
        signingKeys.retire(kid);
    }

    /** The {@code kid} of the key that signs new tokens. */
    public String signingKeyId() {
        return signingKeys.currentKeyId();
    }

    /** The {@code kid}s the JWKS publishes now, oldest first. */
    public List<String> publishedSigningKeyIds() {
        return signingKeys.publishedKeyIds();
    }

    /** ID tokens for tests: minted directly, or the next one the token endpoint issues made wrong on purpose. */
    public IdTokens idTokens() {
        return idTokens;
    }

    /** The authorization codes handed to clients, oldest first (the last 100), to replay a client's callback. */
    public List<IssuedCode> issuedCodes() {
        return identity.issuedCodes();
    }

    /**
     * Clears the request log, the delivery log, every fault rule and the mailbox throttle's forced answers, counters
     * and service time (the directory and the mailboxes are kept).
     */
    public void resetTransientState() {
        requestLog.clear();
        faults.clear();
        mailboxes.throttle().reset();
        subscriptions.clearDeliveries();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        subscriptions.close();
        presence.close();
    }

    // ---- package-private wiring

    Settings settings() {
        return settings;
    }

    IdentityEndpoints identity() {
        return identity;
    }

    SigningKeys signingKeys() {
        return signingKeys;
    }

    String servicePrincipalId() {
        return servicePrincipalId;
    }

    /** The resource-unit bucket, or null when throttling by cost is off. */
    ResourceUnitThrottle resourceUnitThrottle() {
        return resourceUnitThrottle;
    }

    /** Whether the object is still replicating (created less than the replication delay ago). */
    boolean replicating(String objectId) {
        return !settings.replicationDelay().isZero()
                && tenant.createdAfter(objectId, clock.instant().minus(settings.replicationDelay()));
    }

    /** The newest change-log position delta rounds may see. */
    long visibleChangeHead() {
        return settings.replicationDelay().isZero()
                ? tenant.changeSequence()
                : tenant.headAtOrBefore(clock.instant().minus(settings.replicationDelay()));
    }

    /** Runs one {@code $batch} item through fault injection, the Graph routes and the request log. */
    Response dispatchBatchItem(Request item) {
        Request request = item;
        Response response;
        Faults.Rule fault = faults.take(request.target());
        if (fault != null && fault.kind() == Faults.Kind.DELAY) {
            sleep(fault.delay());
            fault = null;
        }
        if (fault != null && fault.kind() == Faults.Kind.DELTA_REPLAY) {
            request = markReplay(request);
            fault = null;
        }
        response = fault != null && fault.kind() != Faults.Kind.DROP
                ? faultResponse(request, fault)
                : graph.handle(request);
        requestLog.record(clock.instant(), request, response.status());
        return response;
    }

    private void serve(HttpExchange exchange) throws IOException {
        Request request;
        try (InputStream in = exchange.getRequestBody()) {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders()
                    .forEach((k, v) -> headers.put(
                            k.toLowerCase(Locale.ROOT),
                            k.equalsIgnoreCase("prefer") ? String.join(", ", v) : v.get(0)));
            headers.put(GraphErrors.REQUEST_ID, UUID.randomUUID().toString());
            request = new Request(
                    exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(),
                    headers,
                    in.readAllBytes(),
                    false);
        }
        Response response;
        if (request.path().startsWith("/_control/")) {
            Response refused = control.refusal(request, controlToken);
            response = refused != null ? refused : control.handle(request);
        } else {
            Faults.Rule fault = faults.take(request.target());
            if (fault != null && fault.kind() == Faults.Kind.DELAY) {
                sleep(fault.delay());
                fault = null;
            }
            if (fault != null && fault.kind() == Faults.Kind.DELTA_REPLAY) {
                request = markReplay(request);
                fault = null;
            }
            if (fault != null && fault.kind() == Faults.Kind.DROP) {
                requestLog.record(clock.instant(), request, -1);
                throw new IOException("connection dropped by fault injection");
            }
            try {
                response = fault != null ? faultResponse(request, fault) : route(request);
            } catch (RuntimeException e) {
                response = GraphErrors.error(
                        request, clock.instant(), 500, "generalException", "An internal error occurred: " + e);
            }
            requestLog.record(clock.instant(), request, response.status());
        }
        write(exchange, request, response);
    }

    static final String REPLAY_HEADER = "x-emulator-replay";

    private static Request markReplay(Request request) {
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headers.put(REPLAY_HEADER, "true");
        return new Request(
                request.method(), request.path(), request.rawQuery(), headers, request.body(), request.batchItem());
    }

    private Response route(Request request) {
        String path = request.path();
        if (path.startsWith("/v1.0/") || path.equals("/v1.0") || path.startsWith("/oidc/")) {
            return graph.handle(request);
        }
        if (path.length() > 1 && path.indexOf('/', 1) > 0) {
            return identity.handle(request);
        }
        return GraphErrors.error(request, clock.instant(), 404, "NotFound", "No route for " + path);
    }

    private Response faultResponse(Request request, Faults.Rule fault) {
        Response response;
        if (fault.kind() == Faults.Kind.DELTA_RESET) {
            response = GraphErrors.error(
                            request,
                            clock.instant(),
                            410,
                            "resyncRequired",
                            "Synchronization reset required; restart with a full sync.")
                    .withHeader("Location", baseUrl + request.path());
        } else {
            String message = switch (fault.status()) {
                case 429 -> "Please retry again later.";
                case 503 -> "The service is temporarily unavailable. Please retry later.";
                case 504 -> "The gateway timed out.";
                default -> "Injected fault.";
            };
            response = GraphErrors.error(request, clock.instant(), fault.status(), fault.code(), message);
        }
        if (fault.retryAfter() != null) {
            response = response.withHeader("Retry-After", fault.retryAfter());
        }
        return response;
    }

    private void write(HttpExchange exchange, Request request, Response response) throws IOException {
        var headers = exchange.getResponseHeaders();
        response.headers().forEach(headers::set);
        headers.set("request-id", request.header(GraphErrors.REQUEST_ID));
        headers.set("client-request-id", GraphErrors.clientRequestId(request));
        byte[] body = response.body();
        boolean noBody = body.length == 0 || response.status() == 204 || response.status() == 304;
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Configures and starts a {@link GraphEmulator}. */
    public static final class Builder {
        private int port;
        private String tenantId = UUID.randomUUID().toString();
        private String domain = "contoso.onmicrosoft.com";
        private String clientId = UUID.randomUUID().toString();
        private String appName = "Switchboard PBX";
        private String organizationName = "Contoso";
        private String clientSecret;
        private String controlToken;
        private Duration secretValidity = Duration.ofDays(365);
        private final List<String> redirectUris = new ArrayList<>();
        private long generatorSeed;
        private int generatorSize = -1;
        private int generatorGroups;
        private EmulatorClock clock = EmulatorClock.system();
        private final Settings settings = new Settings();
        private boolean interactiveSignIn;
        private String defaultPassword;
        private boolean defaultPasswordSet;

        private Builder() {}

        /**
         * A browser without a session at the login host gets the login form instead of being signed in as the
         * authorization account (see {@link AppRegistration#requireInteractiveSignIn(boolean)}).
         */
        public Builder interactiveSignIn() {
            interactiveSignIn = true;
            return this;
        }

        /**
         * The password of every user without one of its own (default {@link Tenant#DEFAULT_PASSWORD}); null means
         * only users given a password with {@link Tenant#setPassword(String, String)} can sign in at the login form.
         */
        public Builder defaultPassword(String value) {
            defaultPassword = value;
            defaultPasswordSet = true;
            return this;
        }

        /** The bearer token the HTTP control API requires; random when not set. */
        public Builder controlToken(String value) {
            controlToken = Objects.requireNonNull(value);
            return this;
        }

        /** The TCP port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder tenantId(String value) {
            tenantId = Objects.requireNonNull(value);
            return this;
        }

        /** The tenant's initial domain, used in UPNs and accepted in place of the tenant id in login URLs. */
        public Builder tenantDomain(String value) {
            domain = Objects.requireNonNull(value);
            return this;
        }

        public Builder clientId(String value) {
            clientId = Objects.requireNonNull(value);
            return this;
        }

        /** The organization's display name (default "Contoso"). */
        public Builder organizationName(String value) {
            organizationName = Objects.requireNonNull(value);
            return this;
        }

        public Builder applicationName(String value) {
            appName = Objects.requireNonNull(value);
            return this;
        }

        /** The value of the app registration's first client secret; random when not set. */
        public Builder clientSecret(String value) {
            clientSecret = Objects.requireNonNull(value);
            return this;
        }

        /** How long the first client secret is valid (default 365 days). */
        public Builder secretValidity(Duration value) {
            secretValidity = Objects.requireNonNull(value);
            return this;
        }

        /** Registers a redirect URI on the app registration. */
        public Builder redirectUri(String value) {
            redirectUris.add(Objects.requireNonNull(value));
            return this;
        }

        /** Fills the tenant with {@link TenantGenerator}; the generator's administrator becomes the sign-in account. */
        public Builder generatedTenant(long seed, int users) {
            generatorSeed = seed;
            generatorSize = users;
            return this;
        }

        /** Like {@link #generatedTenant(long, int)} with a chosen number of groups (e.g. 2,000 for a benchmark). */
        public Builder generatedTenant(long seed, int users, int groups) {
            generatedTenant(seed, users);
            generatorGroups = groups;
            return this;
        }

        public Builder clock(EmulatorClock value) {
            clock = Objects.requireNonNull(value);
            return this;
        }

        /** Page size of delta rounds (server-chosen in Graph; default 200). */
        public Builder deltaPageSize(int value) {
            settings.deltaPageSize = value;
            return this;
        }

        /** The most {@code members@delta} entries one group object carries before it repeats (default 50). */
        public Builder deltaMemberChunk(int value) {
            settings.deltaMemberChunk = value;
            return this;
        }

        /** How long delta and skip tokens stay valid (default 7 days). */
        public Builder deltaTokenLifetime(Duration value) {
            settings.deltaTokenLifetime = Objects.requireNonNull(value);
            return this;
        }

        /** How long a refresh token may go unused before AADSTS700082 (default 90 days). */
        public Builder refreshTokenInactivity(Duration value) {
            settings.refreshTokenInactivity = Objects.requireNonNull(value);
            return this;
        }

        /** A fixed delegated access-token lifetime instead of Microsoft's random 60 to 90 minutes. */
        public Builder accessTokenLifetime(Duration value) {
            settings.fixedAccessTokenLifetime = Objects.requireNonNull(value);
            return this;
        }

        /** An additional Graph host accepted as scope prefix, e.g. {@code https://graph.microsoft.us}. */
        public Builder acceptGraphHost(String value) {
            settings.extraGraphHosts.add(Objects.requireNonNull(value));
            return this;
        }

        /** The validation-handshake timeout (Graph: 10 s). */
        public Builder validationTimeout(Duration value) {
            settings.validationTimeout = Objects.requireNonNull(value);
            return this;
        }

        /** How long a change or lifecycle notification POST may take before it counts as failed and is retried (Graph: 3 s). */
        public Builder deliveryTimeout(Duration value) {
            settings.deliveryTimeout = Objects.requireNonNull(value);
            return this;
        }

        /** Whether {@code http://} notification URLs on loopback are accepted (default true; Graph demands HTTPS). */
        public Builder allowHttpLoopbackNotifications(boolean value) {
            settings.allowHttpLoopbackNotifications = value;
            return this;
        }

        /**
         * Simulates directory replication lag: objects created after start-up give 404 on a single GET and are missing
         * from advanced queries for this long, and delta rounds see changes only once they are this old.
         */
        public Builder replicationDelay(Duration value) {
            settings.replicationDelay = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Turns on the directory's resource-unit throttling: the app may spend {@code unitsPer10Seconds} per 10-second
         * window (Microsoft: 3,500 / 5,000 / 8,000 by tenant size), else 429 with {@code Retry-After} and {@code
         * x-ms-throttle-information: ResourceUnitLimitExceeded}. Off by default.
         */
        public Builder resourceUnitBudget(int unitsPer10Seconds) {
            settings.resourceUnitBudget = unitsPer10Seconds;
            return this;
        }

        /**
         * The presence endpoints' budget of requests per 30-second window (Graph: 1,500 per app and tenant, the
         * default); over it they answer 429 with {@code Retry-After}. 0 switches the limit off.
         */
        public Builder presenceRequestBudget(int requestsPer30Seconds) {
            settings.presenceRequestBudget = requestsPer30Seconds;
            return this;
        }

        /**
         * Whether a signed-in user may hold only one presence subscription per app, the 409 one reading of Graph's
         * "a single user can create one presence subscription per unique application" gives (reference §13, open
         * question 1). Off by default: several subscriptions of up to 650 ids each are accepted.
         */
        public Builder onePresenceSubscriptionPerUser(boolean value) {
            settings.onePresenceSubscriptionPerUser = value;
            return this;
        }

        /** Whether {@code $batch} responses come back in an order other than the requests' (default true). */
        public Builder reorderBatchResponses(boolean value) {
            settings.shuffleBatchResponses = value;
            return this;
        }

        private Settings settings() {
            return settings;
        }

        /** Starts the emulator. */
        public GraphEmulator start() {
            if (clientSecret == null) {
                clientSecret = randomSecret();
            }
            if (controlToken == null) {
                controlToken = randomSecret().replace('~', 'x');
            }
            return new GraphEmulator(this);
        }

        private static String randomSecret() {
            String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
            SecureRandom random = new SecureRandom();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                sb.append(i == 3 ? '~' : chars.charAt(random.nextInt(chars.length())));
            }
            return sb.toString();
        }
    }
}
