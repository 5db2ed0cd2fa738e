package io.switchboard.security;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

import io.switchboard.shared.ProblemCode;
import io.switchboard.softphone.SoftphoneAuthentication;
import io.switchboard.softphone.SoftphoneSignIn;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2LoginAuthenticationFilter;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The softphone's filter chain (S2): the client's pages under {@code /client/}, the signed-in
 * user's API under {@code /api/v1/me}, the mobile ticket exchange, and the integration callback
 * when its {@code state} is a softphone sign-in's. Sign-in is Spring Security's OAuth2 login
 * (authorization code with PKCE, state and nonce; ID token verified by Nimbus). Only a softphone
 * session or client token passes here; an admin session is refused (403), as a softphone one is on
 * the admin's chain (an admin bearer token is recognised here only to be refused). A user whose extension was deleted or released loses the session at the next
 * request.
 */
@Configuration(proxyBeanMethods = false)
class SoftphoneSecurityConfiguration {

    static final String CALLBACK = "/client/sso/callback";
    static final String SIGN_IN_PAGE = "/client/sign-in";

    /** Saves only softphone sign-ins (never the OAuth2 login's own token) in the session. */
    static final class SoftphoneContexts implements SecurityContextRepository {
        private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

        @Override
        @SuppressWarnings("deprecation")
        public SecurityContext loadContext(org.springframework.security.web.context.HttpRequestResponseHolder holder) {
            return sessions.loadContext(holder);
        }

        @Override
        public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
            return sessions.loadDeferredContext(request);
        }

