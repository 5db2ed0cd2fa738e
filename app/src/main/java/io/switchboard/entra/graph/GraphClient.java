package io.switchboard.entra.graph;

import io.switchboard.entra.EntraGroup;
import io.switchboard.entra.EntraUser;
import io.switchboard.entra.GraphPresence;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Microsoft Graph v1.0 client that reads Entra users and groups and keeps the change-notification
 * subscriptions on them; it never writes directory data. Thread-safe.
 *
 * <p>Every request asks the {@link TokenSource} for a token and carries a fresh {@code client-request-id}. 429, 502,
 * 503, 504 and connection errors or timeouts are retried up to {@link Settings#maxAttempts()} attempts in all, waiting
 * for {@code Retry-After} when Graph sends it and otherwise for a capped exponential backoff with full jitter; any other
 * error status fails at once. Failures surface as {@link GraphException}; an expired or reset delta link as {@link
 * FullSyncRequired}. At most {@link Settings#maxConcurrentRequests()} requests are in flight at once across all threads.
 */
public final class GraphClient {

    /**
     * Tuning.
     *
     * @param requestTimeout the limit for one HTTP exchange (and for connecting)
     * @param maxAttempts attempts per request in all, including the first; at least 1
     * @param maxConcurrentRequests requests in flight at once; at least 1
     * @param backoffBase the backoff ceiling after the first failed attempt; it doubles per attempt
     * @param backoffCap the largest backoff ceiling
     */
    public record Settings(
            Duration requestTimeout,
            int maxAttempts,
            int maxConcurrentRequests,
            Duration backoffBase,
            Duration backoffCap) {

        /** 30 s timeout, 5 attempts, 4 concurrent requests, backoff 1 s doubling up to 60 s. */
        public static final Settings DEFAULTS =
                new Settings(Duration.ofSeconds(30), 5, 4, Duration.ofSeconds(1), Duration.ofSeconds(60));

        public Settings {
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            Objects.requireNonNull(backoffBase, "backoffBase");
            Objects.requireNonNull(backoffCap, "backoffCap");
            if (maxAttempts < 1 || maxConcurrentRequests < 1) {
                throw new IllegalArgumentException("maxAttempts and maxConcurrentRequests must be at least 1");
            }
        }
    }

    static final String USER_SELECT = "id,displayName,givenName,surname,mail,userPrincipalName,mobilePhone,"
            + "businessPhones,jobTitle,userType,accountEnabled,createdDateTime,employeeId,onPremisesExtensionAttributes";
    static final String GROUP_SELECT = "id,displayName,groupTypes,securityEnabled,mailEnabled,createdDateTime";
    static final int BATCH_LIMIT = 20;

    private static final Logger log = LoggerFactory.getLogger(GraphClient.class);
    private static final Set<Integer> RETRYABLE = Set.of(429, 502, 503, 504);
    private static final Set<String> RESYNC_CODES = Set.of("syncstatenotfound", "syncstateinvalid", "resyncrequired");
    private static final String USER_TYPE = "#microsoft.graph.user";
    private static final String GROUP_TYPE = "#microsoft.graph.group";

    private final String graphRoot;
    private final TokenSource tokens;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Settings settings;
    private final DoubleSupplier jitter;
    private final Semaphore permits;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private java.util.concurrent.Executor batchExecutor;
    private volatile Runnable onResponse = () -> {};

    /** Calls {@code listener} after each successful response (a page read), e.g. to report a sync's progress. */
    public GraphClient onEachResponse(Runnable listener) {
        this.onResponse = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Sends {@code $batch} member requests on {@code executor}, up to {@code maxConcurrentRequests}
     * at a time; without one they go one after another on the calling thread. The executor is the
     * caller's: this client never creates or shuts down threads.
     */
    public GraphClient batchingOn(java.util.concurrent.Executor executor) {
        this.batchExecutor = executor;
        return this;
    }

    /** A client with the system clock, real sleeping and {@link Settings#DEFAULTS}. */
    public GraphClient(String baseUrl, TokenSource tokens) {
        this(baseUrl, tokens, Clock.systemUTC(), Sleeper.THREAD, Settings.DEFAULTS);
    }

    /**
     * @param baseUrl the Graph host, e.g. {@code https://graph.microsoft.com}; the client appends {@code /v1.0/…}
     * @param clock used to turn an HTTP-date {@code Retry-After} into a wait
     */
    public GraphClient(String baseUrl, TokenSource tokens, Clock clock, Sleeper sleeper, Settings settings) {
        this(
                baseUrl,
                tokens,
                clock,
                sleeper,
                settings,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param jitter yields the full-jitter factor in [0, 1] */
    GraphClient(
            String baseUrl,
            TokenSource tokens,
            Clock clock,
            Sleeper sleeper,
            Settings settings,
            DoubleSupplier jitter) {
        String base = Objects.requireNonNull(baseUrl, "baseUrl");
        this.graphRoot = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1.0";
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        this.permits = new Semaphore(settings.maxConcurrentRequests(), true);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    // ---- users

    /** Every user in the tenant, with the properties of {@link EntraUser}. */
    public List<EntraUser> users() {
        return users(page -> {});
    }

    /**
     * Every user in the tenant, as {@link #users()}; also hands each page's users to {@code pages}
     * once the page is read, while the listing goes on.
     */
    public List<EntraUser> users(Consumer<List<EntraUser>> pages) {
        List<EntraUser> users = new ArrayList<>();
        int[] handed = {0};
        forEachItem("/users?$select=" + USER_SELECT + "&$top=999", item -> users.add(toUser(item)), () -> {
            pages.accept(List.copyOf(users.subList(handed[0], users.size())));
            handed[0] = users.size();
        });
        return users;
    }

    /** Up to {@code top} (1..999) users whose display name starts with {@code prefix}, case-insensitively. */
    public List<EntraUser> searchUsers(String prefix, int top) {
        List<EntraUser> users = new ArrayList<>();
        for (JsonNode item : getJson(searchTarget("/users", USER_SELECT, prefix, top), Map.of())
                .path("value")) {
            users.add(toUser(item));
        }
        return users;
    }

    /** The number of users, from {@code /users/$count} (eventually consistent). */
    public long countUsers() {
        return count("/users/$count");
    }

    // ---- groups

    /** Every group with its direct members (users and groups); members are fetched with {@code $batch}. */
    public List<EntraGroup> groups() {
        List<JsonNode> items = getAllPages("/groups?$select=" + GROUP_SELECT + "&$top=999", Map.of());
        List<String> ids = new ArrayList<>();
        for (JsonNode item : items) {
            ids.add(text(item, "id"));
        }
        Map<String, Members> members = membersOf(ids);
        List<EntraGroup> groups = new ArrayList<>();
        for (JsonNode item : items) {
            Members m = members.get(text(item, "id"));
            if (m != null) {
                groups.add(toGroup(item, m.users, m.groups));
            }
        }
        return groups;
    }

    /** Every group, listed at {@code $top=999} with the properties of {@link EntraGroup}, without members. */
    public List<EntraGroup> groupsWithoutMembers() {
        List<EntraGroup> groups = new ArrayList<>();
        forEachItem(
                "/groups?$select=" + GROUP_SELECT + "&$top=999", item -> groups.add(toGroup(item, Set.of(), Set.of())));
        return groups;
    }

    /**
     * Up to {@code top} (1..999) groups whose display name starts with {@code prefix}, case-insensitively; their member
     * sets are empty.
     */
    public List<EntraGroup> searchGroups(String prefix, int top) {
        List<EntraGroup> groups = new ArrayList<>();
        for (JsonNode item : getJson(searchTarget("/groups", GROUP_SELECT, prefix, top), Map.of())
                .path("value")) {
            groups.add(toGroup(item, Set.of(), Set.of()));
        }
        return groups;
    }

    /** The number of groups, from {@code /groups/$count} (eventually consistent). */
    public long countGroups() {
        return count("/groups/$count");
    }

    // ---- delta

    /**
     * The users delta link as of now, read without walking the tenant ({@code $deltatoken=latest}):
     * a later round from it replays every change made after this call.
     */
    public String usersDeltaLatest() {
        return usersDelta("/users/delta?$select=" + USER_SELECT + "&$deltatoken=latest")
                .deltaLink();
    }

    /** The groups delta link (with {@code members}) as of now, as {@link #usersDeltaLatest()}. */
    public String groupsDeltaLatest() {
        return groupsDelta("/groups/delta?$select=" + GROUP_SELECT + ",members&$deltatoken=latest")
                .deltaLink();
    }

    /**
     * Runs one users delta round to its end.
     *
     * @param deltaLink the link from the previous round, or null for a full round
     * @throws FullSyncRequired when Graph no longer knows {@code deltaLink}
     */
    public UserDelta usersDelta(String deltaLink) {
        String start = deltaLink != null ? deltaLink : "/users/delta?$select=" + USER_SELECT;
        Map<String, EntraUser> changed = new LinkedHashMap<>();
        Map<String, RemovalReason> removed = new LinkedHashMap<>();
        String next = deltaRound(start, item -> {
            String id = text(item, "id");
            if (item.has("@removed")) {
                changed.remove(id);
                removed.put(id, reason(item));
            } else {
                removed.remove(id);
                changed.put(id, toUser(item));
            }
        });
        return new UserDelta(new ArrayList<>(changed.values()), removed, next);
    }

    /**
     * Runs one groups delta round, with {@code members@delta}, to its end. A group whose member changes span several
     * pages comes back once, with the changes merged.
     *
     * @param deltaLink the link from the previous round, or null for a full round
     * @throws FullSyncRequired when Graph no longer knows {@code deltaLink}
     */
    public GroupDelta groupsDelta(String deltaLink) {
        String start = deltaLink != null ? deltaLink : "/groups/delta?$select=" + GROUP_SELECT + ",members";
        Map<String, GroupAccumulator> changed = new LinkedHashMap<>();
        Map<String, RemovalReason> removed = new LinkedHashMap<>();
        String next = deltaRound(start, item -> {
            String id = text(item, "id");
            if (item.has("@removed")) {
                changed.remove(id);
                removed.put(id, reason(item));
                return;
            }
            removed.remove(id);
            GroupAccumulator acc = changed.computeIfAbsent(id, k -> new GroupAccumulator());
            acc.group = toGroup(item, Set.of(), Set.of());
            for (JsonNode member : item.path("members@delta")) {
                String memberId = text(member, "id");
                if (memberId == null) {
                    continue;
                }
                acc.addedUsers.remove(memberId);
                acc.addedGroups.remove(memberId);
                acc.removedMembers.remove(memberId);
                if (member.has("@removed")) {
                    acc.removedMembers.add(memberId);
                } else if (GROUP_TYPE.equals(text(member, "@odata.type"))) {
                    acc.addedGroups.add(memberId);
                } else if (USER_TYPE.equals(text(member, "@odata.type"))) {
                    acc.addedUsers.add(memberId);
                }
            }
        });
        List<GroupDelta.GroupChange> changes = new ArrayList<>();
        for (GroupAccumulator acc : changed.values()) {
            changes.add(new GroupDelta.GroupChange(acc.group, acc.addedUsers, acc.addedGroups, acc.removedMembers));
        }
        return new GroupDelta(changes, removed, next);
    }

    private static final class GroupAccumulator {
        EntraGroup group;
        final Set<String> addedUsers = new LinkedHashSet<>();
        final Set<String> addedGroups = new LinkedHashSet<>();
        final Set<String> removedMembers = new LinkedHashSet<>();
    }

    private interface ItemHandler {
        void accept(JsonNode item);
    }

    /** Follows nextLinks from {@code start}, handing each item over; answers the final deltaLink. */
    private String deltaRound(String start, ItemHandler handler) {
        String next = start;
        while (true) {
            JsonNode page = getJson(next, Map.of());
            for (JsonNode item : page.path("value")) {
                handler.accept(item);
            }
            String nextLink = text(page, "@odata.nextLink");
            if (nextLink != null) {
                next = nextLink;
                continue;
            }
            String deltaLink = text(page, "@odata.deltaLink");
            if (deltaLink == null) {
                throw new GraphException(200, "invalidResponse", "delta page without nextLink or deltaLink", null);
            }
            return deltaLink;
        }
    }

    private static RemovalReason reason(JsonNode item) {
        return "deleted".equalsIgnoreCase(text(item.path("@removed"), "reason"))
                ? RemovalReason.DELETED
                : RemovalReason.CHANGED;
    }

    // ---- $batch members

    /** The direct members of a group: users and groups, by id. */
    public record Members(Set<String> users, Set<String> groups) {}

    /**
     * The direct members of the given groups ({@code members?$select=id&$top=999}), 20 groups per
     * {@code $batch}; a group no longer there is left out.
     */
    public Map<String, Members> members(List<String> groupIds) {
        return groupIds.isEmpty() ? Map.of() : membersOf(groupIds);
    }

    /** Direct members of the groups, in batches of 20 sent by up to {@code maxConcurrentRequests} threads. */
    private Map<String, Members> membersOf(List<String> groupIds) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < groupIds.size(); i += BATCH_LIMIT) {
            chunks.add(groupIds.subList(i, Math.min(groupIds.size(), i + BATCH_LIMIT)));
        }
        Map<String, Members> members = new HashMap<>();
        int threads = Math.min(chunks.size(), settings.maxConcurrentRequests());
        if (threads <= 1 || batchExecutor == null) {
            chunks.forEach(chunk -> members.putAll(batchMembers(chunk)));
            return members;
        }
        java.util.Queue<List<String>> queue = new java.util.concurrent.ConcurrentLinkedQueue<>(chunks);
        Map<String, Members> found = new java.util.concurrent.ConcurrentHashMap<>();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            workers.add(CompletableFuture.runAsync(
                    () -> {
                        for (List<String> chunk = queue.poll(); chunk != null; chunk = queue.poll()) {
                            found.putAll(batchMembers(chunk));
                        }
                    },
                    batchExecutor));
        }
        try {
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get();
            members.putAll(found);
            return members;
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException(0, "interrupted", "interrupted while fetching members", null, e);
        } finally {
            queue.clear();
        }
    }

    /** Direct members of up to 20 groups in one {@code $batch}; throttled items alone are retried. */
    private Map<String, Members> batchMembers(List<String> groupIds) {
        Map<String, Members> result = new HashMap<>();
        List<String> pending = groupIds;
        for (int attempt = 1; ; attempt++) {
            ObjectNode body = json.createObjectNode();
            ArrayNode requests = body.putArray("requests");
            for (int i = 0; i < pending.size(); i++) {
                requests.addObject()
                        .put("id", String.valueOf(i))
                        .put("method", "GET")
                        .put("url", "/groups/" + pending.get(i) + "/members?$select=id&$top=999");
            }
            Response response = execute(
                    "POST", "/$batch", Map.of("Content-Type", "application/json"), json.writeValueAsString(body));
            JsonNode answer = parse(response);
            List<String> retry = new ArrayList<>();
            Duration wait = Duration.ZERO;
            boolean withoutRetryAfter = false;
            GraphException lastRetryable = null;
            for (JsonNode item : answer.path("responses")) {
                int index = Integer.parseInt(Objects.requireNonNullElse(text(item, "id"), "-1"));
                if (index < 0 || index >= pending.size()) {
                    throw new GraphException(200, "invalidResponse", "unexpected $batch item id", null);
                }
                String groupId = pending.get(index);
                int status = item.path("status").asInt();
                JsonNode headers = item.path("headers");
                if (status / 100 == 2) {
                    result.put(groupId, members(item.path("body")));
                } else if (RETRYABLE.contains(status)) {
                    retry.add(groupId);
                    lastRetryable = error(status, item.path("body"), header(headers, "request-id"));
                    Optional<Duration> retryAfter = retryAfter(header(headers, "Retry-After"));
                    if (retryAfter.isPresent()) {
                        wait = retryAfter.get().compareTo(wait) > 0 ? retryAfter.get() : wait;
                    } else {
                        withoutRetryAfter = true;
                    }
                } else if (status != 404) {
                    throw error(status, item.path("body"), header(headers, "request-id"));
                }
            }
            if (retry.isEmpty()) {
                return result;
            }
            if (attempt >= settings.maxAttempts()) {
                throw lastRetryable;
            }
            if (withoutRetryAfter) {
                Duration backoff = backoff(attempt);
                wait = backoff.compareTo(wait) > 0 ? backoff : wait;
            }
            log.debug("$batch: retrying {} throttled item(s) after {}", retry.size(), wait);
            sleep(wait);
            pending = retry;
        }
    }

    /** Members from a members page, following its nextLink. */
    private Members members(JsonNode page) {
        Set<String> users = new LinkedHashSet<>();
        Set<String> groups = new LinkedHashSet<>();
        List<JsonNode> items = new ArrayList<>();
        page.path("value").forEach(items::add);
        String next = text(page, "@odata.nextLink");
        if (next != null) {
            items.addAll(getAllPages(next, Map.of()));
        }
        for (JsonNode member : items) {
            String type = text(member, "@odata.type");
            if (USER_TYPE.equals(type)) {
                users.add(text(member, "id"));
            } else if (GROUP_TYPE.equals(type)) {
                groups.add(text(member, "id"));
            }
        }
        return new Members(users, groups);
    }

    // ---- change-notification subscriptions

    /**
     * Creates a change-notification subscription (reference §8.1). Graph validates both URLs with a
     * handshake before it answers, so they must already answer validation requests.
     *
     * @param resource {@code users} or {@code groups}
     * @param changeType {@code updated,deleted} for users and groups
     */
    public GraphSubscription createSubscription(
            String resource,
            String changeType,
            String notificationUrl,
            String lifecycleNotificationUrl,
            Instant expiration,
            String clientState) {
        ObjectNode body = json.createObjectNode();
        body.put("changeType", changeType);
        body.put("notificationUrl", notificationUrl);
        if (lifecycleNotificationUrl != null) {
            body.put("lifecycleNotificationUrl", lifecycleNotificationUrl);
        }
        body.put("resource", resource);
        body.put("expirationDateTime", expiration.toString());
        body.put("clientState", clientState);
        body.put("latestSupportedTlsVersion", "v1_2");
        return subscription(parse(execute(
                "POST", "/subscriptions", Map.of("Content-Type", "application/json"), json.writeValueAsString(body))));
    }

    /** Moves a subscription's expiry, which also reauthorizes it (reference §8.1, §8.5). */
    public GraphSubscription renewSubscription(String id, Instant expiration) {
        ObjectNode body = json.createObjectNode();
        body.put("expirationDateTime", expiration.toString());
        return subscription(parse(execute(
                "PATCH",
                "/subscriptions/" + encode(id),
                Map.of("Content-Type", "application/json"),
                json.writeValueAsString(body))));
    }

    /** Deletes a subscription; one Graph no longer knows counts as deleted. */
    public void deleteSubscription(String id) {
        try {
            execute("DELETE", "/subscriptions/" + encode(id), Map.of(), null);
        } catch (GraphException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    private static GraphSubscription subscription(JsonNode n) {
        return new GraphSubscription(text(n, "id"), text(n, "resource"), instant(text(n, "expirationDateTime")));
    }

    // ---- Teams presence

    /** The most ids {@code getPresencesByUserId} and one presence subscription take (reference §7). */
    public static final int PRESENCE_IDS_LIMIT = 650;

    /**
     * The Teams presence of up to 650 users in one request (reference §7.1). Extra properties are
     * ignored; a user Graph leaves out is missing from the answer.
     */
    public List<GraphPresence> presencesByUserId(Collection<String> userIds) {
        if (userIds.isEmpty() || userIds.size() > PRESENCE_IDS_LIMIT) {
            throw new IllegalArgumentException("1.." + PRESENCE_IDS_LIMIT + " ids per request");
        }
        ObjectNode body = json.createObjectNode();
        ArrayNode ids = body.putArray("ids");
        userIds.forEach(ids::add);
        JsonNode answer = parse(execute(
                "POST",
                "/communications/getPresencesByUserId",
                Map.of("Content-Type", "application/json"),
                json.writeValueAsString(body)));
        List<GraphPresence> result = new ArrayList<>();
        for (JsonNode item : answer.path("value")) {
            String id = text(item, "id");
            if (id != null) {
                result.add(new GraphPresence(id, text(item, "availability"), text(item, "activity")));
            }
        }
        return result;
    }

    /** The resource of a presence subscription on these users (reference §7.2). */
    public static String presenceResource(Collection<String> userIds) {
        StringBuilder resource = new StringBuilder("communications/presences?$filter=id in (");
        boolean first = true;
        for (String id : userIds) {
            resource.append(first ? "" : ",").append('\'').append(id).append('\'');
            first = false;
        }
        return resource.append(')').toString();
    }

    // ---- helpers for typed operations

    private String searchTarget(String collection, String select, String prefix, int top) {
        if (top < 1 || top > 999) {
            throw new IllegalArgumentException("top must be 1..999");
        }
        String filter = "startswith(displayName,'"
                + Objects.requireNonNull(prefix, "prefix").replace("'", "''") + "')";
        return collection + "?$filter=" + encode(filter) + "&$select=" + select + "&$top=" + top;
    }

    private long count(String target) {
        Response response =
                execute("GET", target, Map.of("ConsistencyLevel", "eventual", "Accept", "text/plain"), null);
        String body = response.body.replace("\uFEFF", "").trim();
        try {
            return Long.parseLong(body);
        } catch (NumberFormatException e) {
            throw new GraphException(response.status, "invalidResponse", "not a count", requestId(response.headers));
        }
    }

    /** Hands over each item of every page from {@code target} on, page by page, so no more than a page is held. */
    /**
     * Walks a collection's pages. When a page names its {@code @odata.nextLink} before its items,
     * as Microsoft Graph writes it, the next page is asked for on the batch executor while this
     * one's items are parsed and handled, so the client's own work per page overlaps the next
     * page's latency (issue 15 point 2); one page ahead at most, and the same pages in the same
     * order as without. Without an executor, or with the link after the items, pages are read one
     * after the other.
     */
    private void forEachItem(String target, ItemHandler handler) {
        forEachItem(target, handler, () -> {});
    }

    /** As {@link #forEachItem(String, ItemHandler)}, running {@code pageRead} after each page's items. */
    private void forEachItem(String target, ItemHandler handler, Runnable pageRead) {
        Response response = execute("GET", target, Map.of(), null);
        while (response != null) {
            String ahead = batchExecutor == null ? null : nextLinkBeforeItems(response.body);
            CompletableFuture<Response> next = null;
            if (ahead != null) {
                next = CompletableFuture.supplyAsync(() -> execute("GET", ahead, Map.of(), null), batchExecutor);
            }
            JsonNode page = parse(response);
            page.path("value").forEach(handler::accept);
            pageRead.run();
            if (next != null) {
                response = joinAhead(next);
            } else {
                String link = text(page, "@odata.nextLink");
                response = link == null ? null : execute("GET", link, Map.of(), null);
            }
        }
    }

    /**
     * The page's {@code @odata.nextLink} when it comes before its {@code value}, read without
     * parsing the items; null when there is none or it comes after them.
     */
    private String nextLinkBeforeItems(String body) {
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                if ("value".equals(name)) {
                    return null;
                }
                JsonToken value = parser.nextToken();
                if ("@odata.nextLink".equals(name)) {
                    return value == JsonToken.VALUE_STRING ? parser.getString() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** The page asked for ahead; its failure is this walk's, as if asked for now. */
    private static Response joinAhead(CompletableFuture<Response> next) {
        try {
            return next.join();
        } catch (CompletionException e) {
            throw failure(e.getCause());
        }
    }

    /** What a request made on another thread failed with, as this client's callers see a failure. */
    private static RuntimeException failure(Throwable cause) {
        return cause instanceof RuntimeException runtime
                ? runtime
                : new GraphException(0, "failed", String.valueOf(cause), null, cause);
    }

    private List<JsonNode> getAllPages(String target, Map<String, String> headers) {
        List<JsonNode> items = new ArrayList<>();
        String next = target;
        while (next != null) {
            JsonNode page = getJson(next, headers);
            page.path("value").forEach(items::add);
            next = text(page, "@odata.nextLink");
        }
        return items;
    }

    private JsonNode getJson(String target, Map<String, String> headers) {
        return parse(execute("GET", target, headers, null));
    }

    // ---- raw access for the other readers of this package (Outlook contacts, issue 17)

    /** One request with this client's retries, its JSON answer; an error status as {@link GraphException}. */
    JsonNode send(String method, String target, Map<String, String> headers, String body) {
        return parse(execute(method, target, headers, body));
    }

    /** The graph root ({@code …/v1.0}) that nextLinks start with. */
    String graphRoot() {
        return graphRoot;
    }

    int maxAttempts() {
        return settings.maxAttempts();
    }

    void pause(Duration wait) {
        sleep(wait);
    }

    private JsonNode parse(Response response) {
        try {
            return json.readTree(response.body);
        } catch (JacksonException e) {
            throw new GraphException(
                    response.status, "invalidResponse", "unparsable JSON body", requestId(response.headers), e);
        }
    }

    static EntraUser toUser(JsonNode n) {
        List<String> phones = new ArrayList<>();
        for (JsonNode p : n.path("businessPhones")) {
            if (!p.isNull()) {
                phones.add(p.asString());
            }
        }
        Map<String, String> extensions = new LinkedHashMap<>();
        JsonNode ext = n.path("onPremisesExtensionAttributes");
        if (ext.isObject()) {
            for (Map.Entry<String, JsonNode> e : ext.properties()) {
                if (!e.getValue().isNull()) {
                    extensions.put(e.getKey(), e.getValue().asString());
                }
            }
        }
        return new EntraUser(
                text(n, "id"),
                text(n, "displayName"),
                text(n, "givenName"),
                text(n, "surname"),
                text(n, "mail"),
                text(n, "userPrincipalName"),
                text(n, "mobilePhone"),
                phones,
                text(n, "jobTitle"),
                "guest".equalsIgnoreCase(text(n, "userType")) ? EntraUser.UserType.GUEST : EntraUser.UserType.MEMBER,
                n.path("accountEnabled").asBoolean(false),
                instant(text(n, "createdDateTime")),
                text(n, "employeeId"),
                extensions);
    }

    static EntraGroup toGroup(JsonNode n, Set<String> memberUserIds, Set<String> memberGroupIds) {
        List<String> types = new ArrayList<>();
        for (JsonNode t : n.path("groupTypes")) {
            types.add(t.asString());
        }
        return new EntraGroup(
                text(n, "id"),
                text(n, "displayName"),
                types,
                n.path("securityEnabled").asBoolean(false),
                n.path("mailEnabled").asBoolean(false),
                instant(text(n, "createdDateTime")),
                memberUserIds,
                memberGroupIds);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isMissingNode() ? null : v.asString();
    }

    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---- transport

    private record Response(int status, HttpHeaders headers, String body) {}

    /**
     * Sends one logical request with retries.
     *
     * @param target an absolute URL (a nextLink or deltaLink) or a path below {@code /v1.0}
     */
    private Response execute(String method, String target, Map<String, String> headers, String body) {
        URI uri = target.startsWith("http://") || target.startsWith("https://")
                ? URI.create(target)
                : URI.create(graphRoot + (target.startsWith("/") ? "" : "/") + target);
        for (int attempt = 1; ; attempt++) {
            GraphException failure;
            String retryAfter = null;
            try {
                Response response = sendOnce(method, uri, headers, body);
                if (response.status / 100 == 2) {
                    onResponse.run();
                    return response;
                }
                failure = error(response);
                if (!RETRYABLE.contains(response.status)) {
                    throw failure;
                }
                retryAfter = response.headers.firstValue("Retry-After").orElse(null);
            } catch (IOException e) {
                log.debug("{} {} -> unreachable: {}", method, uri.getRawPath(), e.toString());
                failure = new GraphException(0, "unreachable", String.valueOf(e), null, e);
            }
            if (attempt >= settings.maxAttempts()) {
                if (failure.status() == 429) {
                    throw new GraphThrottled(failure, retryAfter(retryAfter).orElse(null));
                }
                throw failure;
            }
            int failedAttempt = attempt;
            sleep(retryAfter(retryAfter).orElseGet(() -> backoff(failedAttempt)));
        }
    }

    private Response sendOnce(String method, URI uri, Map<String, String> headers, String body) throws IOException {
        String clientRequestId = UUID.randomUUID().toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Accept", headers.getOrDefault("Accept", "application/json"))
                .header("client-request-id", clientRequestId)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach((name, value) -> {
            if (!name.equals("Accept")) {
                request.header(name, value);
            }
        });
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException(0, "interrupted", "interrupted while waiting to send", null, e);
        }
        try {
            request.header("Authorization", "Bearer " + tokens.accessToken());
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (log.isDebugEnabled()) {
                log.debug(
                        "{} {} -> {} request-id={} client-request-id={}",
                        method,
                        uri.getRawPath(),
                        response.statusCode(),
                        requestId(response.headers()),
                        clientRequestId);
            }
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException(0, "interrupted", "interrupted while waiting for Graph", null, e);
        } finally {
            permits.release();
        }
    }

    private GraphException error(Response response) {
        JsonNode body;
        try {
            body = json.readTree(response.body == null || response.body.isBlank() ? "{}" : response.body);
        } catch (JacksonException e) {
            body = json.createObjectNode();
        }
        return error(response.status, body, requestId(response.headers));
    }

    /** The exception for an error answer; {@link FullSyncRequired} for a lost delta sync state. */
    private static GraphException error(int status, JsonNode body, String requestId) {
        JsonNode error = body == null ? null : body.path("error");
        String code = error == null ? null : text(error, "code");
        String message = error == null ? null : text(error, "message");
        if (requestId == null && error != null) {
            requestId = text(error.path("innerError"), "request-id");
        }
        if (code == null) {
            code = "HTTP" + status;
        }
        if (message == null) {
            message = "no error message";
        }
        if (status == 410 || (status == 400 && RESYNC_CODES.contains(code.toLowerCase(Locale.ROOT)))) {
            return new FullSyncRequired(status, code, message, requestId);
        }
        return new GraphException(status, code, message, requestId);
    }

    private static String requestId(HttpHeaders headers) {
        return headers.firstValue("request-id").orElse(null);
    }

    private static String header(JsonNode headers, String name) {
        if (headers.isObject()) {
            for (Map.Entry<String, JsonNode> e : headers.properties()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isNull()) {
                    return e.getValue().asString();
                }
            }
        }
        return null;
    }

    /** {@code Retry-After} as delta-seconds (decimals allowed) or an HTTP date; empty when absent or unreadable. */
    Optional<Duration> retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        try {
            double seconds = Double.parseDouble(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(Math.round(seconds * 1000)));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException ignored) {
                return Optional.empty();
            }
        }
    }

    /** Full jitter: uniform in [0, min(cap, base × 2^(failedAttempt−1))]. */
    Duration backoff(int failedAttempt) {
        long base = settings.backoffBase().toMillis();
        long cap = settings.backoffCap().toMillis();
        long ceiling = failedAttempt > 30 ? cap : Math.min(cap, base << (failedAttempt - 1));
        double factor = Math.max(0, Math.min(1, jitter.getAsDouble()));
        return Duration.ofMillis(Math.round(ceiling * factor));
    }

    private void sleep(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException(0, "interrupted", "interrupted while backing off", null, e);
        }
    }
}
