package io.switchboard.shared;

import org.springframework.http.HttpStatus;

/** The stable {@code code} of an RFC 9457 problem answer; clients key on these names. */
public enum ProblemCode {
    /** The request is malformed or a field breaks a rule. */
    VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "Validation failed"),
    /** No resource has that id. */
    NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),
    /** Another extension already has the number. */
    NUMBER_TAKEN(HttpStatus.CONFLICT, "Number taken"),
    /** Another extension already has the email address. */
    EMAIL_TAKEN(HttpStatus.CONFLICT, "Email taken"),
    /** Another object of the same kind already has the name. */
    NAME_TAKEN(HttpStatus.CONFLICT, "Name taken"),
    /** The PBX already holds the maximum number of extension groups. */
    GROUP_LIMIT_REACHED(HttpStatus.CONFLICT, "Group limit reached"),
    /** The PBX already holds as many extensions as its capacity allows. */
    CAPACITY_REACHED(HttpStatus.CONFLICT, "Extension capacity reached"),
    /** The extension is synced from Microsoft 365 and the change touches a locked field. */
    EXTENSION_LOCKED(HttpStatus.CONFLICT, "Extension locked"),
    /** The extension group is synced from Microsoft 365. */
    GROUP_LOCKED(HttpStatus.CONFLICT, "Extension group locked"),
    /** The phonebook is synced from Microsoft 365. */
    PHONEBOOK_LOCKED(HttpStatus.CONFLICT, "Phonebook locked"),
    /** The contact is synced from Microsoft 365. */
    CONTACT_LOCKED(HttpStatus.CONFLICT, "Contact locked"),
    /** The settings are frozen while paused or disabled. */
    SETTINGS_FROZEN(HttpStatus.CONFLICT, "Settings frozen"),
    /** A sync is already running. */
    SYNC_RUNNING(HttpStatus.CONFLICT, "Sync running"),
    /** The integration is not connected. */
    NOT_CONNECTED(HttpStatus.CONFLICT, "Not connected"),
    /** User sync and group sync are both paused, so a sync would do nothing. */
    NOTHING_TO_SYNC(HttpStatus.CONFLICT, "Nothing to sync"),
    /** The integration is disabled. */
    INTEGRATION_DISABLED(HttpStatus.CONFLICT, "Integration disabled"),
    /** Microsoft refused the client secret. */
    SECRET_REJECTED(HttpStatus.UNPROCESSABLE_CONTENT, "Secret rejected"),
    /** Credentials are missing or wrong. */
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "Unauthorized"),
    /** The caller is signed in but the request is refused, such as a session request without its CSRF token. */
    FORBIDDEN(HttpStatus.FORBIDDEN, "Forbidden"),
    /** Too many failed sign-ins; retry later. */
    TOO_MANY_ATTEMPTS(HttpStatus.TOO_MANY_REQUESTS, "Too many attempts"),
    /** Too many sign-ins are being checked at this moment; retry after a second. */
    SIGN_IN_BUSY(HttpStatus.SERVICE_UNAVAILABLE, "Sign-in busy"),
    /** The request body is larger than the API accepts. */
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Payload too large"),
    /** The HTTP method is not supported on this resource. */
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    /** The request body's media type is not supported. */
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    /** The database cannot be reached; retry once readiness is UP again. */
    DATABASE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable"),
    /** An unexpected failure on the server. */
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
    /** The resource cannot answer in any media type the request's Accept header allows. */
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable");

    private final HttpStatus status;
    private final String title;

    ProblemCode(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
