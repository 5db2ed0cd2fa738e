package io.switchboard.web;

import io.switchboard.shared.ProblemCode;
import org.springframework.http.HttpStatus;

/** The HTTP status each stable problem code answers with; the codes themselves know nothing of HTTP. */
public final class ProblemStatus {

    private ProblemStatus() {}

    public static HttpStatus of(ProblemCode code) {
        return switch (code) {
            case VALIDATION_FAILED -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case NUMBER_TAKEN,
                    EMAIL_TAKEN,
                    NAME_TAKEN,
                    GROUP_LIMIT_REACHED,
                    CAPACITY_REACHED,
                    EXTENSION_LOCKED,
                    GROUP_LOCKED,
                    PHONEBOOK_LOCKED,
                    CONTACT_LOCKED,
                    SETTINGS_FROZEN,
                    SYNC_RUNNING,
                    NOT_CONNECTED,
                    NOTHING_TO_SYNC,
                    INTEGRATION_DISABLED -> HttpStatus.CONFLICT;
            case SECRET_REJECTED, NUMBER_INVALID -> HttpStatus.UNPROCESSABLE_CONTENT;
            case SOURCE_UNREADABLE -> HttpStatus.BAD_GATEWAY;
            case UNAUTHORIZED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case TOO_MANY_ATTEMPTS -> HttpStatus.TOO_MANY_REQUESTS;
            case SIGN_IN_BUSY, DATABASE_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case PAYLOAD_TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case METHOD_NOT_ALLOWED -> HttpStatus.METHOD_NOT_ALLOWED;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case INTERNAL_ERROR, APPLY_FAILED -> HttpStatus.INTERNAL_SERVER_ERROR;
            case NOT_ACCEPTABLE -> HttpStatus.NOT_ACCEPTABLE;

            case CONTACT_NAME_MISSING,
                    CONTACT_PHONE_MISSING,
                    CONTACTS_NOT_SHARED,
                    FOLDER_NOT_SHARED,
                    MAILBOX_NOT_ACCESSIBLE,
                    NO_MAILBOX -> HttpStatus.UNPROCESSABLE_CONTENT;

            case NOT_SYNCED -> HttpStatus.CONFLICT;

            case SSO_DISABLED, SSO_USER_NOT_SYNCED -> HttpStatus.FORBIDDEN;
            case SSO_TOKEN_INVALID -> HttpStatus.UNAUTHORIZED;
        };
    }
}
