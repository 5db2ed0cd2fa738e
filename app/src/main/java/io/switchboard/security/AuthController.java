package io.switchboard.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.shared.ProblemCode;
import io.switchboard.web.DatabaseUnavailable;
import io.switchboard.web.ProblemStatus;
import io.switchboard.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Authentication", description = "Bearer tokens for scripts, and the administrator's password")
class AuthController {

    static final String PASSWORD_PATH = "/api/v1/auth/password";

    record TokenRequest(String username, String password) {}

    record TokenResponse(String accessToken, String tokenType, long expiresIn) {}

    record PasswordRequest(String currentPassword, String newPassword) {}

    private final AuthenticationManager authentication;
    private final ApiTokens tokens;
    private final PasswordChange passwords;

    AuthController(AuthenticationManager authentication, ApiTokens tokens, PasswordChange passwords) {
        this.authentication = authentication;
        this.tokens = tokens;
        this.passwords = passwords;
    }

    @PostMapping(SecurityConfiguration.TOKEN_PATH)
    @Operation(
            summary = "Exchange the administrator's username and password for a bearer token (1 hour)",
            description = "Failed sign-ins are throttled per account and per client address: 429 TOO_MANY_ATTEMPTS"
                    + " with Retry-After. While as many password checks run as the service allows, 503"
                    + " SIGN_IN_BUSY with Retry-After.")
    ResponseEntity<?> token(@RequestBody TokenRequest body, HttpServletRequest request) {
        var attempt = UsernamePasswordAuthenticationToken.unauthenticated(
                body.username() == null ? "" : body.username(), body.password() == null ? "" : body.password());
        attempt.setDetails(SignInDetails.source("api-token").buildDetails(request));
        try {
            var result = authentication.authenticate(attempt);
            ApiTokens.Issued issued = tokens.issue(result.getName());
            return ResponseEntity.ok()
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .body(new TokenResponse(issued.token(), "Bearer", issued.expiresIn()));
        } catch (SignInThrottledException | SignInBusyException e) {
            return refused(e);
        } catch (InternalAuthenticationServiceException e) {
            if (!DatabaseUnavailable.causedBy(e)) {
                throw e;
            }
            return ResponseEntity.status(ProblemStatus.of(ProblemCode.DATABASE_UNAVAILABLE))
                    .header(HttpHeaders.RETRY_AFTER, "5")
                    .body(Problems.of(ProblemCode.DATABASE_UNAVAILABLE, DatabaseUnavailable.DETAIL));
        } catch (AuthenticationException e) {
            return ResponseEntity.status(ProblemStatus.of(ProblemCode.UNAUTHORIZED))
                    .body(Problems.of(ProblemCode.UNAUTHORIZED, "Wrong username or password."));
        }
    }

    @PostMapping(PASSWORD_PATH)
    @Operation(
            summary = "Change the administrator's password",
            description = "Takes {\"currentPassword\", \"newPassword\"}. " + PasswordPolicy.STATEMENT
                    + " Every bearer token and portal session issued before the change is refused from then on"
                    + " (401), this request's own included. A wrong currentPassword is 400 VALIDATION_FAILED"
                    + " naming currentPassword and counts as a failed sign-in (throttled like one).")
    @ApiResponse(responseCode = "204", description = "Changed")
    ResponseEntity<?> changePassword(
            @RequestBody PasswordRequest body, Principal principal, HttpServletRequest request) {
        try {
            passwords.change(
                    principal.getName(),
                    body.currentPassword(),
                    body.newPassword(),
                    SignInDetails.source("password-change").buildDetails(request));
        } catch (SignInThrottledException | SignInBusyException e) {
            return refused(e);
        } catch (PasswordChange.Refused e) {
            throw e.problem();
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return ResponseEntity.noContent()
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    private static ResponseEntity<?> refused(AuthenticationException e) {
        if (e instanceof SignInThrottledException throttled) {
            return ResponseEntity.status(ProblemStatus.of(ProblemCode.TOO_MANY_ATTEMPTS))
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(throttled.retryAfterSeconds()))
                    .body(Problems.of(ProblemCode.TOO_MANY_ATTEMPTS, e.getMessage()));
        }
        return ResponseEntity.status(ProblemStatus.of(ProblemCode.SIGN_IN_BUSY))
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(Problems.of(ProblemCode.SIGN_IN_BUSY, e.getMessage()));
    }
}
