package io.switchboard.entra;

import io.switchboard.entra.graph.GraphClient;
import io.switchboard.entra.graph.GraphException;
import io.switchboard.entra.graph.GroupDelta;
import io.switchboard.entra.graph.UserDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Reads users and groups with Graph delta queries through the {@link GraphClient}: a round
 * without a link reads everything, a round with one only the changes (X3). An expired or reset
 * link becomes {@link TenantReader.FullSyncRequired}; any other failure {@link EntraUnavailable},
 * after the access token was renewed once on a 401.
 */
@Component
class EntraTenantReader implements TenantReader {

    private final GraphCalls calls;

    EntraTenantReader(GraphCalls calls) {
        this.calls = calls;
    }

    @Override
    public FullRead readAll() {
        UserDelta users = call(graph -> graph.usersDelta(null));
        GroupDelta groups = call(graph -> graph.groupsDelta(null));
        List<EntraGroup> all = new ArrayList<>();
        for (GroupDelta.GroupChange change : groups.changed()) {
            EntraGroup g = change.group();
            all.add(new EntraGroup(
                    g.id(),
                    g.displayName(),
                    g.groupTypes(),
                    g.securityEnabled(),
                    g.mailEnabled(),
                    g.createdDateTime(),
                    change.addedUserIds(),
                    change.addedGroupIds()));
        }
        return new FullRead(users.changed(), all, new DeltaLinks(users.deltaLink(), groups.deltaLink()));
    }

    @Override
    public Changes readChanges(DeltaLinks links) {
        UserDelta users = call(graph -> graph.usersDelta(links.users()));
        GroupDelta groups = call(graph -> graph.groupsDelta(links.groups()));
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
        try {
            return calls.call(request);
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
