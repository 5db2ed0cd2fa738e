package io.switchboard.security;

import io.switchboard.SwitchboardProperties;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The administrator account {@value #ADMIN}. Its password is stored as an Argon2id hash; the
 * initial one comes from {@code SWITCHBOARD_ADMIN_PASSWORD}, or is generated and printed once.
 */
@Component
class AdminAccounts implements UserDetailsService {

    static final String ADMIN = "admin";
    static final String ROLE = "ADMIN";

    private static final Logger log = LoggerFactory.getLogger(AdminAccounts.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final Clock clock;

    AdminAccounts(JdbcClient jdbc, PasswordEncoder encoder, Clock clock) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return hash(username)
                .map(hash -> User.withUsername(ADMIN).password(hash).roles(ROLE).build())
                .orElseThrow(() -> new UsernameNotFoundException("No such account"));
    }

    /** Creates the administrator account on first start; later starts leave it as it is. */
    @Transactional
    void ensureAdmin(SwitchboardProperties properties) {
        if (hash(ADMIN).isPresent()) {
            return;
        }
        String given = properties.adminPassword();
        boolean generated = given == null || given.isBlank();
        String password = generated ? generate() : given;
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        int created = jdbc.sql("INSERT INTO admin_account (username, password_hash, created_at, updated_at)"
                        + " SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM admin_account WHERE username = ?)")
                .params(ADMIN, encoder.encode(password), now, now, ADMIN)
                .update();
        if (created == 0) {
            return;
        }
        if (generated) {
            System.out.println();
            System.out.println("==============================================================");
            System.out.println(" Switchboard administrator account created");
            System.out.println("   username: " + ADMIN);
            System.out.println("   password: " + password);
            System.out.println(" This password is shown only once. Sign in and keep it safe.");
            System.out.println("==============================================================");
            System.out.println();
        } else {
            log.info("Created the administrator account '{}' with the password from SWITCHBOARD_ADMIN_PASSWORD", ADMIN);
        }
    }

    /** The version of the account's credentials: raised by every password change, carried by every token. */
    int credentialsVersion(String username) {
        return jdbc.sql("SELECT credentials_version FROM admin_account WHERE username = ?")
                .param(username)
                .query(Integer.class)
                .optional()
                .orElse(-1);
    }

    /**
     * Replaces the password and raises the credentials version, which refuses every token issued
     * before; ends every portal session of the account, on every instance (they live in the database).
     */
    @Transactional
    void changePassword(String username, String newPassword) {
        jdbc.sql("UPDATE admin_account SET password_hash = ?, credentials_version = credentials_version + 1,"
                        + " updated_at = ? WHERE username = ?")
                .params(encoder.encode(newPassword), clock.instant().atOffset(ZoneOffset.UTC), username)
                .update();
        jdbc.sql("DELETE FROM SPRING_SESSION WHERE PRINCIPAL_NAME = ?")
                .param(username)
                .update();
    }

    private Optional<String> hash(String username) {
        return jdbc.sql("SELECT password_hash FROM admin_account WHERE username = ?")
                .param(username)
                .query(String.class)
                .optional();
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
