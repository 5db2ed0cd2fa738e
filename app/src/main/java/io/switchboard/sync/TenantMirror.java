package io.switchboard.sync;

import io.switchboard.directory.BulkInsert;
import io.switchboard.entra.EntraGroup;
import io.switchboard.entra.EntraUser;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sync's copy of the tenant (users, groups and their direct members) and the delta links of
 * the last read. A full read replaces it whole; a delta read applies only the changes, so the
 * Graph cost of a run follows the number of changes (X3) while every plan still sees the whole
 * tenant.
 */
@Repository
public class TenantMirror {

    public static final String USERS_DELTA = "users-delta-link";
    public static final String GROUPS_DELTA = "groups-delta-link";
    public static final String READ_FOR = "read-for-settings";

    /**
     * Set by a run that left the directory in step with the mirror (no failure, nothing held), with
     * the settings it planned with and the synced counts it left; cleared when a run starts. A delta
     * run plans only what its delta touched while it holds (issue 15 point 6, ADR 0015).
     */
    public static final String IN_STEP = "directory-in-step";

    private static final String USER = "USER";
    private static final String GROUP = "GROUP";

    private static final List<String> USER_COLUMNS = List.of("id", "document");
    private static final List<String> MEMBER_COLUMNS = List.of("group_id", "member_id", "kind");

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final JsonMapper mapper;
    private final BulkInsert bulk;

    TenantMirror(JdbcClient jdbc, JdbcTemplate batch, JsonMapper mapper, BulkInsert bulk) {
        this.bulk = bulk;
        this.batch = batch;
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** Group fields stored as the group's document; members live in their own table. */
    private record GroupDocument(
            String id,
            String displayName,
            List<String> groupTypes,
            boolean securityEnabled,
            boolean mailEnabled,
            java.time.Instant createdDateTime) {}

    /**
     * Whether the last step of keeping a full read here (its groups and delta links, {@link
     * MirrorWrite}) goes on while the run writes the directory, from another thread (issue 15 point
     * 2): on PostgreSQL the two go on in parallel; the embedded H2 database serializes its writers,
     * and measured twice as slow for both when they overlap, so there the run waits for that step
     * before it writes.
     */
    public boolean writtenAlongside() {
        Boolean known = alongside;
        if (known == null) {
            String product = batch.execute(
                    (ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
            known = "PostgreSQL".equals(product);
            alongside = known;
        }
        return known;
    }

    private volatile Boolean alongside;

    @Transactional(readOnly = true)
    public List<EntraUser> users() {
        return jdbc.sql("SELECT document FROM entra_user ORDER BY id")
                .query((rs, n) -> mapper.readValue(rs.getString(1), EntraUser.class))
                .list();
    }

    /** The mirrored users among {@code ids}, in one query per thousand ids; an id not mirrored is left out. */
    @Transactional(readOnly = true)
    public List<EntraUser> users(Collection<String> ids) {
        List<String> all = List.copyOf(ids);
        List<EntraUser> users = new ArrayList<>();
        for (int from = 0; from < all.size(); from += 1000) {
            users.addAll(jdbc.sql("SELECT document FROM entra_user WHERE id IN (:ids) ORDER BY id")
                    .param("ids", all.subList(from, Math.min(all.size(), from + 1000)))
                    .query((rs, n) -> mapper.readValue(rs.getString(1), EntraUser.class))
                    .list());
        }
        return users;
    }

    @Transactional(readOnly = true)
    public List<EntraGroup> groups() {
        Map<String, Set<String>> users = new HashMap<>();
        Map<String, Set<String>> groups = new HashMap<>();
        jdbc.sql("SELECT group_id, member_id, kind FROM entra_group_member").query(rs -> {
            (USER.equals(rs.getString(3)) ? users : groups)
                    .computeIfAbsent(rs.getString(1), k -> new HashSet<>())
                    .add(rs.getString(2));
        });
        return groups(users, groups);
    }

    /**
     * Every mirrored group with its member groups and no users (issue 15 point 6): the groups that
     * are members of a group are found through the index on members, not by reading every
     * membership.
     */
    @Transactional(readOnly = true)
    public List<EntraGroup> shapes() {
        Map<String, Set<String>> groups = new HashMap<>();
        jdbc.sql("SELECT m.group_id, m.member_id FROM entra_group g JOIN entra_group_member m ON m.member_id = g.id")
                .query(rs -> {
                    groups.computeIfAbsent(rs.getString(1), k -> new HashSet<>())
                            .add(rs.getString(2));
                });
        return groups(Map.of(), groups);
    }

    /**
     * These groups ({@link #shapes}) with some of their users: all the users of the groups in
     * {@code whole} and of the groups nested in them at any depth; of every other group, its
     * members among {@code users}.
     */
    @Transactional(readOnly = true)
    public List<EntraGroup> withUsers(List<EntraGroup> shapes, Set<String> whole, Set<String> users) {
        Map<String, EntraGroup> byId = new HashMap<>();
        shapes.forEach(g -> byId.put(g.id(), g));
        Set<String> all = new HashSet<>(whole);
        Deque<String> todo = new ArrayDeque<>(whole);
        while (!todo.isEmpty()) {
            EntraGroup g = byId.get(todo.pop());
            for (String child : g == null ? Set.<String>of() : g.memberGroupIds()) {
                if (all.add(child)) {
                    todo.push(child);
                }
            }
        }
        Map<String, Set<String>> members = new HashMap<>();
        List<String> ids = List.copyOf(all);
        for (int from = 0; from < ids.size(); from += 1000) {
            jdbc.sql("SELECT group_id, member_id FROM entra_group_member WHERE kind = :kind AND group_id IN (:ids)")
                    .param("kind", USER)
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + 1000)))
                    .query(rs -> {
                        members.computeIfAbsent(rs.getString(1), k -> new HashSet<>())
                                .add(rs.getString(2));
                    });
        }
        groupsOf(users)
                .forEach((user, holding) -> holding.forEach(
                        g -> members.computeIfAbsent(g, k -> new HashSet<>()).add(user)));
        return shapes.stream()
                .map(g -> g.withMembers(members.getOrDefault(g.id(), Set.of()), g.memberGroupIds()))
                .toList();
    }

