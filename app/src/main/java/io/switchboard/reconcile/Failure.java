package io.switchboard.reconcile;

import io.switchboard.shared.ProblemCode;
import java.util.Locale;

/**
 * An Entra object that cannot be synced, with a stable code ({@code NUMBER_INVALID},
 * {@code NUMBER_TAKEN}, {@code EMAIL_TAKEN}, {@code CAPACITY_REACHED}, {@code GROUP_LIMIT_REACHED},
 * {@code SOURCE_UNREADABLE}) and a sentence saying why.
 *
 * @param objectType {@link ObjectType#USER} or {@link ObjectType#GROUP}
 */
public record Failure(ObjectType objectType, String sourceId, String displayName, ProblemCode code, String reason) {

    String render() {
        return "! " + objectType.name().toLowerCase(Locale.ROOT) + " " + displayName + ": " + code + " — " + reason;
    }
}
