package io.switchboard.sync;

import io.switchboard.entra.EntraConnection;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stored deletion guard (X2); the default holds more than 10 % and at least 10 deletions.
 * Frozen, like every sync setting, while the integration is disabled (M6).
 */
@Service
public class GuardSettings {

    static final String NAME = "deletion-guard";

    private final SyncSettingsStore store;
    private final EntraConnection connection;

    GuardSettings(SyncSettingsStore store, EntraConnection connection) {
        this.store = store;
        this.connection = connection;
    }

    @Transactional(readOnly = true)
    public DeletionGuard get() {
        return store.read(NAME, DeletionGuard.class).orElse(DeletionGuard.DEFAULT);
    }

    @Transactional
    public DeletionGuard set(DeletionGuard guard) {
        SyncSettingsStore.requireEditable(connection);
        store.write(NAME, guard);
        return guard;
    }
}
