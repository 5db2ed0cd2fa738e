package io.switchboard.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.shared.DatabaseUnavailable;
import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.Problems;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Authentication", description = "Bearer tokens for scripts")
class AuthController {

    record TokenRequest(String username, String password) {}

    record TokenResponse(String accessToken, String tokenType, long expiresIn) {}

    private final AuthenticationManager authentication;
    private final ApiTokens tokens;
    private final WebAuthenticationDetailsSource details = new WebAuthenticationDetailsSource();

    AuthController(AuthenticationManager authentication, ApiTokens tokens) {
        this.authentication = authentication;
        this.tokens = tokens;
    }

    @PostMapping(SecurityConfiguration.TOKEN_PATH)
    @Operation(summary = "Exchange the administrator's username and password for a bearer token (1 hour)")
    ResponseEntity<?> token(@RequestBody TokenRequest body, HttpServletRequest request) {
        var attempt = UsernamePasswordAuthenticationToken.unauthenticated(
                body.username() == null ? "" : body.username(), body.password() == null ? "" : body.password());
        attempt.setDetails(details.buildDetails(request));
        try {
            var result = authentication.authenticate(attempt);
            ApiTokens.Issued issued = tokens.issue(result.getName());
            return ResponseEntity.ok()
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .body(new TokenResponse(issued.token(), "Bearer", issued.expiresIn()));
        } catch (SignInThrottledException e) {
            return ResponseEntity.status(ProblemCode.TOO_MANY_ATTEMPTS.status())
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()))
                    .body(Problems.of(ProblemCode.TOO_MANY_ATTEMPTS, e.getMessage()));
        } catch (InternalAuthenticationServiceException e) {
            if (!DatabaseUnavailable.causedBy(e)) {
                throw e;
            }
            return ResponseEntity.status(ProblemCode.DATABASE_UNAVAILABLE.status())
                    .header(HttpHeaders.RETRY_AFTER, "5")
                    .body(Problems.of(ProblemCode.DATABASE_UNAVAILABLE, DatabaseUnavailable.DETAIL));
        } catch (AuthenticationException e) {
            return ResponseEntity.status(ProblemCode.UNAUTHORIZED.status())
                    .body(Problems.of(ProblemCode.UNAUTHORIZED, "Wrong username or password."));
        }
    }
}
