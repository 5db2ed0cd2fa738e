package io.switchboard.emulator;

import com.nimbusds.jwt.JWTClaimsSet;
import io.switchboard.emulator.HttpMessages.Request;
import io.switchboard.emulator.HttpMessages.Response;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft Graph v1.0 directory endpoints: users, groups, members, transitive members, deleted items, {@code $count},
 * {@code /me}, {@code $batch}, and the dispatch to delta and subscriptions. Every call needs a valid bearer token whose
 * scopes or roles allow the endpoint.
 */
final class GraphEndpoints {

    static final Set<String> USER_READ_DELEGATED = Set.of(
            "User.ReadBasic.All",
            "User.Read.All",
            "User.ReadWrite.All",
            "Directory.Read.All",
            "Directory.ReadWrite.All");
    static final Set<String> USER_READ_APP =
            Set.of("User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All");
    static final Set<String> GROUP_READ = Set.of(
            "Group.Read.All",
            "GroupMember.Read.All",
            "Group.ReadWrite.All",
            "Directory.Read.All",
            "Directory.ReadWrite.All");
    static final Set<String> USER_PROPERTY_FILTERABLE = userFilterable();
    static final Set<String> GROUP_PROPERTY_FILTERABLE = Set.copyOf(EntraGroup.PROPERTIES);
    private static final Pattern SEARCH_CLAUSE = Pattern.compile("\"([A-Za-z]+):([^\"]*)\"");
    private static final Set<String> SEARCHABLE =
            Set.of("displayName", "description", "mail", "userPrincipalName", "givenName", "surname", "mailNickname");

    /** One directory object as a list item: its kind and its property accessor. */
    record Item(ObjectKind kind, String id, Function<String, Object> properties) {
        static Item of(EntraUser user) {
            return new Item(ObjectKind.USER, user.id(), user::property);
        }

        static Item of(EntraGroup group) {
            return new Item(ObjectKind.GROUP, group.id(), group::property);
        }

        /** A limited-information object: only its id and type are shown (its kind is null). */
        static Item limited(String id, String odataType) {
            return new Item(null, id, name -> switch (name) {
                case "id" -> id;
                case "@odata.type" -> odataType;
                default -> null;
            });
        }
    }

    private final GraphEmulator emulator;
    private final DeltaEndpoints delta;
    private final SubscriptionEndpoints subscriptions;
    private final PresenceEndpoints presence;
    private final ContactEndpoints contacts;

    GraphEndpoints(GraphEmulator emulator, DeltaEndpoints delta, SubscriptionEndpoints subscriptions) {
        this.emulator = emulator;
        this.delta = delta;
        this.subscriptions = subscriptions;
        this.presence = new PresenceEndpoints(emulator);
        this.contacts = new ContactEndpoints(emulator);
    }

    Response handle(Request request) {
        String path = request.path();
        if (path.equals("/v1.0/$batch")) {
            return request.method().equals("POST")
                    ? batch(request)
                    : error(
                            request,
                            405,
                            "Request_BadRequest",
                            "Specified HTTP method is not allowed for the request target.");
        }
        Object auth = authenticate(request);
        if (auth instanceof Response denied) {
            return denied;
        }
        Caller caller = (Caller) auth;
        if (path.startsWith("/v1.0/")
                && ContactEndpoints.handles(path.substring(6).split("/"))) {
            return route(request, caller, path);
        }
        ResourceUnitThrottle throttle = emulator.resourceUnitThrottle();
        int cost = ResourceUnitThrottle.cost(request.method(), path, request.query());
        if (throttle != null) {
            long retryAfter = throttle.spend(cost);
            if (retryAfter > 0) {
                return error(request, 429, "TooManyRequests", "Please retry again later.")
                        .withHeader("Retry-After", String.valueOf(retryAfter))
                        .withHeader(
                                "x-ms-throttle-scope",
                                "Tenant_Application/ReadWrite/" + emulator.clientId() + "/" + emulator.tenantId())
                        .withHeader("x-ms-throttle-information", "ResourceUnitLimitExceeded");
            }
        }
        return route(request, caller, path).withHeader("x-ms-resource-unit", String.valueOf(cost));
    }

