package io.switchboard.emulator;

import io.switchboard.emulator.HttpMessages.Request;
import io.switchboard.emulator.HttpMessages.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code /subscriptions} (create with validation handshake, renew, reauthorize, delete, list) and the delivery of
 * change and lifecycle notifications. Users and groups accept only {@code updated} and {@code deleted}; creation,
 * soft deletion and membership changes arrive as {@code updated}. Deliveries for one URL are batched into one
 * collection; failed deliveries are retried on a compressed time scale, and a slow subscriber does not hold up the
 * others.
 */
final class SubscriptionEndpoints implements AutoCloseable {

    static final int MAX_DIRECTORY_MINUTES = 41_760;
    static final int QUOTA_PER_APP = 100;
    private static final Pattern RESOURCE = Pattern.compile(
            "(users|groups)(/[0-9a-fA-F-]{36})?|groups/[0-9a-fA-F-]{36}/members", Pattern.CASE_INSENSITIVE);

    private static final class Subscription {
        final String id = UUID.randomUUID().toString();
        String resource;
        String changeType;
        String notificationUrl;
        String lifecycleNotificationUrl;
        String clientState;
        volatile Instant expiration;
        boolean delegated;
        String creatorId;
        volatile boolean paused;
        Set<String> presenceIds;
        RichNotifications.Certificate rich;
        int maxMinutes = MAX_DIRECTORY_MINUTES;

        SubscriptionInfo info() {
            return new SubscriptionInfo(
                    id,
                    resource,
                    changeType,
                    notificationUrl,
                    lifecycleNotificationUrl,
                    clientState,
                    expiration,
                    delegated,
                    paused);
        }
    }

