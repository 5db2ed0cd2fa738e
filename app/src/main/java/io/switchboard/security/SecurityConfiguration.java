package io.switchboard.security;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

import io.switchboard.SwitchboardProperties;
import io.switchboard.shared.DatabaseUnavailable;
import io.switchboard.shared.ProblemCode;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * One filter chain for the whole service: {@code /api/**} answers 401 problems and accepts a
 * bearer token or the portal session (CSRF-protected unless a bearer token is used); portal pages
 * redirect to the sign-in form; health, metrics and API docs are open.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String TOKEN_PATH = "/api/v1/auth/token";

    @Bean
    PasswordEncoder passwordEncoder() {
        Argon2PasswordEncoder argon2 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
        DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder("argon2", java.util.Map.of("argon2", argon2));
        return encoder;
    }

    @Bean
    AuthenticationManager authenticationManager(
            AdminAccounts accounts, PasswordEncoder encoder, SignInThrottle throttle) {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(accounts);
        dao.setPasswordEncoder(encoder);
        return new ProviderManager(new ThrottledAuthenticationProvider(dao, throttle));
    }

    @Bean
    JwtDecoder apiTokenDecoder(ApiTokens tokens) {
        return tokens.decoder();
    }

    @Bean
    ApplicationRunner createAdminAccount(AdminAccounts accounts, SwitchboardProperties properties) {
        return args -> accounts.ensureAdmin(properties);
    }

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http, JsonMapper mapper) throws Exception {
        RequestMatcher api = pathPattern("/api/**");
        RequestMatcher bearer = request -> {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
        };
        AuthenticationEntryPoint apiEntryPoint = (request, response, e) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            ProblemResponses.write(
                    mapper,
                    response,
                    ProblemCode.UNAUTHORIZED,
                    bearer.matches(request)
                            ? "The bearer token is invalid or has expired. Get a new one from POST " + TOKEN_PATH + "."
                            : "Sign in first: send Authorization: Bearer <token> (from POST " + TOKEN_PATH
                                    + ") or use the portal session.");
        };
        AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();
        AccessDeniedHandler denied = (request, response, e) -> {
            var current = SecurityContextHolder.getContext().getAuthentication();
            if (current == null || trust.isAnonymous(current)) {
                apiEntryPoint.commence(request, response, new InsufficientAuthenticationException("No credentials"));
                return;
            }
            ProblemResponses.write(
                    mapper,
                    response,
                    ProblemCode.FORBIDDEN,
                    "The request was refused: it lacks a valid CSRF token. Portal requests send the X-XSRF-TOKEN"
                            + " header; scripts use a bearer token instead of the session.");
        };
        AuthenticationFailureHandler formFailure = (request, response, e) -> response.sendRedirect(
                e instanceof SignInThrottledException throttled
                        ? "/login?throttled=" + throttled.retryAfterSeconds()
                        : DatabaseUnavailable.causedBy(e) ? "/login?unavailable" : "/login?error");

        http.authorizeHttpRequests(auth -> auth.requestMatchers(pathPattern(HttpMethod.POST, TOKEN_PATH))
                        .permitAll()
                        .requestMatchers(
                                pathPattern("/actuator/health"),
                                pathPattern("/actuator/health/**"),
                                pathPattern("/actuator/info"),
                                pathPattern("/actuator/prometheus"))
                        .permitAll()
                        .requestMatchers(
                                pathPattern("/v3/api-docs"),
                                pathPattern("/v3/api-docs/**"),
                                pathPattern("/swagger-ui.html"),
                                pathPattern("/swagger-ui/**"))
                        .permitAll()
                        .requestMatchers(
                                pathPattern("/login"),
                                pathPattern("/integration/callback"),
                                pathPattern(HttpMethod.POST, "/integration/graph-notifications"),
                                pathPattern(HttpMethod.POST, "/integration/graph-lifecycle"),
                                pathPattern("/css/**"),
                                pathPattern("/js/**"),
                                pathPattern("/favicon.ico"),
                                pathPattern("/error"))
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .formLogin(form -> form.loginPage("/login")
                        .defaultSuccessUrl("/", false)
                        .failureHandler(formFailure)
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .oauth2ResourceServer(rs -> rs.jwt(jwt -> {}).authenticationEntryPoint(apiEntryPoint))
                .csrf(csrf -> csrf.ignoringRequestMatchers(
                                bearer,
                                pathPattern(HttpMethod.POST, TOKEN_PATH),
                                pathPattern(HttpMethod.POST, "/integration/graph-notifications"),
                                pathPattern(HttpMethod.POST, "/integration/graph-lifecycle"))
                        .spa())
                .exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor(apiEntryPoint, api)
                        .defaultAuthenticationEntryPointFor(
                                new LoginUrlAuthenticationEntryPoint("/login"), request -> true)
                        .defaultAccessDeniedHandlerFor(denied, api));
        return http.build();
    }
}
