package io.switchboard.emulator;

import java.time.Instant;
import java.util.Set;

/**
 * One entry of a tenant's change log. {@code seq} starts at 1 and grows by one per entry, so a delta token is a
 * position in the log.
 */
record Change(
        long seq,
        ObjectKind kind,
        String objectId,
        Op op,
        Set<String> properties,
        String memberId,
        ObjectKind memberKind,
        Instant at) {

    enum Op {
        CREATED,
        UPDATED,
        SOFT_DELETED,
        RESTORED,
        HARD_DELETED,
        MEMBER_ADDED,
        MEMBER_REMOVED
    }

    boolean isMembership() {
        return op == Op.MEMBER_ADDED || op == Op.MEMBER_REMOVED;
    }
}
