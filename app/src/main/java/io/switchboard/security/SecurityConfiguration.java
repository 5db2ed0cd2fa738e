package io.switchboard.security;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

import io.switchboard.SwitchboardProperties;
import io.switchboard.shared.ProblemCode;
import io.switchboard.softphone.SoftphoneAuthentication;
import io.switchboard.softphone.SoftphoneSignIn;
import io.switchboard.web.DatabaseUnavailable;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * The filter chains. The metrics endpoint takes HTTP Basic (for scrapers) or a bearer token, and
 * never a session. Everything else: {@code /api/**} answers 401 problems and accepts a bearer token
 * or the portal session (CSRF-protected unless a bearer token is used); portal pages redirect to
 * the sign-in form; health probes and API docs are open. Every password check, whatever the path,
 * goes through the one {@link ThrottledAuthenticationProvider}. No session is created before a
 * sign-in (no saved request), redirects are relative (never built from the Host header), and every
 * answer carries a Content-Security-Policy without inline script, Referrer-Policy and
 * Permissions-Policy.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String TOKEN_PATH = "/api/v1/auth/token";

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";
    /** Swagger UI sets style attributes, so its pages allow inline styles (never inline script). */
    static final String DOCS_CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self';"
            + " style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self';"
            + " frame-ancestors 'none'";

    static final String PERMISSIONS_POLICY =
            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()";

    @Bean
    PasswordEncoder passwordEncoder() {
        Argon2PasswordEncoder argon2 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
        DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder("argon2", java.util.Map.of("argon2", argon2));
        return encoder;
    }

    @Bean
    AuthenticationManager authenticationManager(
            AdminAccounts accounts,
            PasswordEncoder encoder,
            SignInThrottle throttle,
            ApplicationEventPublisher events) {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(accounts);
        dao.setPasswordEncoder(encoder);
        ProviderManager manager = new ProviderManager(new ThrottledAuthenticationProvider(dao, throttle, events));
        manager.setEraseCredentialsAfterAuthentication(true);
        return manager;
    }

    /** Bearer tokens only: their check is a signature, not a password, so it is not throttled. */
    private static AuthenticationManager bearerTokens(JwtDecoder decoder) {
        return new ProviderManager(new JwtAuthenticationProvider(decoder));
    }

    /**
     * Admin bearer tokens, and softphone client tokens recognised only to be refused (403, S2):
     * a softphone sign-in never reaches the admin API.
     */
    private static AuthenticationManager bearerTokens(JwtDecoder decoder, SoftphoneSignIn softphone) {
        return new ProviderManager(new JwtAuthenticationProvider(decoder), softphone.clientTokens());
    }

    @Bean
    @Order(1)
    SecurityFilterChain metricsChain(HttpSecurity http, AuthenticationManager passwords, JwtDecoder decoder)
            throws Exception {
        http.securityMatcher(pathPattern("/actuator/prometheus"))
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .authenticationManager(passwords)
                .httpBasic(basic ->
                        basic.realmName("switchboard").authenticationDetailsSource(SignInDetails.source("metrics")))
                .oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.authenticationManager(bearerTokens(decoder))))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .csrf(csrf -> csrf.disable())
                .headers(headers -> securityHeaders(headers));
        return http.build();
    }

    static void securityHeaders(HeadersConfigurer<HttpSecurity> headers) {
        headers.addHeaderWriter((request, response) -> {
                    if (!response.containsHeader("Content-Security-Policy")) {
                        String path = request.getRequestURI();
                        response.setHeader(
                                "Content-Security-Policy",
                                path.startsWith("/swagger-ui")
                                        ? DOCS_CONTENT_SECURITY_POLICY
                                        : CONTENT_SECURITY_POLICY);
                    }
                })
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", PERMISSIONS_POLICY));
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
    SecurityFilterChain filterChain(
            HttpSecurity http,
            JsonMapper mapper,
            AuthenticationManager passwords,
            JwtDecoder decoder,
            SoftphoneSignIn softphone)
            throws Exception {
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
            if (current instanceof SoftphoneAuthentication) {
                ProblemResponses.write(
                        mapper,
                        response,
                        ProblemCode.FORBIDDEN,
                        "A softphone sign-in reaches only /api/v1/me and the softphone client at /client/, never"
                                + " the administration API.");
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
                        : e instanceof SignInBusyException
                                ? "/login?busy"
                                : DatabaseUnavailable.causedBy(e) ? "/login?unavailable" : "/login?error");
        LoginUrlAuthenticationEntryPoint signInPage = new LoginUrlAuthenticationEntryPoint("/login");
        signInPage.setFavorRelativeUris(true);

        http.authorizeHttpRequests(auth -> auth.requestMatchers(pathPattern(HttpMethod.POST, TOKEN_PATH))
                        .permitAll()
                        .requestMatchers(
                                pathPattern("/actuator/health"),
                                pathPattern("/actuator/health/**"),
                                pathPattern("/actuator/info"))
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
                        .access((who, context) -> new AuthorizationDecision(administrator(trust, who.get()))))
                .authenticationManager(passwords)
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .headers(headers -> securityHeaders(headers))
                .formLogin(form -> form.loginPage("/login")
                        .authenticationDetailsSource(SignInDetails.source("portal"))
                        .defaultSuccessUrl("/", false)
                        .failureHandler(formFailure)
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.authenticationManager(bearerTokens(decoder, softphone)))
                        .authenticationEntryPoint(apiEntryPoint))
                .csrf(csrf -> csrf.ignoringRequestMatchers(
                                bearer,
                                pathPattern(HttpMethod.POST, TOKEN_PATH),
                                pathPattern(HttpMethod.POST, "/integration/graph-notifications"),
                                pathPattern(HttpMethod.POST, "/integration/graph-lifecycle"))
                        .spa())
                .exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor(apiEntryPoint, api)
                        .defaultAuthenticationEntryPointFor(signInPage, request -> true)
                        .defaultAccessDeniedHandlerFor(denied, api));
        return http.build();
    }

    /** The admin's chain lets through the administrator only: never a softphone sign-in (S2). */
    private static boolean administrator(AuthenticationTrustResolver trust, Authentication authentication) {
        return authentication != null
                && authentication.isAuthenticated()
                && !trust.isAnonymous(authentication)
                && !(authentication instanceof SoftphoneAuthentication);
    }
}
