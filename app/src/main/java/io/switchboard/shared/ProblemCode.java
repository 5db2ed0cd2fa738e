package io.switchboard.shared;

/**
 * The stable {@code code} of an RFC 9457 problem answer and of a failed sync result; clients key
 * on these names. A result's code and a problem's code come from this one list, so an object that
 * fails in a sync for the reason an API call would be refused carries the same name. The names
 * are stored in the database as they are: never rename a constant. The HTTP status each answers
 * with is the web edge's business ({@code io.switchboard.web.ProblemStatus}).
 */
public enum ProblemCode {
    /** The request is malformed or a field breaks a rule. */
    VALIDATION_FAILED("Validation failed"),
    /** No resource has that id. */
    NOT_FOUND("Not found"),
    /** Another extension already has the number. */
    NUMBER_TAKEN("Number taken"),
    /** Another extension already has the email address. */
    EMAIL_TAKEN("Email taken"),
    /** Another object of the same kind already has the name. */
    NAME_TAKEN("Name taken"),
    /** The PBX already holds the maximum number of extension groups. */
    GROUP_LIMIT_REACHED("Group limit reached"),
    /** The PBX already holds as many extensions as its capacity allows. */
    CAPACITY_REACHED("Extension capacity reached"),
    /** The extension is synced from Microsoft 365 and the change touches a locked field. */
    EXTENSION_LOCKED("Extension locked"),
    /** The extension group is synced from Microsoft 365. */
    GROUP_LOCKED("Extension group locked"),
    /** The phonebook is synced from Microsoft 365. */
    PHONEBOOK_LOCKED("Phonebook locked"),
    /** The contact is synced from Microsoft 365. */
    CONTACT_LOCKED("Contact locked"),
    /** The settings are frozen while paused or disabled. */
    SETTINGS_FROZEN("Settings frozen"),
    /** A sync is already running. */
    SYNC_RUNNING("Sync running"),
    /** The integration is not connected. */
    NOT_CONNECTED("Not connected"),
    /** User sync and group sync are both paused, so a sync would do nothing. */
    NOTHING_TO_SYNC("Nothing to sync"),
    /** The integration is disabled. */
    INTEGRATION_DISABLED("Integration disabled"),
    /** Microsoft refused the client secret. */
    SECRET_REJECTED("Secret rejected"),
    /** Credentials are missing or wrong. */
    UNAUTHORIZED("Unauthorized"),
    /** The caller is signed in but the request is refused, such as a session request without its CSRF token. */
    FORBIDDEN("Forbidden"),
    /** Too many failed sign-ins; retry later. */
    TOO_MANY_ATTEMPTS("Too many attempts"),
    /** Too many sign-ins are being checked at this moment; retry after a second. */
    SIGN_IN_BUSY("Sign-in busy"),
    /** The request body is larger than the API accepts. */
    PAYLOAD_TOO_LARGE("Payload too large"),
    /** The HTTP method is not supported on this resource. */
    METHOD_NOT_ALLOWED("Method not allowed"),
    /** The request body's media type is not supported. */
    UNSUPPORTED_MEDIA_TYPE("Unsupported media type"),
    /** The database cannot be reached; retry once readiness is UP again. */
    DATABASE_UNAVAILABLE("Database unavailable"),
    /** An unexpected failure on the server. */
    INTERNAL_ERROR("Internal error"),
    /** The resource cannot answer in any media type the request's Accept header allows. */
    NOT_ACCEPTABLE("Not acceptable"),
    /** A sync result only: the number read from the user property is missing or not 1 to 15 digits, or none is left. */
    NUMBER_INVALID("Number invalid"),
    /** A sync result only: a range group of the user sync could not be read from Microsoft Entra ID. */
    SOURCE_UNREADABLE("Source unreadable"),
    /** A sync result only: a planned change could not be written; the next sync retries it. */
    APPLY_FAILED("Apply failed"),

    /** A sync result only: an Outlook contact without a first or last name holding a visible character (O3). */
    CONTACT_NAME_MISSING("Contact name missing"),
    /** A sync result only: an Outlook contact without a mobile, home or business phone holding a digit (O3). */
    CONTACT_PHONE_MISSING("Contact phone missing"),
    /** A sync result only: the user has not shared the Contacts folder with the authorization account (O1). */
    CONTACTS_NOT_SHARED("Contacts not shared"),
    /** A sync result only: a contact sub-folder the authorization account cannot read (O1). */
    FOLDER_NOT_SHARED("Folder not shared"),
    /** A sync result only: a shared mailbox the authorization account cannot read (O2). */
    MAILBOX_NOT_ACCESSIBLE("Mailbox not accessible"),
    /** A sync result only (outcome SKIPPED): an in-range user without an Exchange Online mailbox (O1). */
    NO_MAILBOX("No mailbox"),

    /** The extension is local, so it has no Teams presence to follow (T1). */
    NOT_SYNCED("Extension not synced"),

    /** Softphone sign-in is switched off, or the integration is disabled (S2). */
    SSO_DISABLED("Softphone sign-in is off"),
    /** The Microsoft account has no extension synced from it (S2). */
    SSO_USER_NOT_SYNCED("No extension for this Microsoft account"),
    /** The sign-in could not be verified (ID token, nonce, code, state or ticket). */
    SSO_TOKEN_INVALID("The sign-in could not be verified");

    private final String title;

    ProblemCode(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
