package io.switchboard.security;

import io.switchboard.shared.Audited;
import io.switchboard.shared.Audited.Action;
import io.switchboard.shared.ProblemException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Changing the administrator's password (issue 13.6): the current password is checked through the
 * sign-in throttle like any sign-in, the new one must meet the {@link PasswordPolicy}; then every
 * token and portal session issued before is refused.
 */
@Component
class PasswordChange {

    /** Why a change was refused: the API field and the broken rule, or a wrong current password. */
    static final class Refused extends RuntimeException {
        private final String field;
        private final String rule;

        Refused(String field, String rule, String message) {
            super(message);
            this.field = field;
            this.rule = rule;
        }

        String field() {
            return field;
        }

        /** {@code WRONG_CURRENT}, {@code CURRENT_MISSING} or a {@link PasswordPolicy.Broken} name. */
        String rule() {
            return rule;
        }

        ProblemException problem() {
            return ProblemException.invalid(field, getMessage());
        }
    }

    private final AuthenticationManager authentication;
    private final AdminAccounts accounts;
    private final ApplicationEventPublisher events;

    PasswordChange(AuthenticationManager authentication, AdminAccounts accounts, ApplicationEventPublisher events) {
        this.authentication = authentication;
        this.accounts = accounts;
        this.events = events;
    }

    /**
     * Changes the password of {@code username}.
     *
     * @throws Refused when the current password is missing or wrong, or the new one breaks the policy
     * @throws SignInThrottledException while the throttle says to wait
     * @throws SignInBusyException while every password-check slot is busy
     */
    void change(String username, String currentPassword, String newPassword, SignInDetails from) {
        if (currentPassword == null || currentPassword.isEmpty()) {
            throw new Refused("currentPassword", "CURRENT_MISSING", "is required");
        }
        var attempt = UsernamePasswordAuthenticationToken.unauthenticated(username, currentPassword);
        attempt.setDetails(new SignInDetails(from.address(), "password-change"));
        try {
            authentication.authenticate(attempt);
        } catch (BadCredentialsException e) {
            throw new Refused("currentPassword", "WRONG_CURRENT", "is not the current password");
        }
        PasswordPolicy.check(username, currentPassword, newPassword).ifPresent(broken -> {
            throw new Refused("newPassword", broken.name(), broken.message() + ". " + PasswordPolicy.STATEMENT);
        });
        accounts.changePassword(username, newPassword);
        events.publishEvent(Audited.by(
                username,
                Action.PASSWORD_CHANGED,
                "account/" + username,
                Audited.details("address", from.address(), "via", from.channel(), "tokensAndSessionsRevoked", true)));
    }
}