    private final GraphEmulator emulator;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Map<String, List<Map<String, Object>>> pending = new LinkedHashMap<>();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(4, r -> {
        Thread t = new Thread(r, "graph-emulator-notifications");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(3))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    SubscriptionEndpoints(GraphEmulator emulator) {
        this.emulator = emulator;
        emulator.tenant().addListener(this::onChanges);
        emulator.presence().addListener(this::onPresenceChanges);
        emulator.app()
                .onConsentRevoked(() ->
                        subscriptions.values().forEach(s -> sendLifecycle(s, LifecycleEvent.REAUTHORIZATION_REQUIRED)));
    }

    Response handle(Request request, Caller caller, String[] s) {
        purgeExpired();
        String method = request.method();
        if (s.length == 1) {
            return switch (method) {
                case "POST" -> create(request, caller);
                case "GET" ->
                    Response.json(
                            200,
                            Map.of(
                                    "@odata.context",
                                    emulator.baseUrl() + "/v1.0/$metadata#subscriptions",
                                    "value",
                                    subscriptions.values().stream()
                                            .map(this::json)
                                            .toList()));
                default -> methodNotAllowed(request);
            };
        }
        Subscription sub = subscriptions.get(s[1]);
        if (sub == null) {
            return error(request, 404, "ResourceNotFound", "The object was not found.");
        }
        if (s.length == 3 && s[2].equals("reauthorize") && method.equals("POST")) {
            sub.paused = false;
            return Response.empty(204);
        }
        if (s.length > 2) {
            return error(request, 400, "BadRequest", "Resource not found for the segment '" + s[2] + "'.");
        }
        return switch (method) {
            case "GET" -> Response.json(200, withContext(json(sub)));
            case "DELETE" -> {
                subscriptions.remove(sub.id);
                yield Response.empty(204);
            }
            case "PATCH" -> renew(request, sub);
            default -> methodNotAllowed(request);
        };
    }

    private Response create(Request request, Caller caller) {
        Map<String, Object> body;
        try {
            body = Json.readObject(request.body());
        } catch (IllegalArgumentException e) {
            return error(request, 400, "InvalidRequest", "The request body is not valid JSON.");
        }
        for (String required : List.of("changeType", "notificationUrl", "resource", "expirationDateTime")) {
            if (!(body.get(required) instanceof String value) || value.isBlank()) {
                return error(request, 400, "InvalidRequest", "Required property '" + required + "' is missing.");
            }
        }
        String resource = ((String) body.get("resource")).replaceFirst("^/", "");
        Object presence =
                PresenceSubscriptions.check(emulator, request, caller, resource, (String) body.get("changeType"));
        if (presence instanceof Response refused) {
            return refused;
        }
        if (presence != null
                && emulator.settings().onePresenceSubscriptionPerUser
                && subscriptions.values().stream()
                        .anyMatch(
                                s -> s.presenceIds != null && caller.objectId().equals(s.creatorId))) {
            return error(
                    request,
                    409,
                    "ExtensionError",
                    "Operation: Create; Exception: [Status Code: Conflict; Reason: A subscription already exists. It"
                            + " must be deleted before another can be made.]");
        }
        if (presence == null && !RESOURCE.matcher(resource).matches()) {
            return error(
                    request,
                    400,
                    "InvalidRequest",
                    "Resource '" + resource + "' is not supported for change notifications.");
        }
        boolean users = resource.toLowerCase(Locale.ROOT).startsWith("users");
        String changeType = (String) body.get("changeType");
        for (String type : changeType.split(",")) {
            String t = type.trim();
            if (!Set.of("created", "updated", "deleted").contains(t)) {
                return error(request, 400, "InvalidRequest", "Invalid changeType '" + t + "'.");
            }
            if (t.equals("created")) {
                return error(
                        request,
                        400,
                        "InvalidRequest",
                        "ChangeType 'created' is not supported for resource '" + resource
                                + "'; use 'updated,deleted'.");
            }
        }
        boolean allowed = users
                ? caller.hasAny(
                        Set.of("User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"),
                        GraphEndpoints.USER_READ_APP)
                : caller.hasAny(
                        Set.of(
                                "Group.Read.All",
                                "Group.ReadWrite.All",
                                "Directory.Read.All",
                                "Directory.ReadWrite.All"),
                        Set.of(
                                "Group.Read.All",
                                "Group.ReadWrite.All",
                                "Directory.Read.All",
                                "Directory.ReadWrite.All"));
        if (presence == null && !allowed) {
            return error(
                    request,
                    403,
                    "ExtensionError",
                    "Operation: Create; Exception: [Status Code: Forbidden; Reason: Insufficient privileges to complete the operation.]");
        }
        String notificationUrl = (String) body.get("notificationUrl");
        String lifecycleUrl = body.get("lifecycleNotificationUrl") instanceof String l ? l : null;
        for (String url : lifecycleUrl == null ? List.of(notificationUrl) : List.of(notificationUrl, lifecycleUrl)) {
            String problem = checkUrl(url);
            if (problem != null) {
                return error(request, 400, "InvalidRequest", problem);
            }
        }
        int maxMinutes = presence == null ? MAX_DIRECTORY_MINUTES : PresenceSubscriptions.MAX_MINUTES;
        Object expiration = parseExpiration(request, (String) body.get("expirationDateTime"), maxMinutes);
        if (expiration instanceof Response r) {
            return r;
        }
        String clientState = body.get("clientState") instanceof String c ? c : null;
        if (clientState != null && clientState.length() > 128) {
            return error(request, 400, "InvalidRequest", "clientState must be at most 128 characters.");
        }
        if (subscriptions.size() >= QUOTA_PER_APP) {
            return error(
                    request,
                    403,
                    "ExtensionError",
                    "Operation: Create; Exception: [Status Code: Forbidden; Reason: Subscription quota exceeded: at most "
                            + QUOTA_PER_APP + " subscriptions per application per tenant for directory resources.]");
        }
        for (String url : lifecycleUrl == null ? List.of(notificationUrl) : List.of(notificationUrl, lifecycleUrl)) {
            String failure = validate(url);
            if (failure != null) {
                return error(request, 400, "InvalidRequest", failure);
            }
        }
        Object rich = null;
        if (presence != null && Boolean.TRUE.equals(body.get("includeResourceData"))) {
            rich = RichNotifications.certificate(
                    body.get("encryptionCertificate"), body.get("encryptionCertificateId"));
            if (rich instanceof String problem) {
                return error(request, 400, "InvalidRequest", problem);
            }
        }
        Subscription sub = new Subscription();
        sub.rich = (RichNotifications.Certificate) rich;
        sub.resource = resource;
        sub.changeType = changeType;
        sub.notificationUrl = notificationUrl;
        sub.lifecycleNotificationUrl = lifecycleUrl;
        sub.clientState = clientState;
        sub.expiration = (Instant) expiration;
        sub.delegated = !caller.application();
        sub.creatorId = caller.objectId();
        if (presence != null) {
            @SuppressWarnings("unchecked")
            Set<String> ids = (Set<String>) presence;
            sub.presenceIds = ids;
            sub.maxMinutes = maxMinutes;
        }
        subscriptions.put(sub.id, sub);
        return Response.json(201, withContext(json(sub)));
    }

    private Response renew(Request request, Subscription sub) {
        Map<String, Object> body;
        try {
            body = Json.readObject(request.body());
        } catch (IllegalArgumentException e) {
            return error(request, 400, "InvalidRequest", "The request body is not valid JSON.");
        }
        if (body.containsKey("lifecycleNotificationUrl")) {
            return error(
                    request,
                    400,
                    "InvalidRequest",
                    "lifecycleNotificationUrl can only be set when the subscription is created.");
        }
        if (body.get("expirationDateTime") instanceof String value) {
            Object expiration = parseExpiration(request, value, sub.maxMinutes);
            if (expiration instanceof Response r) {
                return r;
            }
            sub.expiration = (Instant) expiration;
        }
        sub.paused = false;
        return Response.json(200, withContext(json(sub)));
    }

    private Object parseExpiration(Request request, String value, int maxMinutes) {
        Instant expiration;
        try {
            expiration = Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                expiration = OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e2) {
                return error(request, 400, "InvalidRequest", "expirationDateTime '" + value + "' is not a valid date.");
            }
        }
        Instant now = emulator.clock().instant();
        if (!expiration.isAfter(now)) {
            return error(request, 400, "InvalidRequest", "Subscription expiration must be in the future.");
        }
        if (expiration.isAfter(now.plus(Duration.ofMinutes(maxMinutes)))) {
            return error(
                    request,
                    400,
                    "InvalidRequest",
                    "Subscription expiration can only be " + maxMinutes + " minutes in the future.");
        }
        return expiration;
    }

