package io.switchboard.softphone;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.stereotype.Component;

/**
 * {@code GET /client/sso/microsoft?platform=WEB|MOBILE} starts a sign-in with the registration of
 * that platform (Spring's resolver adds {@code state}, {@code nonce} and PKCE). While sign-in is not
 * allowed it starts nothing and the request reaches the page that says so.
 */
@Component
class SignInRequestResolver implements OAuth2AuthorizationRequestResolver {

    static final String START_PATH = "/client/sso/microsoft";

    private final DefaultOAuth2AuthorizationRequestResolver delegate;
    private final SoftphoneSso sso;

    SignInRequestResolver(SoftphoneRegistrations registrations, SoftphoneSso sso) {
        this.delegate = new DefaultOAuth2AuthorizationRequestResolver(registrations, "/client/sso");
        this.sso = sso;
    }

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod()) || !START_PATH.equals(request.getRequestURI())) {
            return null;
        }
        Platform platform;
        try {
            String p = request.getParameter("platform");
            platform = p == null ? Platform.WEB : Platform.valueOf(p.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!sso.signInAllowed()) {
            return null;
        }
        return delegate.resolve(request, platform.registrationId());
    }

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
        return sso.signInAllowed() ? delegate.resolve(request, clientRegistrationId) : null;
    }
}
