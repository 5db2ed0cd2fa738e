package io.switchboard.entra.graph;

import io.switchboard.entra.EntraUser;
import java.util.List;
import java.util.Map;

/**
 * One complete users delta round.
 *
 * @param changed users added or changed since the previous link (all of them on a first round), each once
 * @param removed ids of users reported as {@code @removed}, with the reason
 * @param deltaLink the opaque link that starts the next round
 */
public record UserDelta(List<EntraUser> changed, Map<String, RemovalReason> removed, String deltaLink) {

    public UserDelta {
        changed = List.copyOf(changed);
        removed = Map.copyOf(removed);
    }
}
