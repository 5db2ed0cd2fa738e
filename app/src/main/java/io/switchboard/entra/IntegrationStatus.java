package io.switchboard.entra;

/** Where the connection to Microsoft Entra ID stands (C4). */
public enum IntegrationStatus {
    /** Not set up, or disconnected. */
    NOT_CONNECTED,
    /** Signed in and able to read the tenant. */
    CONNECTED,
    /** Switched off by the admin (M6); nothing syncs and softphone SSO is refused. */
    DISABLED,
    /** Set up but not working; {@code statusReason} says why in plain words. */
    ERROR
}
