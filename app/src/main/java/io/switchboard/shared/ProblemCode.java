package io.switchboard.shared;

/**
 * The stable {@code code} of an RFC 9457 problem answer and of a failed sync result; clients key
 * on these names. A result's code and a problem's code come from this one list, so an object that
 * fails in a sync for the reason an API call would be refused carries the same name. The names
 * are stored in the database as they are: never rename a constant.
 */
public enum ProblemCode {
    /** The request is malformed or a field breaks a rule. */
    VALIDATION_FAILED(Status.BAD_REQUEST, "Validation failed"),
    /** No resource has that id. */
    NOT_FOUND(Status.NOT_FOUND, "Not found"),
    /** Another extension already has the number. */
    NUMBER_TAKEN(Status.CONFLICT, "Number taken"),
    /** Another extension already has the email address. */
    EMAIL_TAKEN(Status.CONFLICT, "Email taken"),
    /** Another object of the same kind already has the name. */
    NAME_TAKEN(Status.CONFLICT, "Name taken"),
    /** The PBX already holds the maximum number of extension groups. */
    GROUP_LIMIT_REACHED(Status.CONFLICT, "Group limit reached"),
    /** The PBX already holds as many extensions as its capacity allows. */
    CAPACITY_REACHED(Status.CONFLICT, "Extension capacity reached"),
    /** The extension is synced from Microsoft 365 and the change touches a locked field. */
    EXTENSION_LOCKED(Status.CONFLICT, "Extension locked"),
    /** The extension group is synced from Microsoft 365. */
    GROUP_LOCKED(Status.CONFLICT, "Extension group locked"),
    /** The phonebook is synced from Microsoft 365. */
    PHONEBOOK_LOCKED(Status.CONFLICT, "Phonebook locked"),
    /** The contact is synced from Microsoft 365. */
    CONTACT_LOCKED(Status.CONFLICT, "Contact locked"),
    /** The settings are frozen while paused or disabled. */
    SETTINGS_FROZEN(Status.CONFLICT, "Settings frozen"),
    /** A sync is already running. */
    SYNC_RUNNING(Status.CONFLICT, "Sync running"),
    /** The integration is not connected. */
    NOT_CONNECTED(Status.CONFLICT, "Not connected"),
    /** User sync and group sync are both paused, so a sync would do nothing. */
    NOTHING_TO_SYNC(Status.CONFLICT, "Nothing to sync"),
    /** The integration is disabled. */
    INTEGRATION_DISABLED(Status.CONFLICT, "Integration disabled"),
    /** Microsoft refused the client secret. */
    SECRET_REJECTED(Status.UNPROCESSABLE_CONTENT, "Secret rejected"),
    /** Credentials are missing or wrong. */
    UNAUTHORIZED(Status.UNAUTHORIZED, "Unauthorized"),
    /** The caller is signed in but the request is refused, such as a session request without its CSRF token. */
    FORBIDDEN(Status.FORBIDDEN, "Forbidden"),
    /** Too many failed sign-ins; retry later. */
    TOO_MANY_ATTEMPTS(Status.TOO_MANY_REQUESTS, "Too many attempts"),
    /** Too many sign-ins are being checked at this moment; retry after a second. */
    SIGN_IN_BUSY(Status.SERVICE_UNAVAILABLE, "Sign-in busy"),
    /** The request body is larger than the API accepts. */
    PAYLOAD_TOO_LARGE(Status.CONTENT_TOO_LARGE, "Payload too large"),
    /** The HTTP method is not supported on this resource. */
    METHOD_NOT_ALLOWED(Status.METHOD_NOT_ALLOWED, "Method not allowed"),
    /** The request body's media type is not supported. */
    UNSUPPORTED_MEDIA_TYPE(Status.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    /** The database cannot be reached; retry once readiness is UP again. */
    DATABASE_UNAVAILABLE(Status.SERVICE_UNAVAILABLE, "Database unavailable"),
    /** An unexpected failure on the server. */
    INTERNAL_ERROR(Status.INTERNAL_SERVER_ERROR, "Internal error"),
    /** The resource cannot answer in any media type the request's Accept header allows. */
    NOT_ACCEPTABLE(Status.NOT_ACCEPTABLE, "Not acceptable"),
    /** A sync result only: the number read from the user property is missing or not 1 to 15 digits, or none is left. */
    NUMBER_INVALID(Status.UNPROCESSABLE_CONTENT, "Number invalid"),
    /** A sync result only: a range group of the user sync could not be read from Microsoft Entra ID. */
    SOURCE_UNREADABLE(Status.BAD_GATEWAY, "Source unreadable"),
    /** A sync result only: a planned change could not be written; the next sync retries it. */
    APPLY_FAILED(Status.INTERNAL_SERVER_ERROR, "Apply failed");

    private final int status;
    private final String title;

    ProblemCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    /** The HTTP status of a problem answer with this code. */
    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The HTTP status codes used above, so that this list needs no web library. */
    private static final class Status {
        static final int BAD_REQUEST = 400;
        static final int UNAUTHORIZED = 401;
        static final int FORBIDDEN = 403;
        static final int NOT_FOUND = 404;
        static final int METHOD_NOT_ALLOWED = 405;
        static final int NOT_ACCEPTABLE = 406;
        static final int CONFLICT = 409;
        static final int CONTENT_TOO_LARGE = 413;
        static final int UNSUPPORTED_MEDIA_TYPE = 415;
        static final int UNPROCESSABLE_CONTENT = 422;
        static final int TOO_MANY_REQUESTS = 429;
        static final int INTERNAL_SERVER_ERROR = 500;
        static final int BAD_GATEWAY = 502;
        static final int SERVICE_UNAVAILABLE = 503;

        private Status() {}
    }
}
