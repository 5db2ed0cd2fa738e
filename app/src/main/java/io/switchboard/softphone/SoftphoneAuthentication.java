package io.switchboard.softphone;

import io.switchboard.shared.SoftphoneUser;
import java.util.List;
import java.util.UUID;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A softphone session or client token: a synced user signed in with Microsoft (S2). */
public final class SoftphoneAuthentication extends AbstractAuthenticationToken {

    public static final String ROLE = "ROLE_SOFTPHONE";

    private final UUID extensionId;
    private final String entraObjectId;

    public SoftphoneAuthentication(SoftphoneUser user) {
        super(List.of(new SimpleGrantedAuthority(ROLE)));
        this.extensionId = user.extensionId();
        this.entraObjectId = user.entraObjectId();
        setAuthenticated(true);
    }

    public SoftphoneUser user() {
        return new SoftphoneUser(extensionId, entraObjectId);
    }

    @Override
    public Object getPrincipal() {
        return user();
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public String getName() {
        return extensionId.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SoftphoneAuthentication other
                && other.extensionId.equals(extensionId)
                && other.entraObjectId.equals(entraObjectId);
    }

    @Override
    public int hashCode() {
        return extensionId.hashCode();
    }
}
