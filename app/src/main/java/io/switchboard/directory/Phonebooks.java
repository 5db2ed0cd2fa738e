package io.switchboard.directory;

import io.switchboard.shared.PageRequest;
import io.switchboard.shared.PageResult;
import io.switchboard.shared.TextRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The phonebooks and their visibility. */
@Repository
class Phonebooks {

    private final JdbcClient jdbc;

    Phonebooks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Phonebook> find(UUID id) {
        return load(" WHERE id = :v", id).stream().findFirst();
    }

    Optional<Phonebook> findByName(String name) {
        return load(" WHERE name_key = :v", TextRules.key(name)).stream().findFirst();
    }

    Optional<Phonebook> findBySource(String sourceId) {
        return load(" WHERE source_id = :v", sourceId).stream().findFirst();
    }

    PageResult<Phonebook> page(String query, PageRequest page) {
        PageResult<Phonebook> found = SqlPage.query(
                jdbc,
                "id, name, origin, source_id",
                "phonebook" + (query == null ? "" : " WHERE name_key LIKE :p"),
                query == null ? Map.of() : Map.of("p", SqlPage.contains(query)),
                "name_key",
                Phonebooks::map,
                page);
        return new PageResult<>(withVisibility(found.items()), found.page(), found.size(), found.total());
    }

    void insert(Phonebook p, Instant now) {
        jdbc.sql("INSERT INTO phonebook (id, name, name_key, origin, source_id, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        p.id(),
                        p.name(),
                        TextRules.key(p.name()),
                        p.origin().name(),
                        p.sourceId(),
                        Extensions.utc(now),
                        Extensions.utc(now))
                .update();
        replaceVisibility(p.id(), p.visibleTo());
    }

    void update(Phonebook p, Instant now) {
        jdbc.sql("UPDATE phonebook SET name = ?, name_key = ?, origin = ?, source_id = ?, updated_at = ? WHERE id = ?")
                .params(p.name(), TextRules.key(p.name()), p.origin().name(), p.sourceId(), Extensions.utc(now), p.id())
                .update();
        replaceVisibility(p.id(), p.visibleTo());
    }

    boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM phonebook WHERE id = ?").param(id).update() > 0;
    }

    private List<Phonebook> load(String where, Object value) {
        return withVisibility(jdbc.sql("SELECT id, name, origin, source_id FROM phonebook" + where)
                .param("v", value)
                .query(Phonebooks::map)
                .list());
    }

    private static Phonebook map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Phonebook(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                Origin.valueOf(rs.getString(3)),
                rs.getString(4),
                Visibility.NOBODY);
    }

    private void replaceVisibility(UUID id, Visibility visibility) {
        jdbc.sql("DELETE FROM phonebook_visible_extension WHERE phonebook_id = ?")
                .param(id)
                .update();
        jdbc.sql("DELETE FROM phonebook_visible_group WHERE phonebook_id = ?")
                .param(id)
                .update();
        for (UUID extension : visibility.extensionIds()) {
            jdbc.sql("INSERT INTO phonebook_visible_extension (phonebook_id, extension_id) VALUES (?, ?)")
                    .params(id, extension)
                    .update();
        }
        for (UUID group : visibility.groupIds()) {
            jdbc.sql("INSERT INTO phonebook_visible_group (phonebook_id, group_id) VALUES (?, ?)")
                    .params(id, group)
                    .update();
        }
    }

    private List<Phonebook> withVisibility(List<Phonebook> books) {
        if (books.isEmpty()) {
            return books;
        }
        List<UUID> ids = books.stream().map(Phonebook::id).toList();
        Map<UUID, List<UUID>> extensions = new HashMap<>();
        Map<UUID, List<UUID>> groups = new HashMap<>();
        jdbc.sql("SELECT phonebook_id, extension_id FROM phonebook_visible_extension WHERE phonebook_id IN (:ids)")
                .param("ids", ids)
                .query(rs -> {
                    extensions
                            .computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(rs.getObject(2, UUID.class));
                });
        jdbc.sql("SELECT phonebook_id, group_id FROM phonebook_visible_group WHERE phonebook_id IN (:ids)")
                .param("ids", ids)
                .query(rs -> {
                    groups.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(rs.getObject(2, UUID.class));
                });
        return books.stream()
                .map(p -> new Phonebook(
                        p.id(),
                        p.name(),
                        p.origin(),
                        p.sourceId(),
                        new Visibility(
                                extensions.getOrDefault(p.id(), List.of()), groups.getOrDefault(p.id(), List.of()))))
                .toList();
    }
}
