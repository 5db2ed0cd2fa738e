package io.switchboard.softphone;

import io.switchboard.directory.Extension;
import io.switchboard.directory.SyncedDirectory;
import io.switchboard.shared.SoftphoneUser;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who signed in: after the ID token is verified, the user is the synced extension whose source is
 * the token's {@code oid} (never the email or UPN, reference §2.5). Refused while sign-in is not
 * allowed ({@code SSO_DISABLED}) or without such an extension ({@code SSO_USER_NOT_SYNCED}).
 */
@Component
public class SoftphoneUsers implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final SyncedDirectory directory;
    private final SoftphoneSso sso;

    SoftphoneUsers(SyncedDirectory directory, SoftphoneSso sso) {
        this.directory = directory;
        this.sso = sso;
    }

    /** The verified user, with the extension they land on. */
    static final class SignedIn extends DefaultOidcUser {
        private final SoftphoneUser user;

        SignedIn(OidcUserRequest request, SoftphoneUser user) {
            super(List.of(new SimpleGrantedAuthority(SoftphoneAuthentication.ROLE)), request.getIdToken(), "sub");
            this.user = user;
        }

        SoftphoneUser user() {
            return user;
        }
    }

    @Override
    @Transactional(readOnly = true)
    public OidcUser loadUser(OidcUserRequest request) {
        if (!sso.signInAllowed()) {
            throw refusal("SSO_DISABLED");
        }
        String oid = request.getIdToken().getClaimAsString("oid");
        SoftphoneUser user = oid == null ? null : current(oid).orElse(null);
        if (user == null) {
            throw refusal("SSO_USER_NOT_SYNCED");
        }
        return new SignedIn(request, user);
    }

    /** The user of Entra object {@code oid} while a synced extension follows it. */
    public Optional<SoftphoneUser> current(String oid) {
        return directory.extensionBySource(oid).filter(Extension::synced).map(e -> new SoftphoneUser(e.id(), oid));
    }

    /** Whether {@code user} still has their synced extension (deleted or released ends the session). */
    @Transactional(readOnly = true)
    public boolean stillSynced(SoftphoneUser user) {
        return current(user.entraObjectId())
                .map(u -> u.extensionId().equals(user.extensionId()))
                .orElse(false);
    }

    private static OAuth2AuthenticationException refusal(String code) {
        return new OAuth2AuthenticationException(new OAuth2Error(code));
    }
}
