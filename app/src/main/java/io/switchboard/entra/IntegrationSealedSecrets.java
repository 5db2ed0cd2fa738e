package io.switchboard.entra;

import io.switchboard.secrets.SealedSecrets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** The client secret and refresh token the integration keeps sealed, for the master key check. */
@Component
class IntegrationSealedSecrets implements SealedSecrets {

    private final IntegrationStore store;

    IntegrationSealedSecrets(IntegrationStore store) {
        this.store = store;
    }

    @Override
    public List<Sealed> sealedSecrets() {
        Integration i = store.read();
        List<Sealed> sealed = new ArrayList<>();
        if (i.sealedSecret() != null) {
            sealed.add(new Sealed(EntraConnection.SECRET_PURPOSE, i.sealedSecret()));
        }
        if (i.sealedRefreshToken() != null) {
            sealed.add(new Sealed(EntraConnection.REFRESH_PURPOSE, i.sealedRefreshToken()));
        }
        return sealed;
    }
}
