package io.switchboard.reconcile;

/**
 * An Entra object that cannot be synced, with a stable code ({@code NUMBER_INVALID},
 * {@code NUMBER_TAKEN}, {@code EMAIL_TAKEN}, {@code CAPACITY_REACHED}, {@code GROUP_LIMIT_REACHED},
 * {@code SOURCE_UNREADABLE}) and a sentence saying why.
 *
 * @param objectType {@code USER} or {@code GROUP}
 */
public record Failure(String objectType, String sourceId, String displayName, String code, String reason) {

    String render() {
        return "! " + objectType.toLowerCase(java.util.Locale.ROOT) + " " + displayName + ": " + code + " — " + reason;
    }
}
