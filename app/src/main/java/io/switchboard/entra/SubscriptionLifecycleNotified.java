package io.switchboard.entra;

/**
 * Microsoft Graph sent a lifecycle notification for one of our subscriptions (reference §8.5).
 *
 * @param subscriptionId the subscription it concerns
 * @param event what happened
 */
public record SubscriptionLifecycleNotified(String subscriptionId, Event event) {

    /** The lifecycle events Graph sends. */
    public enum Event {
        /** The subscription must be reauthorized, or delivery pauses and changes in the gap are lost. */
        REAUTHORIZATION_REQUIRED,
        /** Graph removed the subscription; it must be created again. */
        SUBSCRIPTION_REMOVED,
        /** Some notifications were not delivered. */
        MISSED;

        /** The event for Graph's {@code lifecycleEvent} value; null for one this PBX does not know. */
        public static Event of(String wireName) {
            if (wireName == null) {
                return null;
            }
            return switch (wireName) {
                case "reauthorizationRequired" -> REAUTHORIZATION_REQUIRED;
                case "subscriptionRemoved" -> SUBSCRIPTION_REMOVED;
                case "missed" -> MISSED;
                default -> null;
            };
        }
    }
}