    private Response route(Request request, Caller caller, String path) {
        if (path.equals("/oidc/userinfo")) {
            return userInfo(request, caller);
        }
        String rest = path.startsWith("/v1.0/") ? path.substring(6) : path.substring(1);
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        String[] s = rest.split("/");
        String method = request.method();
        if (s[0].equals("subscriptions")) {
            return subscriptions.handle(request, caller, s);
        }
        if (PresenceEndpoints.isPresencePath(s)) {
            return presence.handle(request, caller, s);
        }
        if (!method.equals("GET")) {
            return error(
                    request, 405, "Request_BadRequest", "Specified HTTP method is not allowed for the request target.");
        }
        if (ContactEndpoints.handles(s)) {
            return contacts.handle(request, caller, s);
        }
        return switch (s[0]) {
            case "users" -> users(request, caller, s);
            case "groups" -> groups(request, caller, s);
            case "me" -> me(request, caller, s);
            case "directory" -> deletedItems(request, caller, s);
            case "organization" -> organization(request, s);
            default -> error(request, 400, "BadRequest", "Resource not found for the segment '" + s[0] + "'.");
        };
    }

    // ---- authentication

    /** A {@link Caller} for a valid bearer token, else the 401 response Graph gives. */
    Object authenticate(Request request) {
        String header = request.header("authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            return unauthenticated(request, "Access token is empty.");
        }
        JWTClaimsSet claims = emulator.signingKeys().verify(header.substring(7).trim());
        if (claims == null) {
            return unauthenticated(
                    request, "IDX14100: JWT is not well formed, there are no dots (.) or the signature is invalid.");
        }
        Instant now = emulator.clock().instant();
        if (claims.getExpirationTime() == null
                || !now.isBefore(claims.getExpirationTime().toInstant())) {
            return unauthenticated(request, "Lifetime validation failed, the token is expired.");
        }
        if (claims.getNotBeforeTime() != null
                && now.plusSeconds(300).isBefore(claims.getNotBeforeTime().toInstant())) {
            return unauthenticated(request, "Access token has expired or is not yet valid.");
        }
        List<String> audience = claims.getAudience();
        if (audience == null
                || audience.stream()
                        .noneMatch(a -> a.equals(IdentityEndpoints.GRAPH_RESOURCE)
                                || a.equals(IdentityEndpoints.GRAPH_APP_ID))) {
            return unauthenticated(request, "Access token validation failure. Invalid audience.");
        }
        try {
            if (!emulator.tenant().id().equals(claims.getStringClaim("tid"))) {
                return error(
                        request,
                        401,
                        "Authorization_IdentityNotFound",
                        "The identity of the calling application could not be established.");
            }
            boolean app = "app".equals(claims.getStringClaim("idtyp"));
            Set<String> permissions = new HashSet<>();
            if (app) {
                List<String> roles = claims.getStringListClaim("roles");
                if (roles != null) {
                    permissions.addAll(roles);
                }
            } else {
                String scp = claims.getStringClaim("scp");
                if (scp != null && !scp.isBlank()) {
                    permissions.addAll(List.of(scp.split(" ")));
                }
            }
            return new Caller(app, claims.getStringClaim("oid"), Set.copyOf(permissions));
        } catch (ParseException e) {
            return unauthenticated(request, "Access token validation failure.");
        }
    }

    private Response unauthenticated(Request request, String message) {
        return error(request, 401, "InvalidAuthenticationToken", message)
                .withHeader(
                        "WWW-Authenticate",
                        "Bearer realm=\"\", authorization_uri=\"" + emulator.baseUrl()
                                + "/common/oauth2/authorize\", client_id=\"" + IdentityEndpoints.GRAPH_APP_ID + "\"");
    }

