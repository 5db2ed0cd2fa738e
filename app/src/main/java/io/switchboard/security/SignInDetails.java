package io.switchboard.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationDetailsSource;

/**
 * Where a sign-in attempt comes from: the client address (the proxy's client when forwarded
 * headers are trusted, see {@code server.forward-headers-strategy}) and the sign-in path used.
 *
 * @param channel {@code api-token}, {@code portal}, {@code metrics} or {@code password-change}
 */
record SignInDetails(String address, String channel) implements java.io.Serializable {

    static AuthenticationDetailsSource<HttpServletRequest, SignInDetails> source(String channel) {
        return request -> new SignInDetails(request.getRemoteAddr(), channel);
    }
}
