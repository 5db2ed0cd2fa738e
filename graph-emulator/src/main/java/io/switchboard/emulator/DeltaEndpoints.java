package io.switchboard.emulator;

import io.switchboard.emulator.HttpMessages.Request;
import io.switchboard.emulator.HttpMessages.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /users/delta} and {@code /groups/delta}. A token is a position in the tenant's change log plus the first
 * call's {@code $select} and id filter; a round returns the objects changed in {@code (from, to]} of the log, so its
 * cost is proportional to the changes. An initial round is the round from position 0. Group objects carry {@code
 * members@delta} and repeat across pages when their member changes exceed one chunk.
 */
final class DeltaEndpoints {

    private static final Pattern ID_EQ = Pattern.compile("\\s*id\\s+eq\\s+'([^']*)'\\s*", Pattern.CASE_INSENSITIVE);

    /** The decoded state of a delta or skip token. */
    record Cursor(
            ObjectKind kind,
            long from,
            long to,
            int offset,
            long issuedAtMillis,
            List<String> select,
            List<String> ids) {

        String encode() {
            String raw = String.join(
                    "|",
                    "v1",
                    kind.name(),
                    Long.toString(from),
                    Long.toString(to),
                    Integer.toString(offset),
                    Long.toString(issuedAtMillis),
                    select == null ? "*" : String.join(",", select),
                    String.join(",", ids));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String token) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                String[] p = raw.split("\\|", -1);
                if (p.length != 8 || !p[0].equals("v1")) {
                    return null;
                }
                return new Cursor(
                        ObjectKind.valueOf(p[1]),
                        Long.parseLong(p[2]),
                        Long.parseLong(p[3]),
                        Integer.parseInt(p[4]),
                        Long.parseLong(p[5]),
                        p[6].equals("*") ? null : List.of(p[6].split(",")),
                        p[7].isEmpty() ? List.of() : List.of(p[7].split(",")));
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    private final GraphEmulator emulator;
    private final Map<String, List<Map<String, Object>>> roundCache =
            Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<Map<String, Object>>> eldest) {
                    return size() > 16;
                }
            });

    DeltaEndpoints(GraphEmulator emulator) {
        this.emulator = emulator;
    }

    static boolean isDeltaSegment(String segment) {
        return segment.equals("delta")
                || segment.equals("microsoft.graph.delta")
                || segment.equals("microsoft.graph.delta()");
    }

    Response handle(Request request, ObjectKind kind) {
        Map<String, String> q = request.query();
        for (String unsupported : List.of("$top", "$orderby", "$expand", "$search", "$count")) {
            if (q.containsKey(unsupported)) {
                return error(
                        request,
                        400,
                        "Request_UnsupportedQuery",
                        "Unsupported query option '" + unsupported + "' on delta query.");
            }
        }
        Instant now = emulator.clock().instant();
        Cursor cursor;
        String deltaToken = q.get("$deltatoken");
        String skipToken = q.get("$skiptoken");
        if ("latest".equalsIgnoreCase(deltaToken)) {
            long head = emulator.visibleChangeHead();
            Cursor latest =
                    new Cursor(kind, head, -1, 0, now.toEpochMilli(), parseSelect(q.get("$select"), kind), List.of());
            return page(request, kind, List.of(), latest, true);
        }
        if (deltaToken != null && !deltaToken.isEmpty() || skipToken != null) {
            if (q.containsKey("$select") || q.containsKey("$filter")) {
                return error(
                        request,
                        400,
                        "Request_BadRequest",
                        "Query parameters cannot be combined with a $deltatoken or $skiptoken.");
            }
            cursor = Cursor.decode(deltaToken != null && !deltaToken.isEmpty() ? deltaToken : skipToken);
            if (cursor == null
                    || cursor.kind() != kind
                    || cursor.from() > emulator.tenant().changeSequence()) {
                return syncStateNotFound(request);
            }
            if (now.isAfter(Instant.ofEpochMilli(cursor.issuedAtMillis())
                    .plus(emulator.settings().deltaTokenLifetime()))) {
                return syncStateNotFound(request);
            }
            if (cursor.to() < 0) {
                cursor = new Cursor(
                        kind,
                        cursor.from(),
                        Math.max(cursor.from(), emulator.visibleChangeHead()),
                        0,
                        now.toEpochMilli(),
                        cursor.select(),
                        cursor.ids());
            }
        } else {
            List<String> select;
            try {
                select = parseSelect(q.get("$select"), kind);
            } catch (IllegalArgumentException e) {
                return error(request, 400, "Request_BadRequest", e.getMessage());
            }
            List<String> ids = List.of();
            if (q.get("$filter") != null) {
                ids = parseIdFilter(q.get("$filter"));
                if (ids == null) {
                    return error(
                            request,
                            400,
                            "Request_UnsupportedQuery",
                            "Unsupported filter on delta query; only 'id eq' clauses joined by 'or' are supported.");
                }
                if (ids.size() > 50) {
                    return error(
                            request,
                            400,
                            "Request_UnsupportedQuery",
                            "The number of ids in the filter exceeds the maximum of 50.");
                }
            }
            cursor = new Cursor(kind, 0, emulator.visibleChangeHead(), 0, now.toEpochMilli(), select, ids);
        }
        boolean minimal =
                request.header("prefer") != null && request.header("prefer").contains("return=minimal");
        List<Map<String, Object>> entries = round(cursor, minimal && cursor.from() > 0);
        return page(request, kind, entries, cursor, false);
    }

    private Response page(
            Request request, ObjectKind kind, List<Map<String, Object>> entries, Cursor cursor, boolean latest) {
        boolean replay = request.header(GraphEmulator.REPLAY_HEADER) != null;
        int size = emulator.settings().deltaPageSize();
        int end = Math.min(entries.size(), cursor.offset() + size);
        Map<String, Object> body = new LinkedHashMap<>();
        String segment = kind == ObjectKind.USER ? "users" : "groups";
        body.put("@odata.context", emulator.baseUrl() + "/v1.0/$metadata#" + segment);
        String base = emulator.baseUrl() + "/v1.0/" + segment + "/delta?";
        if (!latest && end < entries.size()) {
            Cursor next = new Cursor(
                    kind, cursor.from(), cursor.to(), end, cursor.issuedAtMillis(), cursor.select(), cursor.ids());
            body.put("@odata.nextLink", base + "$skiptoken=" + next.encode());
        } else {
            long to = latest ? cursor.from() : cursor.to();
            if (replay && !latest) {
                to = cursor.from();
            }
            Cursor delta = new Cursor(
                    kind, to, -1, 0, emulator.clock().instant().toEpochMilli(), cursor.select(), cursor.ids());
            body.put("@odata.deltaLink", base + "$deltatoken=" + delta.encode());
        }
        List<Map<String, Object>> value =
                latest ? List.of() : new ArrayList<>(entries.subList(Math.min(cursor.offset(), entries.size()), end));
        if (replay && !value.isEmpty()) {
            value.add(value.get(0));
        }
        body.put("value", value);
        return Response.json(200, body);
    }

    /** The entries of the round {@code (from, to]}, computed once per round and cached. */
    private List<Map<String, Object>> round(Cursor cursor, boolean minimal) {
        String key = cursor.kind() + "|" + cursor.from() + "|" + cursor.to() + "|" + cursor.select() + "|"
                + cursor.ids() + "|" + minimal;
        List<Map<String, Object>> cached = roundCache.get(key);
        if (cached != null) {
            return cached;
        }
        List<Map<String, Object>> computed = emulator.tenant().read(() -> compute(cursor, minimal));
        roundCache.put(key, computed);
        return computed;
    }

    private static final class ObjectChanges {
        Change.Op first;
        Change.Op last;
        final Set<String> properties = new HashSet<>();
        boolean propertyChange;
        final Map<String, Change[]> members = new LinkedHashMap<>();
    }

    private List<Map<String, Object>> compute(Cursor cursor, boolean minimal) {
        Tenant tenant = emulator.tenant();
        List<Change> log = tenant.logUnlocked();
        Set<String> idFilter = cursor.ids().isEmpty() ? null : new HashSet<>(cursor.ids());
        Map<String, ObjectChanges> byObject = new LinkedHashMap<>();
        long to = Math.min(cursor.to(), log.size());
        for (long i = cursor.from(); i < to; i++) {
            Change c = log.get((int) i);
            if (c.kind() != cursor.kind() || idFilter != null && !idFilter.contains(c.objectId())) {
                continue;
            }
            ObjectChanges oc = byObject.computeIfAbsent(c.objectId(), k -> new ObjectChanges());
            if (c.isMembership()) {
                Change[] firstLast = oc.members.computeIfAbsent(c.memberId(), k -> new Change[2]);
                if (firstLast[0] == null) {
                    firstLast[0] = c;
                }
                firstLast[1] = c;
                continue;
            }
            if (oc.first == null) {
                oc.first = c.op();
            }
            oc.last = c.op();
            oc.propertyChange = true;
            oc.properties.addAll(c.properties());
        }
        boolean groups = cursor.kind() == ObjectKind.GROUP;
        boolean membersTracked =
                groups && (cursor.select() == null || cursor.select().contains("members"));
        List<String> select = cursor.select() == null
                ? null
                : cursor.select().stream().filter(s -> !s.equals("members")).toList();
        int chunk = emulator.settings().deltaMemberChunk();
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Map.Entry<String, ObjectChanges> e : byObject.entrySet()) {
            String id = e.getKey();
            ObjectChanges oc = e.getValue();
            boolean createdInRound = oc.first == Change.Op.CREATED;
            Object current = groups
                    ? tenant.groupsUnlocked().get(id)
                    : tenant.usersUnlocked().get(id);
            boolean softDeleted = groups
                    ? tenant.deletedGroupsUnlocked().containsKey(id)
                    : tenant.deletedUsersUnlocked().containsKey(id);
            if (current == null) {
                if (createdInRound) {
                    continue;
                }
                Map<String, Object> removed = new LinkedHashMap<>();
                if (groups) {
                    removed.put("@odata.type", ObjectKind.GROUP.odataType);
                }
                removed.put("id", id);
                removed.put("@removed", Map.of("reason", softDeleted ? "changed" : "deleted"));
                entries.add(removed);
                continue;
            }
            List<Map<String, Object>> memberDelta = new ArrayList<>();
            if (membersTracked) {
                Set<String> currentMembers = new LinkedHashSet<>(tenant.membersUnlocked(id));
                for (Map.Entry<String, Change[]> m : oc.members.entrySet()) {
                    Change first = m.getValue()[0];
                    Change last = m.getValue()[1];
                    Map<String, Object> member = new LinkedHashMap<>();
                    member.put("@odata.type", last.memberKind().odataType);
                    member.put("id", m.getKey());
                    if (last.op() == Change.Op.MEMBER_ADDED && currentMembers.contains(m.getKey())) {
                        memberDelta.add(member);
                    } else if (last.op() == Change.Op.MEMBER_REMOVED && first.op() != Change.Op.MEMBER_ADDED) {
                        member.put("@removed", Map.of("reason", "deleted"));
                        memberDelta.add(member);
                    }
                }
            }
            boolean selectedChange = oc.propertyChange
                    && (select == null
                            || oc.first == Change.Op.CREATED
                            || oc.first == Change.Op.RESTORED
                            || oc.properties.stream().anyMatch(select::contains));
            if (!selectedChange && memberDelta.isEmpty()) {
                continue;
            }
            GraphEndpoints.Item item =
                    groups ? GraphEndpoints.Item.of((EntraGroup) current) : GraphEndpoints.Item.of((EntraUser) current);
            List<String> names = select;
            if (minimal && !createdInRound && oc.first != Change.Op.RESTORED) {
                names = new ArrayList<>();
                for (String p : oc.properties) {
                    if (select == null || select.contains(p)) {
                        names.add(p);
                    }
                }
            }
            Map<String, Object> object = GraphEndpoints.render(item, names, false, true);
            object.remove("id");
            Map<String, Object> base = new LinkedHashMap<>();
            if (groups) {
                base.put("@odata.type", ObjectKind.GROUP.odataType);
            }
            base.put("id", id);
            base.putAll(object);
            if (!membersTracked) {
                entries.add(base);
                continue;
            }
            if (memberDelta.isEmpty()) {
                base.put("members@delta", List.of());
                entries.add(base);
                continue;
            }
            for (int i = 0; i < memberDelta.size(); i += chunk) {
                Map<String, Object> part = new LinkedHashMap<>(base);
                part.put("members@delta", memberDelta.subList(i, Math.min(memberDelta.size(), i + chunk)));
                entries.add(part);
            }
        }
        return interleaveRepeatedGroups(entries);
    }

    /** Moves the repeated chunks of a group behind other objects, so one group spans several pages as in Graph. */
    private List<Map<String, Object>> interleaveRepeatedGroups(List<Map<String, Object>> entries) {
        List<Map<String, Object>> firsts = new ArrayList<>();
        List<Map<String, Object>> repeats = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (Map<String, Object> e : entries) {
            (seen.add(e.get("id")) ? firsts : repeats).add(e);
        }
        firsts.addAll(repeats);
        return List.copyOf(firsts);
    }

    private List<String> parseSelect(String select, ObjectKind kind) {
        if (select == null || select.isBlank()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (String raw : select.split(",")) {
            String name = raw.trim();
            boolean known = kind == ObjectKind.USER
                    ? EntraUser.PROPERTIES.contains(name)
                    : EntraGroup.PROPERTIES.contains(name) || name.equals("members");
            if (!known) {
                throw new IllegalArgumentException(
                        "Parsing OData Select and Expand failed: Could not find a property named '" + name
                                + "' on type 'microsoft.graph." + (kind == ObjectKind.USER ? "user" : "group") + "'.");
            }
            names.add(name);
        }
        if (!names.contains("id")) {
            names.add(0, "id");
        }
        return List.copyOf(names);
    }

    private static List<String> parseIdFilter(String filter) {
        List<String> ids = new ArrayList<>();
        for (String clause : filter.split("(?i)\\s+or\\s+")) {
            Matcher m = ID_EQ.matcher(clause);
            if (!m.matches()) {
                return null;
            }
            ids.add(m.group(1));
        }
        return ids;
    }

    private Response syncStateNotFound(Request request) {
        return error(
                request,
                400,
                "syncStateNotFound",
                "The sync state generation is not found. The delta token is expired and data must be synchronized again.");
    }

    private Response error(Request request, int status, String code, String message) {
        return GraphErrors.error(request, emulator.clock().instant(), status, code, message);
    }
}