    private Response forbidden(Request request) {
        return error(request, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
    }

    // ---- users

    private Response users(Request request, Caller caller, String[] s) {
        if (!caller.hasAny(USER_READ_DELEGATED, USER_READ_APP)) {
            return forbidden(request);
        }
        if (s.length >= 2 && DeltaEndpoints.isDeltaSegment(s[1])) {
            return s.length == 2 ? delta.handle(request, ObjectKind.USER) : notFoundSegment(request, s[2]);
        }
        if (s.length == 1) {
            return tenantRead(() -> list(
                    request,
                    "users",
                    ObjectKind.USER,
                    false,
                    cursor -> itemsOf(emulator.tenant()
                            .usersUnlocked()
                            .tailMap(cursor == null ? "" : cursor, cursor == null)
                            .values()
                            .iterator()),
                    true));
        }
        if (s.length == 2 && s[1].equals("$count")) {
            return count(request, () -> emulator.tenant().usersUnlocked().size());
        }
        if (s.length == 2) {
            String id = s[1];
            return tenantRead(() -> {
                EntraUser user = emulator.tenant().findUserUnlocked(id);
                if (user == null || emulator.replicating(user.id())) {
                    return notFound(request, id);
                }
                return single(request, "users/$entity", Item.of(user), false);
            });
        }
        return notFoundSegment(request, s[2]);
    }

    private Response me(Request request, Caller caller, String[] s) {
        if (caller.application()) {
            return error(request, 400, "BadRequest", "/me request is only valid with delegated authentication flow.");
        }
        if (s.length > 1) {
            return notFoundSegment(request, s[1]);
        }
        return tenantRead(() -> {
            EntraUser user = emulator.tenant().usersUnlocked().get(caller.objectId());
            return user == null
                    ? notFound(request, caller.objectId())
                    : single(request, "users/$entity", Item.of(user), false);
        });
    }

    private Response userInfo(Request request, Caller caller) {
        EntraUser user = emulator.tenant().user(caller.objectId()).orElse(null);
        if (user == null || caller.application()) {
            return unauthenticated(request, "Access token validation failure.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sub", emulator.identity().pairwiseSubject(caller.objectId()));
        body.put("name", user.displayName());
        body.put("family_name", user.surname());
        body.put("given_name", user.givenName());
        body.put("email", user.mail());
        return Response.json(200, body);
    }

    private Response organization(Request request, String[] s) {
        if (s.length > 1) {
            return notFoundSegment(request, s[1]);
        }
        Map<String, Object> domain = new LinkedHashMap<>();
        domain.put("capabilities", "Email, OfficeCommunicationsOnline");
        domain.put("isDefault", true);
        domain.put("isInitial", true);
        domain.put("name", emulator.tenant().domain());
        domain.put("type", "Managed");
        Map<String, Object> org = new LinkedHashMap<>();
        org.put("id", emulator.tenant().id());
        org.put("displayName", emulator.organizationName());
        org.put("verifiedDomains", List.of(domain));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", emulator.baseUrl() + "/v1.0/$metadata#organization");
        body.put("value", List.of(org));
        return Response.json(200, body);
    }

    // ---- groups

    private Response groups(Request request, Caller caller, String[] s) {
        if (!caller.hasAny(GROUP_READ, GROUP_READ)) {
            return forbidden(request);
        }
        if (s.length >= 2 && DeltaEndpoints.isDeltaSegment(s[1])) {
            return s.length == 2 ? delta.handle(request, ObjectKind.GROUP) : notFoundSegment(request, s[2]);
        }
        if (s.length == 1) {
            return tenantRead(() -> list(
                    request,
                    "groups",
                    ObjectKind.GROUP,
                    false,
                    cursor -> itemsOf(emulator.tenant()
                            .groupsUnlocked()
                            .tailMap(cursor == null ? "" : cursor, cursor == null)
                            .values()
                            .iterator()),
                    true));
        }
        if (s.length == 2 && s[1].equals("$count")) {
            return count(request, () -> emulator.tenant().groupsUnlocked().size());
        }
        String id = s[1];
        return tenantRead(() -> {
            EntraGroup group = emulator.tenant().groupsUnlocked().get(id);
            if (group == null || emulator.replicating(id)) {
                return notFound(request, id);
            }
            if (s.length == 2) {
                return single(request, "groups/$entity", Item.of(group), false);
            }
            if (!s[2].equals("members") && !s[2].equals("transitiveMembers")) {
                return notFoundSegment(request, s[2]);
            }
            List<String> ids = s[2].equals("members")
                    ? new ArrayList<>(emulator.tenant().membersUnlocked(id))
                    : emulator.tenant().transitiveMembersUnlocked(id);
            ObjectKind cast = null;
            boolean countOnly = false;
            for (int i = 3; i < s.length; i++) {
                switch (s[i]) {
                    case "microsoft.graph.user" -> cast = ObjectKind.USER;
                    case "microsoft.graph.group" -> cast = ObjectKind.GROUP;
                    case "$count" -> countOnly = true;
                    default -> {
                        return notFoundSegment(request, s[i]);
                    }
                }
            }
            ObjectKind only = cast;
            List<String> itemIds = cast == null
                    ? ids
                    : ids.stream()
                            .filter(m -> only == ObjectKind.USER
                                    ? emulator.tenant().usersUnlocked().containsKey(m)
                                    : emulator.tenant().groupsUnlocked().containsKey(m))
                            .toList();
            List<Item> limited = new ArrayList<>();
            if (cast == null) {
                List<String> holders = new ArrayList<>();
                holders.add(id);
                if (s[2].equals("transitiveMembers")) {
                    ids.stream()
                            .filter(emulator.tenant().groupsUnlocked()::containsKey)
                            .forEach(holders::add);
                }
                Set<String> seenLimited = new HashSet<>();
                for (String holder : holders) {
                    emulator.tenant().limitedMembersUnlocked(holder).forEach((memberId, type) -> {
                        if (seenLimited.add(memberId)) {
                            limited.add(Item.limited(memberId, type));
                        }
                    });
                }
            }
            int total = itemIds.size() + limited.size();
            if (countOnly) {
                return count(request, () -> total);
            }
            String context = "directoryObjects";
            if (cast != null) {
                context = cast == ObjectKind.USER ? "users" : "groups";
            }
            return list(
                    request,
                    context,
                    cast,
                    cast == null,
                    cursor -> {
                        int offset = cursor == null ? 0 : Integer.parseInt(cursor);
                        return new IndexedIterator(
                                java.util.stream.IntStream.range(Math.min(offset, total), total)
                                        .mapToObj(i -> i < itemIds.size()
                                                ? memberItem(itemIds.get(i))
                                                : limited.get(i - itemIds.size()))
                                        .iterator(),
                                offset);
                    },
                    false);
        });
    }

    /**
     * The items of a sorted map's values, lazily. (A stream over a {@code tailMap} would first count the whole tail,
     * making a list walk quadratic.)
     */
    private static Iterator<Item> itemsOf(Iterator<? extends Object> values) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return values.hasNext();
            }

            @Override
            public Item next() {
                Object value = values.next();
                return value instanceof EntraUser user ? Item.of(user) : Item.of((EntraGroup) value);
            }
        };
    }

    /** A member id as a list item: the active user or group it names; caller holds the read lock. */
    private Item memberItem(String memberId) {
        EntraUser user = emulator.tenant().usersUnlocked().get(memberId);
        return user != null
                ? Item.of(user)
                : Item.of(emulator.tenant().groupsUnlocked().get(memberId));
    }

    private Response deletedItems(Request request, Caller caller, String[] s) {
        if (s.length != 3 || !s[1].equals("deletedItems")) {
            return notFoundSegment(request, s.length > 1 ? s[1] : s[0]);
        }
        return switch (s[2]) {
            case "microsoft.graph.user" ->
                caller.hasAny(USER_READ_DELEGATED, USER_READ_APP)
                        ? tenantRead(() -> list(
                                request,
                                "directory/deletedItems/microsoft.graph.user",
                                ObjectKind.USER,
                                false,
                                cursor -> itemsOf(emulator.tenant()
                                        .deletedUsersUnlocked()
                                        .tailMap(cursor == null ? "" : cursor, cursor == null)
                                        .values()
                                        .iterator()),
                                true))
                        : forbidden(request);
            case "microsoft.graph.group" ->
                caller.hasAny(GROUP_READ, GROUP_READ)
                        ? tenantRead(() -> list(
                                request,
                                "directory/deletedItems/microsoft.graph.group",
                                ObjectKind.GROUP,
                                false,
                                cursor -> itemsOf(emulator.tenant()
                                        .deletedGroupsUnlocked()
                                        .tailMap(cursor == null ? "" : cursor, cursor == null)
                                        .values()
                                        .iterator()),
                                true))
                        : forbidden(request);
            default -> notFoundSegment(request, s[2]);
        };
    }

    // ---- list / single / count

    /** An iterator that knows how many items precede the next one, so an offset can serve as the cursor. */
    private static final class IndexedIterator implements Iterator<Item> {
        private final Iterator<Item> delegate;
        private int index;

        IndexedIterator(Iterator<Item> delegate, int start) {
            this.delegate = delegate;
            this.index = start;
        }

        @Override
        public boolean hasNext() {
            return delegate.hasNext();
        }

        @Override
        public Item next() {
            index++;
            return delegate.next();
        }
    }

    /**
     * Lists a collection page. {@code source} yields the items after a cursor (null = from the start); when {@code
     * idCursor} the cursor is the last returned id, else the offset of the next item.
     */
    private Response list(
            Request request,
            String contextName,
            ObjectKind kind,
            boolean mixedTypes,
            Function<String, Iterator<Item>> source,
            boolean idCursor) {
        Map<String, String> q = request.query();
        if (q.containsKey("$skip")) {
            return error(request, 400, "Request_BadRequest", "'$skip' is not supported by the service.");
        }
        int top = emulator.settings().defaultPageSize();
        if (q.containsKey("$top")) {
            try {
                top = Integer.parseInt(q.get("$top"));
            } catch (NumberFormatException e) {
                top = -1;
            }
            if (top < 1 || top > emulator.settings().maxPageSize()) {
                return error(
                        request,
                        400,
                        "Request_BadRequest",
                        "Invalid page size specified: '" + q.get("$top") + "'. Must be between 1 and "
                                + emulator.settings().maxPageSize() + " inclusive.");
            }
        }
        boolean advanced = "eventual".equalsIgnoreCase(request.header("consistencylevel"));
        boolean countRequested = "true".equalsIgnoreCase(q.get("$count"));
        Object selected = select(request, q.get("$select"), kind, true);
        if (selected instanceof Response r) {
            return r;
        }
        @SuppressWarnings("unchecked")
        List<String> select = (List<String>) selected;
        Predicate<Function<String, Object>> filter = o -> true;
        if (q.get("$filter") != null) {
            try {
                ODataFilter.Parsed parsed = ODataFilter.parse(
                        q.get("$filter"),
                        kind == ObjectKind.GROUP
                                ? GROUP_PROPERTY_FILTERABLE
                                : kind == ObjectKind.USER ? USER_PROPERTY_FILTERABLE : union());
                if (parsed.advancedOperator() != null && !(advanced && countRequested)) {
                    return error(
                            request,
                            400,
                            "Request_UnsupportedQuery",
                            "Operator '" + parsed.advancedOperator()
                                    + "' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information");
                }
                filter = parsed.predicate();
            } catch (ODataFilter.UnsupportedFilterException e) {
                return error(request, 400, "Request_UnsupportedQuery", e.getMessage());
            }
        }
        if (q.get("$search") != null) {
            if (!advanced) {
                return error(
                        request,
                        400,
                        "Request_UnsupportedQuery",
                        "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
            }
            Object search = search(request, q.get("$search"));
            if (search instanceof Response r) {
                return r;
            }
            @SuppressWarnings("unchecked")
            Predicate<Function<String, Object>> searchPredicate = (Predicate<Function<String, Object>>) search;
            filter = filter.and(searchPredicate);
        }
        if (advanced) {
            Predicate<Function<String, Object>> indexed = o -> !emulator.replicating(String.valueOf(o.apply("id")));
            filter = filter.and(indexed);
        }
        String cursor = null;
        if (q.get("$skiptoken") != null) {
            cursor = decodeSkipToken(q.get("$skiptoken"));
            boolean offsetCursor = !idCursor || q.get("$orderby") != null;
            if (cursor == null || offsetCursor && !cursor.matches("\\d{1,9}")) {
                return error(
                        request,
                        400,
                        "Request_BadRequest",
                        "The specified page token value has expired and can no longer be included in your request.");
            }
        }
        Comparator<Item> order = null;
        if (q.get("$orderby") != null) {
            order = orderBy(q.get("$orderby"), kind);
            boolean combined = q.get("$filter") != null || q.get("$search") != null;
            if (order == null || combined && !(advanced && countRequested)) {
                return error(request, 400, "Request_UnsupportedQuery", "Sorting not supported for current query.");
            }
        }
        Iterator<Item> it;
        if (order != null) {
            List<Item> sorted = new ArrayList<>();
            source.apply(null).forEachRemaining(sorted::add);
            sorted.sort(order);
            int offset = cursor == null ? 0 : Integer.parseInt(cursor);
            it = new IndexedIterator(
                    sorted.subList(Math.min(offset, sorted.size()), sorted.size())
                            .iterator(),
                    offset);
            idCursor = false;
        } else {
            it = source.apply(cursor);
        }
        List<Map<String, Object>> page = new ArrayList<>();
        String nextCursor = null;
        while (it.hasNext()) {
            Item item = it.next();
            if (!filter.test(item.properties())) {
                continue;
            }
            if (page.size() == top) {
                nextCursor = idCursor
                        ? String.valueOf(page.get(page.size() - 1).get("\u0000id"))
                        : String.valueOf(((IndexedIterator) it).index - 1);
                break;
            }
            Map<String, Object> json = render(item, select, mixedTypes, false);
            json.put("\u0000id", item.id());
            page.add(json);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", context(contextName, q.get("$select")));
        if (countRequested && advanced && cursor == null) {
            int total = 0;
            Iterator<Item> all = source.apply(null);
            while (all.hasNext()) {
                if (filter.test(all.next().properties())) {
                    total++;
                }
            }
            body.put("@odata.count", total);
        }
        if (nextCursor != null) {
            Map<String, String> params = new LinkedHashMap<>(q);
            params.remove("$skiptoken");
            params.put("$skiptoken", encodeSkipToken(nextCursor));
            body.put("@odata.nextLink", emulator.baseUrl() + request.path() + "?" + HttpMessages.query(params));
        }
        page.forEach(m -> m.remove("\u0000id"));
        body.put("value", page);
        return Response.json(200, body);
    }

    /** A comparator for {@code $orderby=property [asc|desc]} on a sortable property, or null if unsupported. */
    private static Comparator<Item> orderBy(String orderBy, ObjectKind kind) {
        String[] parts = orderBy.trim().split("\\s+");
        Set<String> sortable = kind == ObjectKind.GROUP
                ? Set.of("displayName", "mail", "createdDateTime")
                : Set.of("displayName", "userPrincipalName", "mail", "givenName", "surname", "createdDateTime");
        if (parts.length > 2 || !sortable.contains(parts[0])) {
            return null;
        }
        boolean descending = parts.length == 2 && parts[1].equalsIgnoreCase("desc");
        if (parts.length == 2 && !descending && !parts[1].equalsIgnoreCase("asc")) {
            return null;
        }
        String property = parts[0];
        Comparator<String> values = Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER);
        Comparator<Item> comparator = Comparator.comparing(
                (Item i) -> {
                    Object v = i.properties().apply(property);
                    return v == null ? null : v.toString();
                },
                descending ? Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER.reversed()) : values);
        return comparator.thenComparing(Item::id);
    }

    private Set<String> union() {
        Set<String> all = new HashSet<>(USER_PROPERTY_FILTERABLE);
        all.addAll(GROUP_PROPERTY_FILTERABLE);
        return all;
    }

    private Response single(Request request, String contextName, Item item, boolean mixed) {
        Map<String, String> q = request.query();
        Object selected = select(request, q.get("$select"), item.kind(), false);
        if (selected instanceof Response r) {
            return r;
        }
        @SuppressWarnings("unchecked")
        List<String> select = (List<String>) selected;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", context(contextName, q.get("$select")));
        body.putAll(render(item, select, mixed, false));
        return Response.json(200, body);
    }

    private Response count(Request request, IntSupplier count) {
        if (!"eventual".equalsIgnoreCase(request.header("consistencylevel"))) {
            return error(
                    request,
                    400,
                    "Request_UnsupportedQuery",
                    "Count is not currently supported without the 'ConsistencyLevel: eventual' header.");
        }
        return Response.text(200, String.valueOf(tenantRead(count::getAsInt)));
    }

    /** The property names to render (null = defaults), or an error response for an invalid {@code $select}. */
    private Object select(Request request, String select, ObjectKind kind, boolean collection) {
        if (select == null || select.isBlank()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (String raw : select.split(",")) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            boolean knownUser = EntraUser.PROPERTIES.contains(name);
            boolean knownGroup = EntraGroup.PROPERTIES.contains(name);
            if (collection && kind != ObjectKind.GROUP && EntraUser.SINGLE_ENTITY_PROPERTIES.contains(name)) {
                return error(request, 501, "NotImplemented", "This operation target is not yet supported.");
            }
            boolean known = kind == ObjectKind.USER
                    ? knownUser
                    : kind == ObjectKind.GROUP ? knownGroup : knownUser || knownGroup;
            if (!known && !(kind == ObjectKind.USER && EntraUser.SINGLE_ENTITY_PROPERTIES.contains(name))) {
                return error(
                        request,
                        400,
                        "Request_BadRequest",
                        "Parsing OData Select and Expand failed: Could not find a property named '" + name
                                + "' on type 'microsoft.graph."
                                + (kind == ObjectKind.GROUP
                                        ? "group"
                                        : kind == ObjectKind.USER ? "user" : "directoryObject")
                                + "'.");
            }
            names.add(name);
        }
        return names;
    }

    private Object search(Request request, String search) {
        String text = search.trim();
        Matcher m = SEARCH_CLAUSE.matcher(text);
        List<Predicate<Function<String, Object>>> clauses = new ArrayList<>();
        List<String> joins = new ArrayList<>();
        int last = 0;
        while (m.find()) {
            String between = text.substring(last, m.start()).trim();
            if (!clauses.isEmpty()) {
                joins.add(between.equalsIgnoreCase("AND") ? "AND" : "OR");
            } else if (!between.isEmpty()) {
                return error(
                        request,
                        400,
                        "Request_UnsupportedQuery",
                        "Syntax error: character '" + between + "' is not valid in $search.");
            }
            String property = m.group(1);
            String term = m.group(2).toLowerCase(Locale.ROOT);
            if (!SEARCHABLE.contains(property)) {
                return error(
                        request,
                        400,
                        "Request_UnsupportedQuery",
                        "Unsupported property '" + property + "' in $search.");
            }
            clauses.add(o -> {
                Object v = o.apply(property);
                if (v == null) {
                    return false;
                }
                String value = v.toString().toLowerCase(Locale.ROOT);
                if (value.startsWith(term)) {
                    return true;
                }
                for (String word : value.split("[\\s._@-]+")) {
                    if (word.startsWith(term)) {
                        return true;
                    }
                }
                return false;
            });
            last = m.end();
        }
        if (clauses.isEmpty() || !text.substring(last).isBlank()) {
            return error(request, 400, "Request_UnsupportedQuery", "Invalid $search clause; use \"property:value\".");
        }
        Predicate<Function<String, Object>> result = clauses.get(0);
        for (int i = 1; i < clauses.size(); i++) {
            result = joins.get(i - 1).equals("AND") ? result.and(clauses.get(i)) : result.or(clauses.get(i));
        }
        return result;
    }

    /** Renders an item; {@code select} null means the kind's default properties. Null values are kept. */
    static Map<String, Object> render(Item item, List<String> select, boolean withType, boolean omitNulls) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (item.kind() == null) {
            json.put("@odata.type", item.properties().apply("@odata.type"));
            json.put("id", item.id());
            return json;
        }
        if (withType) {
            json.put("@odata.type", item.kind().odataType);
        }
        Collection<String> names = select != null
                ? select
                : item.kind() == ObjectKind.USER ? EntraUser.DEFAULT_PROPERTIES : EntraGroup.PROPERTIES;
        for (String name : names) {
            if (item.kind() == ObjectKind.USER
                    ? !EntraUser.PROPERTIES.contains(name)
                    : !EntraGroup.PROPERTIES.contains(name)) {
                continue;
            }
            Object value = item.properties().apply(name);
            if (value != null || !omitNulls) {
                json.put(name, value);
            }
        }
        return json;
    }

    private String context(String name, String select) {
        return emulator.baseUrl() + "/v1.0/$metadata#" + name
                + (select == null || select.isBlank() ? "" : "(" + select.replace(" ", "") + ")");
    }

    static String encodeSkipToken(String cursor) {
        return "RFNwdAIA" + HexFormat.of().formatHex(cursor.getBytes(StandardCharsets.UTF_8));
    }

    static String decodeSkipToken(String token) {
        if (!token.startsWith("RFNwdAIA")) {
            return null;
        }
        try {
            return new String(HexFormat.of().parseHex(token.substring(8)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ---- $batch

    private Response batch(Request request) {
        Map<String, Object> body;
        try {
            body = Json.readObject(request.body());
        } catch (IllegalArgumentException e) {
            return error(request, 400, "BadRequest", "Invalid batch payload format.");
        }
        if (!(body.get("requests") instanceof List<?> requests)) {
            return error(request, 400, "BadRequest", "Invalid batch payload format.");
        }
        if (requests.size() > 20) {
            return error(request, 400, "BadRequest", "The number of batch requests exceeds the limit of 20.");
        }
        Map<String, Map<?, ?>> byId = new LinkedHashMap<>();
        for (Object o : requests) {
            if (!(o instanceof Map<?, ?> item)
                    || item.get("id") == null
                    || item.get("method") == null
                    || item.get("url") == null) {
                return error(
                        request,
                        400,
                        "BadRequest",
                        "Invalid batch payload format: each request needs id, method and url.");
            }
            String id = item.get("id").toString();
            if (byId.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(id))) {
                return error(request, 400, "BadRequest", "Batch request ids must be unique; '" + id + "' is repeated.");
            }
            byId.put(id, item);
        }
        Map<String, Integer> statusById = new LinkedHashMap<>();
        List<Map<String, Object>> responses = new ArrayList<>();
        for (Map.Entry<String, Map<?, ?>> entry : byId.entrySet()) {
            Map<?, ?> item = entry.getValue();
            Response response = batchItem(request, item, statusById);
            statusById.put(entry.getKey(), response.status());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", entry.getKey());
            r.put("status", response.status());
            Map<String, String> headers = new LinkedHashMap<>(response.headers());
            r.put("headers", headers);
            if (response.body().length > 0) {
                String contentType = headers.getOrDefault("Content-Type", "");
                r.put(
                        "body",
                        contentType.startsWith("application/json")
                                ? Json.readObject(response.body())
                                : new String(response.body(), StandardCharsets.UTF_8));
            }
            responses.add(r);
        }
        if (emulator.settings().shuffleBatchResponses()) {
            java.util.Collections.reverse(responses);
        }
        return Response.json(200, Map.of("responses", responses));
    }

    private Response batchItem(Request outer, Map<?, ?> item, Map<String, Integer> statusById) {
        String itemRequestId = UUID.randomUUID().toString();
        Map<String, String> headers = new LinkedHashMap<>();
        if (outer.header("authorization") != null) {
            headers.put("authorization", outer.header("authorization"));
        }
        headers.put(GraphErrors.REQUEST_ID, itemRequestId);
        if (item.get("headers") instanceof Map<?, ?> h) {
            h.forEach((k, v) -> headers.put(k.toString().toLowerCase(Locale.ROOT), String.valueOf(v)));
        }
        String url = item.get("url").toString();
        if (url.startsWith("http://") || url.startsWith("https://")) {
            return GraphErrors.error(
                    new Request("GET", "/", null, headers, new byte[0], true),
                    emulator.clock().instant(),
                    400,
                    "BadRequest",
                    "Batch request url must be relative to the version root.");
        }
        if (!url.startsWith("/")) {
            url = "/" + url;
        }
        int q = url.indexOf('?');
        String path = "/v1.0" + HttpMessages.decode(q < 0 ? url : url.substring(0, q));
        String rawQuery = q < 0 ? null : url.substring(q + 1);
        byte[] body = new byte[0];
        if (item.get("body") != null) {
            if (!headers.containsKey("content-type")) {
                return GraphErrors.error(
                        new Request("GET", "/", null, headers, new byte[0], true),
                        emulator.clock().instant(),
                        400,
                        "BadRequest",
                        "Content-Type header must be specified for a request with a body.");
            }
            body = item.get("body") instanceof String str
                    ? str.getBytes(StandardCharsets.UTF_8)
                    : Json.write(item.get("body"));
        }
        Request inner = new Request(
                item.get("method").toString().toUpperCase(Locale.ROOT), path, rawQuery, headers, body, true);
        if (item.get("dependsOn") instanceof List<?> deps) {
            for (Object dep : deps) {
                Integer status = statusById.get(dep.toString());
                if (status == null || status >= 400) {
                    return GraphErrors.error(
                            inner, emulator.clock().instant(), 424, "BadRequest", "Failed dependency.");
                }
            }
        }
        return emulator.dispatchBatchItem(inner);
    }

    // ---- helpers

    private <T> T tenantRead(Supplier<T> action) {
        return emulator.tenant().read(action);
    }

    private Response notFound(Request request, String id) {
        return error(
                request,
                404,
                "Request_ResourceNotFound",
                "Resource '" + id
                        + "' does not exist or one of its queried reference-property objects are not present.");
    }

    private Response notFoundSegment(Request request, String segment) {
        return error(request, 400, "BadRequest", "Resource not found for the segment '" + segment + "'.");
    }

    private Response error(Request request, int status, String code, String message) {
        return GraphErrors.error(request, emulator.clock().instant(), status, code, message);
    }

    private static Set<String> userFilterable() {
        Set<String> names = new LinkedHashSet<>(EntraUser.PROPERTIES);
        for (int i = 1; i <= 15; i++) {
            names.add("onPremisesExtensionAttributes/extensionAttribute" + i);
        }
        return Set.copyOf(names);
    }
}