    private List<EntraGroup> groups(Map<String, Set<String>> users, Map<String, Set<String>> groups) {
        List<EntraGroup> result = new ArrayList<>();
        for (String json : jdbc.sql("SELECT document FROM entra_group ORDER BY id")
                .query(String.class)
                .list()) {
            GroupDocument g = mapper.readValue(json, GroupDocument.class);
            result.add(new EntraGroup(
                    g.id(),
                    g.displayName(),
                    g.groupTypes(),
                    g.securityEnabled(),
                    g.mailEnabled(),
                    g.createdDateTime(),
                    users.getOrDefault(g.id(), Set.of()),
                    groups.getOrDefault(g.id(), Set.of())));
        }
        return result;
    }

    /** Replaces the whole copy with a full read. */
    @Transactional
    public void replace(Collection<EntraUser> users, Collection<EntraGroup> groups) {
        clearGroups();
        clearUsers();
        addUsers(users);
        addGroups(groups);
    }

    /** Removes every group and membership from the copy. */
    @Transactional
    public void clearGroups() {
        jdbc.sql("DELETE FROM entra_group_member").update();
        jdbc.sql("DELETE FROM entra_group").update();
    }

    /** Removes every user from the copy. */
    @Transactional
    public void clearUsers() {
        jdbc.sql("DELETE FROM entra_user").update();
    }

    /** Adds users that are not in the copy. */
    @Transactional
    public void addUsers(Collection<EntraUser> users) {
        bulk.insert("entra_user", USER_COLUMNS, BulkInsert.rows(List.copyOf(users), this::userRow));
    }

    /** Adds groups that are not in the copy, with their direct members. */
    @Transactional
    public void addGroups(Collection<EntraGroup> groups) {
        groups.forEach(this::insertGroup);
    }

    @Transactional
    public void putUser(EntraUser user) {
        removeUser(user.id());
        insertUser(user);
    }

    @Transactional
    public void removeUser(String id) {
        jdbc.sql("DELETE FROM entra_user WHERE id = ?").param(id).update();
    }

    /** Stores a group's own fields, keeping the members it has (a delta's group change, X3). */
    @Transactional
    public void putGroupFields(EntraGroup group) {
        jdbc.sql("DELETE FROM entra_group WHERE id = ?").param(group.id()).update();
        insertGroupRow(group);
    }

    private void insertGroupRow(EntraGroup group) {
        jdbc.sql("INSERT INTO entra_group (id, document) VALUES (?, ?)")
                .params(group.id(), document(group))
                .update();
    }

    private String document(EntraGroup group) {
        return mapper.writeValueAsString(new GroupDocument(
                group.id(),
                group.displayName(),
                group.groupTypes(),
                group.securityEnabled(),
                group.mailEnabled(),
                group.createdDateTime()));
    }

    /** Stores a group with exactly the given direct members. */
    @Transactional
    public void putGroup(EntraGroup group) {
        removeGroup(group.id());
        insertGroup(group);
    }

    /** Stores a group that is not in the copy, with its direct members. */
    private void insertGroup(EntraGroup group) {
        insertGroupRow(group);
        List<Object[]> members = new ArrayList<>();
        group.memberUserIds().forEach(member -> members.add(new Object[] {group.id(), member, USER}));
        group.memberGroupIds().forEach(member -> members.add(new Object[] {group.id(), member, GROUP}));
        bulk.insert("entra_group_member", MEMBER_COLUMNS, members);
    }