    private String checkUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return "The notification URL '" + url + "' is not a valid URL.";
        }
        if ("https".equalsIgnoreCase(uri.getScheme())) {
            return null;
        }
        boolean loopback = uri.getHost() != null
                && (uri.getHost().equals("127.0.0.1")
                        || uri.getHost().equalsIgnoreCase("localhost")
                        || uri.getHost().equals("[::1]"));
        if ("http".equalsIgnoreCase(uri.getScheme())
                && loopback
                && emulator.settings().allowHttpLoopbackNotifications()) {
            return null;
        }
        return "Subscription validation request failed. Notification URL must use HTTPS: '" + url + "'.";
    }

    /** Runs the validation handshake against {@code url}; null on success, else Graph's failure message. */
    private String validate(String url) {
        String token =
                "Validation: Testing client application reachability for subscription Request-Id: " + UUID.randomUUID();
        String target = url + (url.contains("?") ? "&" : "?") + "validationToken=" + HttpMessages.encode(token);
        Instant at = emulator.clock().instant();
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(target))
                            .timeout(emulator.settings().validationTimeout())
                            .header("Content-Type", "text/plain; charset=utf-8")
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            deliveries.add(new Delivery(at, "validation", target, "", response.statusCode(), 1));
            if (response.statusCode() != 200) {
                return "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.";
            }
            if (!response.body().equals(token)) {
                return "Subscription validation request failed. Response must exactly match validationToken query parameter.";
            }
            return null;
        } catch (HttpTimeoutException e) {
            deliveries.add(new Delivery(at, "validation", target, "", -1, 1));
            return "Subscription validation request timed out.";
        } catch (IOException e) {
            deliveries.add(new Delivery(at, "validation", target, "", -1, 1));
            return "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Subscription validation request timed out.";
        }
    }

    // ---- delivery

    private void onChanges(List<Change> changes) {
        if (subscriptions.isEmpty()) {
            return;
        }
        Instant now = emulator.clock().instant();
        boolean queued = false;
        for (Change change : changes) {
            String changeType = change.op() == Change.Op.HARD_DELETED ? "deleted" : "updated";
            for (Subscription sub : subscriptions.values()) {
                if (sub.paused
                        || !sub.expiration.isAfter(now)
                        || !matches(sub, change)
                        || !sub.changeType.contains(changeType)) {
                    continue;
                }
                String segment = change.kind().notificationSegment;
                Map<String, Object> resourceData = new LinkedHashMap<>();
                resourceData.put(
                        "@odata.type",
                        change.kind() == ObjectKind.USER ? "#Microsoft.Graph.User" : "#Microsoft.Graph.Group");
                resourceData.put("@odata.id", segment + "/" + change.objectId());
                resourceData.put("id", change.objectId());
                resourceData.put("organizationId", emulator.tenant().id());
                resourceData.put("sequenceNumber", change.seq());
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("id", UUID.randomUUID().toString());
                item.put("subscriptionId", sub.id);
                item.put("subscriptionExpirationDateTime", sub.expiration.toString());
                item.put("clientState", sub.clientState);
                item.put("changeType", changeType);
                item.put("resource", segment + "/" + change.objectId());
                item.put("tenantId", emulator.tenant().id());
                item.put("resourceData", resourceData);
                synchronized (pending) {
                    pending.computeIfAbsent(sub.notificationUrl, k -> new ArrayList<>())
                            .add(item);
                }
                queued = true;
            }
        }
        if (queued) {
            executor.schedule(
                    this::flush, emulator.settings().notificationBatchWindow().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void onPresenceChanges(List<PresenceBoard.Change> changes) {
        if (subscriptions.isEmpty()) {
            return;
        }
        Instant now = emulator.clock().instant();
        boolean queued = false;
        for (Subscription sub : subscriptions.values()) {
            if (sub.presenceIds == null || sub.paused || !sub.expiration.isAfter(now)) {
                continue;
            }
            for (PresenceBoard.Change change : changes) {
                if (sub.presenceIds.contains(change.userId().toLowerCase(Locale.ROOT))) {
                    Map<String, Object> item = PresenceSubscriptions.notification(
                            sub.id,
                            sub.expiration,
                            sub.clientState,
                            emulator.tenant().id(),
                            change.userId());
                    if (sub.rich != null) {
                        item.put(
                                "encryptedContent",
                                RichNotifications.encrypt(sub.rich, PresenceSubscriptions.resource(change)));
                    }
                    synchronized (pending) {
                        pending.computeIfAbsent(sub.notificationUrl, k -> new ArrayList<>())
                                .add(item);
                    }
                    queued = true;
                }
            }
        }
        if (queued) {
            executor.schedule(
                    this::flush, emulator.settings().notificationBatchWindow().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static boolean matches(Subscription sub, Change change) {
        String r = sub.resource.toLowerCase(Locale.ROOT);
        String id = change.objectId().toLowerCase(Locale.ROOT);
        if (change.kind() == ObjectKind.USER) {
            return r.equals("users") || r.equals("users/" + id);
        }
        if (r.endsWith("/members")) {
            return change.isMembership() && r.equals("groups/" + id + "/members");
        }
        return r.equals("groups") || r.equals("groups/" + id);
    }

    private void flush() {
        Map<String, List<Map<String, Object>>> batch;
        synchronized (pending) {
            if (pending.isEmpty()) {
                return;
            }
            batch = new LinkedHashMap<>(pending);
            pending.clear();
        }
        batch.forEach((url, items) ->
                post("notification", url, Json.writeString(RichNotifications.collection(emulator, items)), 1));
    }

    private void post(String kind, String url, String body, int attempt) {
        Instant at = emulator.clock().instant();
        int status;
        try {
            status = http.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(emulator.settings().deliveryTimeout())
                                    .header("Content-Type", "application/json; charset=utf-8")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            status = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        deliveries.add(new Delivery(at, kind, url, body, status, attempt));
        if ((status < 200 || status > 299) && attempt <= emulator.settings().deliveryRetries()) {
            long delay = emulator.settings().deliveryRetryBase().toMillis() << (attempt - 1);
            executor.schedule(() -> post(kind, url, body, attempt + 1), delay, TimeUnit.MILLISECONDS);
        }
    }

    /** Posts a lifecycle event for the subscription; false when it has no lifecycle URL. */
    boolean sendLifecycle(String subscriptionId, LifecycleEvent event) {
        Subscription sub = subscriptions.get(subscriptionId);
        if (sub == null) {
            throw new java.util.NoSuchElementException("no subscription " + subscriptionId);
        }
        return sendLifecycle(sub, event);
    }

    private boolean sendLifecycle(Subscription sub, LifecycleEvent event) {
        if (event == LifecycleEvent.REAUTHORIZATION_REQUIRED) {
            sub.paused = true;
        }
        if (event == LifecycleEvent.SUBSCRIPTION_REMOVED) {
            subscriptions.remove(sub.id);
        }
        if (sub.lifecycleNotificationUrl == null) {
            return false;
        }
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("subscriptionId", sub.id);
        item.put("subscriptionExpirationDateTime", sub.expiration.toString());
        item.put("tenantId", emulator.tenant().id());
        item.put("clientState", sub.clientState);
        item.put("lifecycleEvent", event.wireName());
        String body = Json.writeString(Map.of("value", List.of(item)));
        String url = sub.lifecycleNotificationUrl;
        executor.execute(() -> post("lifecycle", url, body, 1));
        return true;
    }

    /**
     * Forgets a subscription without any lifecycle notification, as Graph does when it expires or removes one on its
     * side; a later PATCH, GET or DELETE of it answers 404. False when there was no such subscription.
     */
    boolean drop(String subscriptionId) {
        return subscriptions.remove(subscriptionId) != null;
    }

    List<SubscriptionInfo> list() {
        purgeExpired();
        return subscriptions.values().stream().map(Subscription::info).toList();
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    void clearDeliveries() {
        deliveries.clear();
    }

    private void purgeExpired() {
        Instant now = emulator.clock().instant();
        subscriptions.values().removeIf(s -> !s.expiration.isAfter(now));
    }

    private Map<String, Object> json(Subscription sub) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", sub.id);
        json.put("resource", sub.resource);
        json.put("applicationId", emulator.app().clientId());
        json.put("changeType", sub.changeType);
        json.put("clientState", sub.clientState);
        json.put("notificationUrl", sub.notificationUrl);
        json.put("lifecycleNotificationUrl", sub.lifecycleNotificationUrl);
        json.put("expirationDateTime", sub.expiration.toString());
        json.put("creatorId", sub.creatorId);
        json.put("latestSupportedTlsVersion", "v1_2");
        json.put("notificationContentType", "application/json");
        json.put("includeResourceData", sub.rich != null);
        json.put("encryptionCertificate", null);
        json.put("encryptionCertificateId", sub.rich == null ? null : sub.rich.id());
        return json;
    }

    private Map<String, Object> withContext(Map<String, Object> json) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", emulator.baseUrl() + "/v1.0/$metadata#subscriptions/$entity");
        body.putAll(json);
        return body;
    }

    private Response methodNotAllowed(Request request) {
        return error(
                request, 405, "Request_BadRequest", "Specified HTTP method is not allowed for the request target.");
    }

    private Response error(Request request, int status, String code, String message) {
        return GraphErrors.error(request, emulator.clock().instant(), status, code, message);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