        @Override
        public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
            Authentication a = context.getAuthentication();
            if (a == null || a instanceof SoftphoneAuthentication) {
                sessions.saveContext(context, request, response);
            }
        }

        @Override
        public boolean containsContext(HttpServletRequest request) {
            return sessions.containsContext(request);
        }
    }

    /** Ends the softphone session of a user whose synced extension is gone (deleted or released). */
    static final class StillSynced extends OncePerRequestFilter {
        private final SoftphoneSignIn signIn;

        StillSynced(SoftphoneSignIn signIn) {
            this.signIn = signIn;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication a = SecurityContextHolder.getContext().getAuthentication();
            if (a instanceof SoftphoneAuthentication s && !signIn.stillSynced(s.user())) {
                SecurityContextHolder.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            }
            chain.doFilter(request, response);
        }
    }

    /** No OAuth2 authorized client is kept: the sign-in needs the ID token only. */
    private static final OAuth2AuthorizedClientRepository NO_AUTHORIZED_CLIENTS =
            new OAuth2AuthorizedClientRepository() {
                @Override
                public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(
                        String id, Authentication principal, HttpServletRequest request) {
                    return null;
                }

                @Override
                public void saveAuthorizedClient(
                        OAuth2AuthorizedClient client,
                        Authentication principal,
                        HttpServletRequest request,
                        HttpServletResponse response) {}

                @Override
                public void removeAuthorizedClient(
                        String id,
                        Authentication principal,
                        HttpServletRequest request,
                        HttpServletResponse response) {}
            };

    @Bean
    @Order(2)
    SecurityFilterChain softphoneChain(
            HttpSecurity http, SoftphoneSignIn signIn, JsonMapper mapper, JwtDecoder adminTokens) throws Exception {
        RequestMatcher api = new OrRequestMatcher(
                pathPattern("/api/v1/me"), pathPattern("/api/v1/me/**"), pathPattern("/api/v1/client/tokens"));
        RequestMatcher mobileCallback = request ->
                "/integration/callback".equals(request.getRequestURI()) && signIn.isSoftphoneCallback(request);
        RequestMatcher bearer = request -> {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
        };
        SecurityContextRepository contexts = new SoftphoneContexts();
        AuthenticationEntryPoint apiEntryPoint = (request, response, e) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            ProblemResponses.write(
                    mapper,
                    response,
                    ProblemCode.UNAUTHORIZED,
                    "Sign in to the softphone client with Microsoft first (GET /client/sso/microsoft), or send"
                            + " Authorization: Bearer <client token> from POST /api/v1/client/tokens.");
        };
        LoginUrlAuthenticationEntryPoint signInPage = new LoginUrlAuthenticationEntryPoint(SIGN_IN_PAGE);
        signInPage.setFavorRelativeUris(true);
        AccessDeniedHandler denied = (request, response, e) -> {
            Authentication current = SecurityContextHolder.getContext().getAuthentication();
            if (current == null) {
                apiEntryPoint.commence(request, response, new InsufficientAuthenticationException("none"));
            } else if (current instanceof SoftphoneAuthentication) {
                ProblemResponses.write(
                        mapper,
                        response,
                        ProblemCode.FORBIDDEN,
                        "The request was refused: it lacks a valid CSRF token. The client sends the X-XSRF-TOKEN"
                                + " header; the mobile app uses its client token instead of the session.");
            } else {
                ProblemResponses.write(
                        mapper,
                        response,
                        ProblemCode.FORBIDDEN,
                        "An administrator session is not a softphone sign-in. Sign in to the softphone client with"
                                + " Microsoft at /client/.");
            }
        };
        AccessDeniedHandler pageDenied = (request, response, e) -> response.sendRedirect(SIGN_IN_PAGE);
        AuthorizationManager<RequestAuthorizationContext> softphoneOnly =
                (Supplier<? extends Authentication> auth, RequestAuthorizationContext ctx) ->
                        new AuthorizationDecision(auth.get() instanceof SoftphoneAuthentication);
        RequestMatcher callbacks = new OrRequestMatcher(pathPattern(CALLBACK), mobileCallback);

        http.securityMatcher(
                        new OrRequestMatcher(pathPattern("/client/**"), pathPattern("/client"), api, mobileCallback))
                .securityContext(c -> c.securityContextRepository(contexts))
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                pathPattern("/client/sso/**"),
                                pathPattern(SIGN_IN_PAGE),
                                pathPattern("/client/assets/**"),
                                pathPattern(HttpMethod.POST, "/api/v1/client/tokens"),
                                mobileCallback)
                        .permitAll()
                        .anyRequest()
                        .access(softphoneOnly))
                .oauth2Login(login -> login.clientRegistrationRepository(signIn.registrations())
                        .authorizationEndpoint(a -> a.authorizationRequestResolver(signIn.resolver())
                                .authorizationRequestRepository(signIn.requests()))
                        .loginProcessingUrl(CALLBACK)
                        .loginPage(SIGN_IN_PAGE)
                        .userInfoEndpoint(u -> u.oidcUserService(signIn.users()))
                        .authorizedClientRepository(NO_AUTHORIZED_CLIENTS)
                        .successHandler(signIn.success(contexts))
                        .failureHandler(signIn.failure())
                        .withObjectPostProcessor(new ObjectPostProcessor<OAuth2LoginAuthenticationFilter>() {
                            @Override
                            public <O extends OAuth2LoginAuthenticationFilter> O postProcess(O filter) {
                                filter.setRequiresAuthenticationRequestMatcher(callbacks);
                                return filter;
                            }
                        }))
                .oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.authenticationManager(
                                new ProviderManager(signIn.clientTokens(), new JwtAuthenticationProvider(adminTokens))))
                        .authenticationEntryPoint(apiEntryPoint))
                .addFilterBefore(new StillSynced(signIn), AuthorizationFilter.class)
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .headers(SecurityConfiguration::securityHeaders)
                .logout(logout -> logout.logoutUrl("/client/sign-out").logoutSuccessUrl(SIGN_IN_PAGE + "?signedOut"))
                .csrf(csrf -> csrf.ignoringRequestMatchers(
                                bearer, pathPattern(HttpMethod.POST, "/api/v1/client/tokens"))
                        .spa())
                .exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor(apiEntryPoint, api)
                        .defaultAuthenticationEntryPointFor(signInPage, request -> true)
                        .defaultAccessDeniedHandlerFor(denied, api)
                        .defaultAccessDeniedHandlerFor(pageDenied, request -> true));
        return http.build();
    }
}
