package io.switchboard.security;

import io.switchboard.shared.Audited;
import io.switchboard.shared.Audited.Action;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks a username and password through the {@link SignInThrottle}: refused at once while it says
 * to wait or while every password-check slot is busy; each checked attempt is audited (who, from
 * where, by which path; never the password). The metrics scraper's successful sign-ins are not
 * audited: it signs in every few seconds.
 * An account that cannot be read (the database is lost) is not a wrong password: that failure
 * passes through uncounted, for the caller to answer 503.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(ThrottledAuthenticationProvider.class);
    private static final Duration REFUSAL_LOG_INTERVAL = Duration.ofSeconds(10);

    private final AuthenticationProvider delegate;
    private final SignInThrottle throttle;
    private final ApplicationEventPublisher events;
    private final AtomicReference<Instant> lastRefusalLogged = new AtomicReference<>(Instant.EPOCH);

    ThrottledAuthenticationProvider(
            AuthenticationProvider delegate, SignInThrottle throttle, ApplicationEventPublisher events) {
        this.delegate = delegate;
        this.throttle = throttle;
        this.events = events;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        SignInDetails details = details(authentication.getDetails());
        Duration wait = throttle.waitBeforeAttempt(username, details.address());
        if (!wait.isZero()) {
            logRefusal("throttled", details);
            throw new SignInThrottledException(wait);
        }
        if (!throttle.tryStartCheck()) {
            logRefusal("busy", details);
            throw new SignInBusyException();
        }
        try {
            Authentication result = delegate.authenticate(authentication);
            throttle.succeeded(username, details.address());
            if (!"metrics".equals(details.channel())) {
                events.publishEvent(Audited.by(
                        result.getName(),
                        Action.SIGNED_IN,
                        "account/" + result.getName(),
                        Audited.details("address", details.address(), "via", details.channel())));
            }
            return result;
        } catch (InternalAuthenticationServiceException e) {
            throw e;
        } catch (AuthenticationException e) {
            Duration next = throttle.failed(username, details.address());
            events.publishEvent(Audited.by(
                    username,
                    Action.SIGN_IN_FAILED,
                    "account/" + username,
                    Audited.details(
                            "address",
                            details.address(),
                            "via",
                            details.channel(),
                            "nextAttemptAfterSeconds",
                            next.toSeconds())));
            throw new BadCredentialsException("Wrong username or password.", e);
        } finally {
            throttle.release();
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private void logRefusal(String why, SignInDetails details) {
        Instant now = Instant.now();
        Instant last = lastRefusalLogged.get();
        if (now.isAfter(last.plus(REFUSAL_LOG_INTERVAL)) && lastRefusalLogged.compareAndSet(last, now)) {
            log.warn(
                    "Sign-ins refused without a password check ({}), such as one from {}; logged at most every {} s",
                    why,
                    details.address(),
                    REFUSAL_LOG_INTERVAL.toSeconds());
        }
    }

    private static SignInDetails details(Object details) {
        if (details instanceof SignInDetails given) {
            return given;
        }
        if (details instanceof WebAuthenticationDetails web) {
            return new SignInDetails(web.getRemoteAddress(), "unknown");
        }
        return new SignInDetails(String.valueOf(details), "unknown");
    }
}
