package io.switchboard.secrets;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Checks at start that the master key opens what is sealed in the database (issue 20): a check
 * value sealed with the key is stored next to the secrets; each start opens it. An installation
 * without one (its first start, or one from before the check) has its stored secrets opened
 * instead, and then gets its check value. A key that does not open them stops start-up.
 */
@Component
class MasterKeyCheck implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(MasterKeyCheck.class);
    private static final String PURPOSE = "master-key-check";
    private static final String EXPECTED = "switchboard master key check v1";

    private final JdbcClient jdbc;
    private final SecretBox box;
    private final MasterKey key;
    private final List<SealedSecrets> secrets;
    private final Clock clock;

    MasterKeyCheck(JdbcClient jdbc, SecretBox box, MasterKey key, List<SealedSecrets> secrets, Clock clock) {
        this.jdbc = jdbc;
        this.box = box;
        this.key = key;
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        verify();
    }

    /** Passes when the key opens the check value, or, without one, every stored secret; then stores one. */
    void verify() {
        Optional<String> stored = storedCheck();
        if (stored.isPresent()) {
            requireOpens(PURPOSE, stored.get(), EXPECTED);
            return;
        }
        for (SealedSecrets source : secrets) {
            for (SealedSecrets.Sealed sealed : source.sealedSecrets()) {
                requireOpens(sealed.purpose(), sealed.value(), null);
            }
        }
        try {
            jdbc.sql("INSERT INTO master_key_check (id, check_value, created_at) VALUES (1, ?, ?)")
                    .params(box.seal(PURPOSE, EXPECTED), Timestamp.from(clock.instant()))
                    .update();
            log.info("Stored the master key check value; later starts verify the key against it");
        } catch (DuplicateKeyException another) {
            requireOpens(PURPOSE, storedCheck().orElseThrow(), EXPECTED);
        }
    }

    private Optional<String> storedCheck() {
        return jdbc.sql("SELECT check_value FROM master_key_check WHERE id = 1")
                .query(String.class)
                .optional();
    }

    private void requireOpens(String purpose, String sealed, @Nullable String expected) {
        String opened;
        try {
            opened = box.open(purpose, sealed);
        } catch (SecretUnreadableException e) {
            throw new WrongMasterKeyException(key.source());
        }
        if (expected != null && !expected.equals(opened)) {
            throw new WrongMasterKeyException(key.source());
        }
    }
}
