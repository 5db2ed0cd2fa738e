package io.switchboard.entra;

import io.switchboard.entra.EntraUser.UserType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Reads users and groups with Graph delta queries (reference §4.2, §5.3, §9): a round without a
 * link reads everything, a round with one only the changes. Links are kept opaque, large groups
 * repeated across pages are merged, {@code @removed} objects are reported as removed, and an
 * expired or reset link becomes {@link TenantReader.FullSyncRequired}.
 */
@Component
class EntraTenantReader implements TenantReader {

    static final String USER_SELECT = "id,displayName,givenName,surname,mail,userPrincipalName,mobilePhone,"
            + "businessPhones,jobTitle,userType,accountEnabled,createdDateTime,employeeId,onPremisesExtensionAttributes";
    static final String GROUP_SELECT = "id,displayName,groupTypes,securityEnabled,mailEnabled,createdDateTime,members";

    private final EntraConnection connection;
    private final GraphHttp graph;

    EntraTenantReader(EntraConnection connection, GraphHttp graph) {
        this.connection = connection;
        this.graph = graph;
    }

    @Override
    public FullRead readAll() {
        String graph = connection.graphEndpoint();
        Round users = round(graph + "/v1.0/users/delta?$select=" + USER_SELECT);
        Round groups = round(graph + "/v1.0/groups/delta?$select=" + encode(GROUP_SELECT));
        List<EntraUser> allUsers =
                users.objects.values().stream().map(EntraTenantReader::user).toList();
        List<EntraGroup> allGroups = new ArrayList<>();
        for (Map.Entry<String, JsonNode> g : groups.objects.entrySet()) {
            Members m = groups.members.getOrDefault(g.getKey(), new Members());
            allGroups.add(group(g.getValue(), m.addedUsers, m.addedGroups));
        }
        return new FullRead(allUsers, allGroups, new DeltaLinks(users.deltaLink, groups.deltaLink));
    }

    @Override
    public Changes readChanges(DeltaLinks links) {
        Round users = round(links.users());
        Round groups = round(links.groups());
        List<GroupChange> changed = new ArrayList<>();
        Set<String> ids = new HashSet<>(groups.objects.keySet());
        ids.addAll(groups.members.keySet());
        for (String id : ids) {
            JsonNode fields = groups.objects.get(id);
            Members m = groups.members.getOrDefault(id, new Members());
            changed.add(new GroupChange(
                    id,
                    fields == null || !fields.has("displayName") ? null : group(fields, Set.of(), Set.of()),
                    m.addedUsers,
                    m.removedUsers,
                    m.addedGroups,
                    m.removedGroups));
        }
        return new Changes(
                users.objects.values().stream().map(EntraTenantReader::user).toList(),
                users.removed,
                changed,
                groups.removed,
                new DeltaLinks(users.deltaLink, groups.deltaLink),
                users.requests + groups.requests);
    }

    private static final class Members {
        final Set<String> addedUsers = new HashSet<>();
        final Set<String> removedUsers = new HashSet<>();
        final Set<String> addedGroups = new HashSet<>();
        final Set<String> removedGroups = new HashSet<>();
    }

    private static final class Round {
        final Map<String, JsonNode> objects = new LinkedHashMap<>();
        final Set<String> removed = new HashSet<>();
        final Map<String, Members> members = new HashMap<>();
        String deltaLink;
        int requests;
    }

    private Round round(String firstUrl) {
        Round round = new Round();
        String url = firstUrl;
        while (url != null) {
            JsonNode page = graph.get(url);
            round.requests++;
            for (JsonNode item : page.path("value")) {
                String id = item.path("id").asString();
                if (item.has("@removed")) {
                    round.objects.remove(id);
                    round.removed.add(id);
                    continue;
                }
                round.removed.remove(id);
                JsonNode previous = round.objects.get(id);
                round.objects.put(id, previous != null && !item.has("displayName") ? previous : item);
                if (item.has("members@delta")) {
                    Members m = round.members.computeIfAbsent(id, k -> new Members());
                    for (JsonNode member : item.path("members@delta")) {
                        boolean isGroup =
                                member.path("@odata.type").asString("").endsWith(".group");
                        String memberId = member.path("id").asString();
                        boolean removed = member.has("@removed");
                        (isGroup
                                        ? (removed ? m.removedGroups : m.addedGroups)
                                        : (removed ? m.removedUsers : m.addedUsers))
                                .add(memberId);
                        (isGroup
                                        ? (removed ? m.addedGroups : m.removedGroups)
                                        : (removed ? m.addedUsers : m.removedUsers))
                                .remove(memberId);
                    }
                }
            }
            if (page.has("@odata.nextLink")) {
                url = page.path("@odata.nextLink").asString();
            } else {
                round.deltaLink = page.path("@odata.deltaLink").asString(null);
                url = null;
            }
        }
        return round;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%2C", ",");
    }

    static EntraUser user(JsonNode u) {
        List<String> phones = new ArrayList<>();
        u.path("businessPhones").forEach(p -> phones.add(p.asString()));
        Map<String, String> attributes = new HashMap<>();
        JsonNode ext = u.path("onPremisesExtensionAttributes");
        for (int i = 1; i <= 15; i++) {
            JsonNode value = ext.path("extensionAttribute" + i);
            if (!value.isMissingNode() && !value.isNull()) {
                attributes.put("extensionAttribute" + i, value.asString());
            }
        }
        return new EntraUser(
                u.path("id").asString(),
                text(u, "displayName"),
                text(u, "givenName"),
                text(u, "surname"),
                text(u, "mail"),
                text(u, "userPrincipalName"),
                text(u, "mobilePhone"),
                phones,
                text(u, "jobTitle"),
                "Guest".equalsIgnoreCase(text(u, "userType")) ? UserType.GUEST : UserType.MEMBER,
                !u.has("accountEnabled") || u.path("accountEnabled").asBoolean(true),
                u.has("createdDateTime") && !u.path("createdDateTime").isNull()
                        ? Instant.parse(u.path("createdDateTime").asString())
                        : null,
                text(u, "employeeId"),
                attributes);
    }

    private static EntraGroup group(JsonNode g, Set<String> users, Set<String> groups) {
        List<String> types = new ArrayList<>();
        g.path("groupTypes").forEach(t -> types.add(t.asString()));
        return new EntraGroup(
                g.path("id").asString(),
                text(g, "displayName"),
                types,
                g.path("securityEnabled").asBoolean(false),
                g.path("mailEnabled").asBoolean(false),
                g.has("createdDateTime") && !g.path("createdDateTime").isNull()
                        ? Instant.parse(g.path("createdDateTime").asString())
                        : null,
                users,
                groups);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }
}
