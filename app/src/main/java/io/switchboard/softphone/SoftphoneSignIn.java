package io.switchboard.softphone;

import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.SoftphoneUser;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * The parts of the softphone sign-in that the security module's filter chain is built from, and
 * what happens when a sign-in ends: the web client gets its session and lands on {@code /client/};
 * the mobile app gets a one-use ticket at {@code switchboard://signed-in}; a refusal creates nothing
 * and shows a page that says what to do.
 */
@Component
public class SoftphoneSignIn {

    /** Where a refusal is shown (a forward, so the callback's answer carries the status). */
    public static final String REFUSED_PATH = "/client/sso/refused";
    /** The request attribute naming the refusal's code for that page. */
    public static final String REFUSAL_ATTRIBUTE = "switchboard.sso.refusal";

    private static final Logger log = LoggerFactory.getLogger(SoftphoneSignIn.class);

    private final SoftphoneRegistrations registrations;
    private final SignInRequestResolver resolver;
    private final SignInRequests requests;
    private final SoftphoneUsers users;
    private final IdTokenDecoders decoders;
    private final ClientTokens tokens;

    SoftphoneSignIn(
            SoftphoneRegistrations registrations,
            SignInRequestResolver resolver,
            SignInRequests requests,
            SoftphoneUsers users,
            IdTokenDecoders decoders,
            ClientTokens tokens) {
        this.registrations = registrations;
        this.resolver = resolver;
        this.requests = requests;
        this.users = users;
        this.decoders = decoders;
        this.tokens = tokens;
    }

    public ClientRegistrationRepository registrations() {
        return registrations;
    }

    public OAuth2AuthorizationRequestResolver resolver() {
        return resolver;
    }

    public AuthorizationRequestRepository<OAuth2AuthorizationRequest> requests() {
        return requests;
    }

    /** Whether the integration callback carries the {@code state} of a softphone sign-in (MOBILE). */
    public boolean isSoftphoneCallback(HttpServletRequest request) {
        return requests.isSoftphoneState(request.getParameter("state"));
    }

    public OAuth2UserService<OidcUserRequest, OidcUser> users() {
        return users;
    }

    public JwtDecoderFactory<ClientRegistration> idTokenDecoders() {
        return decoders;
    }

    public AuthenticationProvider clientTokens() {
        return tokens.provider();
    }

    public boolean stillSynced(SoftphoneUser user) {
        return users.stillSynced(user);
    }

    /** The end of a successful sign-in, saving a web session through {@code contexts}. */
    public AuthenticationSuccessHandler success(SecurityContextRepository contexts) {
        return (request, response, authentication) -> {
            SoftphoneUser user = ((SoftphoneUsers.SignedIn) authentication.getPrincipal()).user();
            String registration = ((OAuth2AuthenticationToken) authentication).getAuthorizedClientRegistrationId();
            if (SoftphoneRegistrations.MOBILE.equals(registration)) {
                SecurityContextHolder.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                response.sendRedirect("switchboard://signed-in?ticket="
                        + URLEncoder.encode(tokens.issueTicket(user), StandardCharsets.UTF_8));
                return;
            }
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new SoftphoneAuthentication(user));
            SecurityContextHolder.setContext(context);
            contexts.saveContext(context, request, response);
            response.sendRedirect("/client/");
        };
    }

    /** A refused sign-in: 403 {@code SSO_DISABLED} / {@code SSO_USER_NOT_SYNCED}, else 401 {@code SSO_TOKEN_INVALID}. */
    public AuthenticationFailureHandler failure() {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException e) -> {
            ProblemCode code = refusal(e);
            log.warn(
                    "Softphone sign-in refused: {} ({})",
                    code,
                    e instanceof OAuth2AuthenticationException o
                            ? o.getError().getErrorCode()
                            : e.getClass().getSimpleName());
            SecurityContextHolder.clearContext();
            forward(request, response, code);
        };
    }

    public static void forward(HttpServletRequest request, HttpServletResponse response, ProblemCode code)
            throws IOException {
        request.setAttribute(REFUSAL_ATTRIBUTE, code);
        try {
            request.getRequestDispatcher(REFUSED_PATH).forward(request, response);
        } catch (ServletException ex) {
            throw new IOException(ex);
        }
    }

    static ProblemCode refusal(AuthenticationException e) {
        if (e instanceof OAuth2AuthenticationException o) {
            return switch (o.getError().getErrorCode()) {
                case "SSO_DISABLED" -> ProblemCode.SSO_DISABLED;
                case "SSO_USER_NOT_SYNCED" -> ProblemCode.SSO_USER_NOT_SYNCED;
                default -> ProblemCode.SSO_TOKEN_INVALID;
            };
        }
        return ProblemCode.SSO_TOKEN_INVALID;
    }

    /** Whether an authentication is a softphone sign-in. */
    public static boolean isSoftphone(Authentication authentication) {
        return authentication instanceof SoftphoneAuthentication;
    }
}
