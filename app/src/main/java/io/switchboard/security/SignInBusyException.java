package io.switchboard.security;

import org.springframework.security.core.AuthenticationException;

/** A sign-in refused without checking the password, because as many checks as allowed are running already. */
class SignInBusyException extends AuthenticationException {

    SignInBusyException() {
        super("Too many sign-ins are being checked right now; try again in a second.");
    }
}