    @Transactional
    public void removeGroup(String id) {
        jdbc.sql("DELETE FROM entra_group_member WHERE group_id = ?").param(id).update();
        jdbc.sql("DELETE FROM entra_group WHERE id = ?").param(id).update();
    }

    @Transactional
    public void addMember(String groupId, String memberId, boolean isGroup) {
        removeMember(groupId, memberId);
        insertMember(groupId, memberId, isGroup ? GROUP : USER);
    }

    @Transactional
    public void removeMember(String groupId, String memberId) {
        jdbc.sql("DELETE FROM entra_group_member WHERE group_id = ? AND member_id = ?")
                .params(groupId, memberId)
                .update();
    }

    @Transactional(readOnly = true)
    public Optional<String> state(String name) {
        return jdbc.sql("SELECT content FROM tenant_mirror_state WHERE name = ?")
                .param(name)
                .query(String.class)
                .optional();
    }

    @Transactional
    public void setState(String name, String value) {
        jdbc.sql("DELETE FROM tenant_mirror_state WHERE name = ?").param(name).update();
        if (value != null) {
            jdbc.sql("INSERT INTO tenant_mirror_state (name, content) VALUES (?, ?)")
                    .params(name, value)
                    .update();
        }
    }

    /** The users and groups that failed in the plan of the last run that left the directory in step. */
    public record Waiting(Set<String> users, Set<String> groups) {}

    @Transactional(readOnly = true)
    public Waiting waiting() {
        Set<String> users = new HashSet<>();
        Set<String> groups = new HashSet<>();
        jdbc.sql("SELECT kind, source_id FROM sync_waiting").query(rs -> {
            (GROUP.equals(rs.getString(1)) ? groups : users).add(rs.getString(2));
        });
        return new Waiting(users, groups);
    }

    @Transactional
    public void setWaiting(Collection<String> users, Collection<String> groups) {
        jdbc.sql("DELETE FROM sync_waiting").update();
        List<Object[]> rows = new ArrayList<>();
        users.forEach(id -> rows.add(new Object[] {USER, id}));
        groups.forEach(id -> rows.add(new Object[] {GROUP, id}));
        if (!rows.isEmpty()) {
            batch.batchUpdate("INSERT INTO sync_waiting (kind, source_id) VALUES (?, ?)", rows);
        }
    }

    /** The groups that hold each of {@code memberIds} directly, in one query (per thousand ids). */
    @Transactional(readOnly = true)
    public Map<String, Set<String>> groupsOf(Collection<String> memberIds) {
        Map<String, Set<String>> groups = new HashMap<>();
        List<String> ids = List.copyOf(memberIds);
        for (int from = 0; from < ids.size(); from += 1000) {
            jdbc.sql("SELECT member_id, group_id FROM entra_group_member WHERE member_id IN (:ids)")
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + 1000)))
                    .query((rs, n) -> groups.computeIfAbsent(rs.getString(1), k -> new HashSet<>())
                            .add(rs.getString(2)))
                    .list();
        }
        return groups;
    }

    /** The groups that hold {@code memberId} directly. */
    @Transactional(readOnly = true)
    public Set<String> groupsOf(String memberId) {
        return new HashSet<>(jdbc.sql("SELECT group_id FROM entra_group_member WHERE member_id = ?")
                .param(memberId)
                .query(String.class)
                .list());
    }

    /** {@code groupIds} and every group nested in them, at any depth. */
    @Transactional(readOnly = true)
    public Set<String> withNestedGroups(Collection<String> groupIds) {
        Map<String, List<String>> children = new HashMap<>();
        jdbc.sql("SELECT group_id, member_id FROM entra_group_member WHERE kind = ?")
                .param(GROUP)
                .query((rs, n) -> children.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(rs.getString(2)))
                .list();
        Set<String> all = new HashSet<>(groupIds);
        Deque<String> todo = new ArrayDeque<>(groupIds);
        while (!todo.isEmpty()) {
            for (String child : children.getOrDefault(todo.pop(), List.of())) {
                if (all.add(child)) {
                    todo.push(child);
                }
            }
        }
        return all;
    }

    private void insertUser(EntraUser user) {
        jdbc.sql("INSERT INTO entra_user (id, document) VALUES (?, ?)")
                .params(userRow(user))
                .update();
    }

    /** A user's row: its id and its document, in the order of {@code USER_COLUMNS}. */
    private Object[] userRow(EntraUser user) {
        return new Object[] {user.id(), mapper.writeValueAsString(user)};
    }

    private void insertMember(String groupId, String memberId, String kind) {
        jdbc.sql("INSERT INTO entra_group_member (group_id, member_id, kind) VALUES (?, ?, ?)")
                .params(groupId, memberId, kind)
                .update();
    }
}
