package io.switchboard.sync;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The stored deletion guard (X2); the default holds more than 10 % and at least 10 deletions. */
@Service
public class GuardSettings {

    static final String NAME = "deletion-guard";

    private final SyncSettingsStore store;

    GuardSettings(SyncSettingsStore store) {
        this.store = store;
    }

    @Transactional(readOnly = true)
    public DeletionGuard get() {
        return store.read(NAME, DeletionGuard.class).orElse(DeletionGuard.DEFAULT);
    }

    @Transactional
    public DeletionGuard set(DeletionGuard guard) {
        store.write(NAME, guard);
        return guard;
    }
}
