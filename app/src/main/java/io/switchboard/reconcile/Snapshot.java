package io.switchboard.reconcile;

import io.switchboard.entra.EntraGroup;
import io.switchboard.entra.EntraUser;
import java.util.List;

/** The tenant as read from Microsoft Graph: every user and every group with its direct members. */
public record Snapshot(List<EntraUser> users, List<EntraGroup> groups) {

    public Snapshot {
        users = List.copyOf(users);
        groups = List.copyOf(groups);
    }
}
