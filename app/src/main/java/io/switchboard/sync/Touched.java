package io.switchboard.sync;

import io.switchboard.entra.EntraGroup;
import io.switchboard.entra.TenantReader;
import io.switchboard.reconcile.ObjectType;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The Entra objects a delta run touched (issue 15 point 6, ADR 0015): the users and groups the
 * delta changed or removed, the users whose membership of a changed group changed (with those of
 * member groups added or removed), and the groups that have a touched user as a member. A delta
 * run records results only for them; the changes it plans for any other object are recorded too.
 */
record Touched(Set<String> users, Set<String> groups) {

    Touched {
        users = Set.copyOf(users);
        groups = Set.copyOf(groups);
    }

    /**
     * What the changes touched: {@code groups} are the tenant's groups as mirrored after the
     * changes, with the users at least of the groups the changes added to or removed from a group
     * (and of those nested in them); {@code groupsOf} gives the groups holding each of some users
     * directly.
     */
    static Touched by(
            TenantReader.Changes changes,
            Collection<EntraGroup> groups,
            Function<Set<String>, Map<String, Set<String>>> groupsOf) {
        Map<String, EntraGroup> byId = new HashMap<>();
        groups.forEach(g -> byId.put(g.id(), g));
        Set<String> users = new HashSet<>();
        Set<String> touchedGroups = new HashSet<>(changes.removedGroupIds());
        changes.users().forEach(u -> users.add(u.id()));
        users.addAll(changes.removedUserIds());
        for (TenantReader.GroupChange g : changes.groups()) {
            touchedGroups.add(g.id());
            users.addAll(g.addedUsers());
            users.addAll(g.removedUsers());
            touchedGroups.addAll(g.addedGroups());
            touchedGroups.addAll(g.removedGroups());
            for (String nested : union(g.addedGroups(), g.removedGroups())) {
                users.addAll(usersWithin(nested, byId));
            }
        }
        groupsOf.apply(users).values().forEach(touchedGroups::addAll);
        return new Touched(users, touchedGroups);
    }

    boolean contains(ObjectType type, String sourceId) {
        return type == ObjectType.GROUP ? groups.contains(sourceId) : users.contains(sourceId);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static Set<String> usersWithin(String groupId, Map<String, EntraGroup> byId) {
        Set<String> users = new HashSet<>();
        Set<String> seen = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(Set.of(groupId));
        while (!pending.isEmpty()) {
            EntraGroup g = byId.get(pending.pop());
            if (g == null || !seen.add(g.id())) {
                continue;
            }
            users.addAll(g.memberUserIds());
            pending.addAll(g.memberGroupIds());
        }
        return users;
    }
}
