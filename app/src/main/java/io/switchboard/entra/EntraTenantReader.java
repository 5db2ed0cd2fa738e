package io.switchboard.entra;

import io.switchboard.entra.graph.GraphClient;
import io.switchboard.entra.graph.GraphException;
import io.switchboard.entra.graph.GroupDelta;
import io.switchboard.entra.graph.UserDelta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Reads users and groups through the {@link GraphClient}: a full read takes the delta baselines
 * and lists the tenant, a read with delta links only the changes (X3). An expired or reset
 * link becomes {@link TenantReader.FullSyncRequired}; any other failure {@link EntraUnavailable},
 * after the access token was renewed once on a 401.
 */
@Component
class EntraTenantReader implements TenantReader {

    private final GraphCalls calls;
    private final Executor pool;

    EntraTenantReader(GraphCalls calls, GraphExecutor executor) {
        this.calls = calls;
        this.pool = executor.pool();
    }

    /**
     * The delta baselines first ({@code $deltatoken=latest}, no page walked), then users and groups
     * listed at {@code $top=999} and the members of the groups in scope in {@code $batch}es of 20;
     * the users are listed while the groups and their members are read, and handed to {@code
     * listing} as they come.
     */
    @Override
    public FullRead readAll(MemberScope scope, Runnable onPage, Listing listing) {
        CompletableFuture<String> usersLink = async(GraphClient::usersDeltaLatest, onPage);
        String groupsLink = call(GraphClient::groupsDeltaLatest, onPage);
        DeltaLinks links = new DeltaLinks(join(usersLink), groupsLink);
        AtomicBoolean begun = new AtomicBoolean();
        CompletableFuture<List<EntraUser>> users = async(
                graph -> {
                    if (!begun.compareAndSet(false, true)) {
                        listing.restarted();
                    }
                    return graph.users(listing::users);
                },
                onPage);
        List<EntraGroup> groups;
        try {
            groups = call(graph -> withMembers(graph, graph.groupsWithoutMembers(), scope), onPage);
        } catch (RuntimeException e) {
            users.cancel(true);
            throw e;
        }
        return new FullRead(join(users), groups, links);
    }

    private static List<EntraGroup> withMembers(GraphClient graph, List<EntraGroup> groups, MemberScope scope) {
        Set<String> known = new HashSet<>();
        groups.forEach(g -> known.add(g.id()));
        Map<String, GraphClient.Members> read = new HashMap<>();
        Set<String> asked = new HashSet<>();
        List<String> wanted =
                groups.stream().filter(scope::wants).map(EntraGroup::id).toList();
        while (!wanted.isEmpty()) {
            asked.addAll(wanted);
            Map<String, GraphClient.Members> round = graph.members(wanted);
            read.putAll(round);
            if (!scope.nested()) {
                break;
            }
            wanted = round.values().stream()
                    .flatMap(m -> m.groups().stream())
                    .filter(id -> known.contains(id) && !asked.contains(id))
                    .distinct()
                    .toList();
        }
        List<EntraGroup> all = new ArrayList<>(groups.size());
        for (EntraGroup g : groups) {
            GraphClient.Members m = read.get(g.id());
            all.add(g.withMembers(m == null ? Set.of() : m.users(), m == null ? Set.of() : m.groups()));
        }
        return all;
    }

    private <T> CompletableFuture<T> async(Function<GraphClient, T> request, Runnable onPage) {
        return CompletableFuture.supplyAsync(() -> call(request, onPage), pool);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    @Override
    public Changes readChanges(DeltaLinks links, Runnable onPage) {
        UserDelta users = call(graph -> graph.usersDelta(links.users()), onPage);
        GroupDelta groups = call(graph -> graph.groupsDelta(links.groups()), onPage);
        List<GroupChange> changed = groups.changed().stream()
                .map(c -> new GroupChange(
                        c.group().id(),
                        c.group().displayName() == null ? null : c.group(),
                        c.addedUserIds(),
                        c.removedMemberIds(),
                        c.addedGroupIds(),
                        Set.of()))
                .toList();
        return new Changes(
                users.changed(),
                users.removed().keySet(),
                changed,
                groups.removed().keySet(),
                new DeltaLinks(users.deltaLink(), groups.deltaLink()));
    }

    /** Calls Graph with the connection's token (renewed once on a 401), its failures in the reader's terms. */
    <T> T call(Function<GraphClient, T> request) {
        return call(request, () -> {});
    }

    <T> T call(Function<GraphClient, T> request, Runnable onPage) {
        try {
            return calls.call(request, onPage);
        } catch (io.switchboard.entra.graph.FullSyncRequired e) {
            throw new FullSyncRequired(e.getMessage());
        } catch (GraphException e) {
            throw unavailable(e);
        }
    }

    private static EntraUnavailable unavailable(GraphException e) {
        return new EntraUnavailable("Microsoft Graph refused to read the tenant (HTTP " + e.status()
                + (e.code() == null || e.code().isEmpty() ? "" : ", " + e.code())
                + "). Nothing was changed on the PBX.");
    }
}
