package io.switchboard.directory;

import io.switchboard.shared.PageRequest;
import io.switchboard.shared.PageResult;
import io.switchboard.shared.TextRules;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The extension groups and their members. */
@Repository
class ExtensionGroups {

    private static final List<String> MEMBER_COLUMNS = List.of("group_id", "extension_id");

    private final JdbcClient jdbc;
    private final BulkInsert bulk;

    ExtensionGroups(JdbcClient jdbc, BulkInsert bulk) {
        this.jdbc = jdbc;
        this.bulk = bulk;
    }

    Optional<ExtensionGroup> find(UUID id) {
        return withMembers(jdbc.sql("SELECT id, name, origin, source_id FROM extension_group WHERE id = ?")
                        .param(id)
                        .query(ExtensionGroups::map)
                        .list())
                .stream()
                .findFirst();
    }

    Optional<ExtensionGroup> findByName(String name) {
        return withMembers(jdbc.sql("SELECT id, name, origin, source_id FROM extension_group WHERE name_key = ?")
                        .param(TextRules.key(name))
                        .query(ExtensionGroups::map)
                        .list())
                .stream()
                .findFirst();
    }

    Optional<ExtensionGroup> findBySource(String sourceId) {
        return withMembers(jdbc.sql("SELECT id, name, origin, source_id FROM extension_group WHERE source_id = ?")
                        .param(sourceId)
                        .query(ExtensionGroups::map)
                        .list())
                .stream()
                .findFirst();
    }

    List<ExtensionGroup> all() {
        return withMembers(withoutMembers());
    }

    private List<ExtensionGroup> withoutMembers() {
        return jdbc.sql("SELECT id, name, origin, source_id FROM extension_group ORDER BY name_key")
                .query(ExtensionGroups::map)
                .list();
    }

