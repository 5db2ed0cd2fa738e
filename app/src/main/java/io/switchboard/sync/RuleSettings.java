package io.switchboard.sync;

import io.switchboard.reconcile.GroupSyncSettings;
import io.switchboard.reconcile.UserSyncSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stored user-sync and group-sync settings (U1–U6, G1–G3), and a fingerprint of both. They are
 * stored as {@link StoredUserSync} and {@link StoredGroupSync} documents and handed out as the
 * planner's validated inputs.
 */
@Service
public class RuleSettings {

    static final String USERS = "user-sync";
    static final String GROUPS = "group-sync";

    private final SyncSettingsStore store;
    private final JsonMapper mapper;

    RuleSettings(SyncSettingsStore store, JsonMapper mapper) {
        this.store = store;
        this.mapper = mapper;
    }

    @Transactional(readOnly = true)
    public UserSyncSettings users() {
        return store.read(USERS, StoredUserSync.class)
                .map(StoredUserSync::settings)
                .orElse(UserSyncSettings.DEFAULT);
    }

    @Transactional(readOnly = true)
    public GroupSyncSettings groups() {
        return store.read(GROUPS, StoredGroupSync.class)
                .map(StoredGroupSync::settings)
                .orElse(GroupSyncSettings.DEFAULT);
    }

    /** Whether user sync is on; off means paused (M4). */
    @Transactional(readOnly = true)
    public boolean userSyncOn() {
        return users().enabled();
    }

    /** Whether group sync is on; off means paused (M5). */
    @Transactional(readOnly = true)
    public boolean groupSyncOn() {
        return groups().enabled();
    }

    /** Whether settings were ever saved; the first save starts the initial sync (U7). */
    @Transactional(readOnly = true)
    public boolean everSaved() {
        return store.read(USERS, StoredUserSync.class).isPresent()
                || store.read(GROUPS, StoredGroupSync.class).isPresent();
    }

    @Transactional
    public void save(UserSyncSettings settings) {
        store.write(USERS, StoredUserSync.of(settings));
    }

    @Transactional
    public void save(GroupSyncSettings settings) {
        store.write(GROUPS, StoredGroupSync.of(settings));
    }

    /** Changes whenever a rule changes; a delta read is only valid for the rules it was read under. */
    public String fingerprint() {
        return fingerprint(users(), groups());
    }

    /** The fingerprint of the given settings, e.g. those a run planned with (X3). */
    public String fingerprint(UserSyncSettings users, GroupSyncSettings groups) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((mapper.writeValueAsString(StoredUserSync.of(users))
                                    + mapper.writeValueAsString(StoredGroupSync.of(groups)))
                            .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
