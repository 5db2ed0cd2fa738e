package io.switchboard.entra;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** The admin's pickers of Entra users and groups for the sync ranges (U1, G1): search by name, 200 by default. */
@Service
public class DirectoryPicker {

    /** The most entries a picker shows. */
    public static final int MAX = 200;

    /** One entry of a picker. */
    public record Entry(String id, String displayName, String mail, String kind) {}

    private final EntraConnection connection;
    private final GraphHttp graph;

    DirectoryPicker(EntraConnection connection, GraphHttp graph) {
        this.connection = connection;
        this.graph = graph;
    }

    public List<Entry> users(String query, int size) {
        return search(
                "users",
                "id,displayName,mail,userType",
                query,
                size,
                u -> u.path("userType").asString("Member"));
    }

    public List<Entry> groups(String query, int size) {
        return search("groups", "id,displayName,mail,groupTypes,securityEnabled,mailEnabled", query, size, g -> {
            boolean unified = g.path("groupTypes")
                    .valueStream()
                    .anyMatch(t -> t.asString().equals("Unified"));
            if (unified) {
                return "MICROSOFT_365";
            }
            return g.path("securityEnabled").asBoolean(false) ? "SECURITY" : "DISTRIBUTION";
        });
    }

    private List<Entry> search(
            String collection,
            String select,
            String query,
            int size,
            java.util.function.Function<JsonNode, String> kind) {
        if (!connection.connected()) {
            throw new EntraUnavailable("The integration is not connected, so the tenant cannot be searched.");
        }
        int top = Math.max(1, Math.min(size, MAX));
        StringBuilder url = new StringBuilder(connection.graphEndpoint())
                .append("/v1.0/")
                .append(collection)
                .append("?$select=")
                .append(select)
                .append("&$top=")
                .append(top);
        if (query != null && !query.isBlank()) {
            String literal = query.strip().replace("'", "''");
            url.append("&$filter=")
                    .append(URLEncoder.encode("startswith(displayName,'" + literal + "')", StandardCharsets.UTF_8)
                            .replace("+", "%20"));
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode item : graph.get(url.toString()).path("value")) {
            entries.add(new Entry(
                    item.path("id").asString(),
                    item.path("displayName").asString(null),
                    item.path("mail").isNull() ? null : item.path("mail").asString(null),
                    kind.apply(item)));
        }
        entries.sort(java.util.Comparator.comparing(
                Entry::displayName, java.util.Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER)));
        return entries;
    }
}