    /**
     * Every group, in name order; those of these source ids list their members among {@code
     * extensionIds}, the others none (issue 15 point 6).
     */
    List<ExtensionGroup> all(Set<String> withMembersOf, Set<UUID> extensionIds) {
        List<ExtensionGroup> all = withoutMembers();
        List<UUID> listing = all.stream()
                .filter(g -> g.sourceId() != null && withMembersOf.contains(g.sourceId()))
                .map(ExtensionGroup::id)
                .toList();
        Map<UUID, List<UUID>> members = new HashMap<>();
        List<UUID> ids = List.copyOf(extensionIds);
        for (int from = 0; !listing.isEmpty() && from < ids.size(); from += 1000) {
            jdbc.sql("SELECT group_id, extension_id FROM extension_group_member"
                            + " WHERE group_id IN (:groups) AND extension_id IN (:ids)")
                    .param("groups", listing)
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + 1000)))
                    .query(rs -> {
                        members.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                                .add(rs.getObject(2, UUID.class));
                    });
        }
        return all.stream()
                .map(g -> new ExtensionGroup(
                        g.id(), g.name(), g.origin(), g.sourceId(), members.getOrDefault(g.id(), List.of())))
                .toList();
    }

    /** How many members each of these groups has; a group without members is left out. */
    Map<UUID, Integer> memberCounts(Collection<UUID> groupIds) {
        Map<UUID, Integer> counts = new HashMap<>();
        if (groupIds.isEmpty()) {
            return counts;
        }
        jdbc.sql("SELECT group_id, COUNT(*) FROM extension_group_member WHERE group_id IN (:ids) GROUP BY group_id")
                .param("ids", List.copyOf(groupIds))
                .query(rs -> {
                    counts.put(rs.getObject(1, UUID.class), rs.getInt(2));
                });
        return counts;
    }

    Optional<UUID> idBySource(String sourceId) {
        return jdbc.sql("SELECT id FROM extension_group WHERE source_id = ?")
                .param(sourceId)
                .query((rs, n) -> rs.getObject(1, UUID.class))
                .optional();
    }

    Optional<UUID> idByName(String name) {
        return jdbc.sql("SELECT id FROM extension_group WHERE name_key = ?")
                .param(TextRules.key(name))
                .query((rs, n) -> rs.getObject(1, UUID.class))
                .optional();
    }

    /** Names a synced group; it stays synced from the same source. */
    void rename(UUID id, String name, Instant now) {
        jdbc.sql("UPDATE extension_group SET name = ?, name_key = ?, updated_at = ? WHERE id = ?")
                .params(name, TextRules.key(name), Extensions.utc(now), id)
                .update();
    }

    void removeMembers(UUID groupId, List<UUID> extensionIds) {
        for (int from = 0; from < extensionIds.size(); from += 1000) {
            jdbc.sql("DELETE FROM extension_group_member WHERE group_id = :group AND extension_id IN (:ids)")
                    .param("group", groupId)
                    .param("ids", extensionIds.subList(from, Math.min(extensionIds.size(), from + 1000)))
                    .update();
        }
    }

    /** Adds these extensions to the group, passing over those that are members already. */
    void addMembers(UUID groupId, List<UUID> extensionIds) {
        Set<UUID> adding = new LinkedHashSet<>(extensionIds);
        List<UUID> all = List.copyOf(adding);
        for (int from = 0; from < all.size(); from += 1000) {
            jdbc.sql(
                            "SELECT extension_id FROM extension_group_member WHERE group_id = :group AND extension_id IN (:ids)")
                    .param("group", groupId)
                    .param("ids", all.subList(from, Math.min(all.size(), from + 1000)))
                    .query((rs, n) -> rs.getObject(1, UUID.class))
                    .list()
                    .forEach(adding::remove);
        }
        if (adding.isEmpty()) {
            return;
        }
        bulk.insert(
                "extension_group_member",
                MEMBER_COLUMNS,
                adding.stream().map(id -> new Object[] {groupId, id}).toList());
    }

    /** The source ids of the synced groups holding a synced extension of one of these Entra users. */
    Set<String> syncedHolding(Collection<String> userSourceIds) {
        Set<String> found = new HashSet<>();
        List<String> all = List.copyOf(userSourceIds);
        for (int from = 0; from < all.size(); from += 1000) {
            found.addAll(jdbc.sql(
                            "SELECT DISTINCT g.source_id FROM extension_group g"
                                    + " JOIN extension_group_member m ON m.group_id = g.id"
                                    + " JOIN extension e ON e.id = m.extension_id"
                                    + " WHERE g.origin = 'MICROSOFT_365' AND e.origin = 'MICROSOFT_365' AND e.source_id IN (:ids)")
                    .param("ids", all.subList(from, Math.min(all.size(), from + 1000)))
                    .query(String.class)
                    .list());
        }
        return found;
    }

    Set<String> syncedSources() {
        return new HashSet<>(jdbc.sql("SELECT source_id FROM extension_group WHERE origin = 'MICROSOFT_365'")
                .query(String.class)
                .list());
    }

    long countSynced() {
        return jdbc.sql("SELECT COUNT(*) FROM extension_group WHERE origin = 'MICROSOFT_365'")
                .query(Long.class)
                .single();
    }

    PageResult<ExtensionGroup> page(String query, PageRequest page) {
        PageResult<ExtensionGroup> found = SqlPage.query(
                jdbc,
                "id, name, origin, source_id",
                "extension_group" + (query == null ? "" : " WHERE name_key LIKE :p"),
                query == null ? Map.of() : Map.of("p", SqlPage.contains(query)),
                "name_key",
                ExtensionGroups::map,
                page);
        return new PageResult<>(withMembers(found.items()), found.page(), found.size(), found.total());
    }

    List<UUID> existing(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT id FROM extension_group WHERE id IN (:ids)")
                .param("ids", ids)
                .query((rs, n) -> rs.getObject(1, UUID.class))
                .list();
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM extension_group")
                .query(Long.class)
                .single();
    }

    void insert(ExtensionGroup group, Instant now) {
        jdbc.sql("INSERT INTO extension_group (id, name, name_key, origin, source_id, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        group.id(),
                        group.name(),
                        TextRules.key(group.name()),
                        group.origin().name(),
                        group.sourceId(),
                        Extensions.utc(now),
                        Extensions.utc(now))
                .update();
        replaceMembers(group.id(), group.memberIds());
    }

    void update(ExtensionGroup group, Instant now) {
        jdbc.sql("UPDATE extension_group SET name = ?, name_key = ?, origin = ?, source_id = ?, updated_at = ?"
                        + " WHERE id = ?")
                .params(
                        group.name(),
                        TextRules.key(group.name()),
                        group.origin().name(),
                        group.sourceId(),
                        Extensions.utc(now),
                        group.id())
                .update();
        replaceMembers(group.id(), group.memberIds());
    }

    boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM extension_group WHERE id = ?").param(id).update() > 0;
    }

    private void replaceMembers(UUID groupId, List<UUID> members) {
        jdbc.sql("DELETE FROM extension_group_member WHERE group_id = ?")
                .param(groupId)
                .update();
        if (!members.isEmpty()) {
            bulk.insert(
                    "extension_group_member",
                    MEMBER_COLUMNS,
                    members.stream().map(id -> new Object[] {groupId, id}).toList());
        }
    }

    private List<ExtensionGroup> withMembers(List<ExtensionGroup> groups) {
        if (groups.isEmpty()) {
            return groups;
        }
        Map<UUID, List<UUID>> members = new HashMap<>();
        jdbc.sql("SELECT m.group_id, m.extension_id FROM extension_group_member m"
                        + " JOIN extension e ON e.id = m.extension_id WHERE m.group_id IN (:ids)"
                        + " ORDER BY LENGTH(e.number), e.number")
                .param("ids", groups.stream().map(ExtensionGroup::id).toList())
                .query(rs -> {
                    members.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(rs.getObject(2, UUID.class));
                });
        return groups.stream()
                .map(g -> new ExtensionGroup(
                        g.id(), g.name(), g.origin(), g.sourceId(), members.getOrDefault(g.id(), List.of())))
                .toList();
    }

    private static ExtensionGroup map(ResultSet rs, int row) throws SQLException {
        return new ExtensionGroup(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                Origin.valueOf(rs.getString("origin")),
                rs.getString("source_id"),
                List.of());
    }
}
