package io.switchboard.emulator;

/** The lifecycle events Graph posts to a subscription's {@code lifecycleNotificationUrl}. */
public enum LifecycleEvent {
    /** The subscription or its token needs reauthorizing; delivery pauses until PATCH or {@code /reauthorize}. */
    REAUTHORIZATION_REQUIRED("reauthorizationRequired"),
    /** The subscription was removed; the emulator deletes it after sending the event. */
    SUBSCRIPTION_REMOVED("subscriptionRemoved"),
    /** Some notifications were not delivered; resync with delta. */
    MISSED("missed");

    private final String wireName;

    LifecycleEvent(String wireName) {
        this.wireName = wireName;
    }

    /** The value of {@code lifecycleEvent} on the wire. */
    public String wireName() {
        return wireName;
    }
}
