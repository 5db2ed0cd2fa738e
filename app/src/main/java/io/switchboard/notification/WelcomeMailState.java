package io.switchboard.notification;

/** Where a welcome mail is in its life. */
public enum WelcomeMailState {
    /** Queued; sent at its next attempt time. */
    PENDING,
    /** Claimed by one instance, which is handing it to the SMTP server. */
    SENDING,
    /** Accepted by the SMTP server. */
    SENT,
    /** The extension has no email address; nothing to send. */
    SKIPPED,
    /** Every attempt failed; the last error says why. */
    FAILED,
    /**
     * The instance sending it stopped mid-way, so whether the SMTP server accepted it is unknown;
     * it is not sent again, because a person must never get the welcome twice.
     */
    UNCERTAIN
}
