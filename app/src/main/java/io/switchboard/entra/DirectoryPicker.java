package io.switchboard.entra;

import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Service;

/** The admin's pickers of Entra users and groups for the sync ranges (U1, G1): search by name, 200 by default. */
@Service
public class DirectoryPicker {

    /** The most entries a picker shows. */
    public static final int MAX = 200;

    /** One entry of a picker; {@code kind} is MEMBER/GUEST for users, SECURITY/MICROSOFT_365/DISTRIBUTION for groups. */
    public record Entry(String id, String displayName, String mail, String kind) {}

    private final EntraConnection connection;
    private final EntraTenantReader graph;

    DirectoryPicker(EntraConnection connection, EntraTenantReader graph) {
        this.connection = connection;
        this.graph = graph;
    }

    public List<Entry> users(String query, int size) {
        requireConnected();
        return sorted(graph.call(g -> g.searchUsers(prefix(query), top(size))).stream()
                .map(u -> new Entry(
                        u.id(), u.displayName(), u.mail(), u.userType().name()))
                .toList());
    }

    public List<Entry> groups(String query, int size) {
        requireConnected();
        return sorted(graph.call(g -> g.searchGroups(prefix(query), top(size))).stream()
                .map(g -> new Entry(
                        g.id(),
                        g.displayName(),
                        null,
                        g.microsoft365() ? "MICROSOFT_365" : g.securityEnabled() ? "SECURITY" : "DISTRIBUTION"))
                .toList());
    }

    private void requireConnected() {
        if (!connection.connected()) {
            throw new EntraUnavailable("The integration is not connected, so the tenant cannot be searched.");
        }
    }

    private static String prefix(String query) {
        return query == null ? "" : query.strip();
    }

    private static int top(int size) {
        return Math.max(1, Math.min(size, MAX));
    }

    private static List<Entry> sorted(List<Entry> entries) {
        return entries.stream()
                .sorted(Comparator.comparing(Entry::displayName, Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER)))
                .toList();
    }
}
