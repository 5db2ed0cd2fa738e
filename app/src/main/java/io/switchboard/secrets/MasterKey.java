package io.switchboard.secrets;

import io.switchboard.SwitchboardProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The installation's 256-bit master key, from {@code SWITCHBOARD_MASTER_KEY} or from the key file
 * {@code master.key} in the data directory (created on first start, readable by its owner only).
 * Every purpose gets its own key derived from it (HMAC-SHA256 over the purpose's name), so one
 * purpose's key reveals nothing of another's. Several instances must share the same master key.
 */
@Component
public class MasterKey {

    static final String VARIABLE = "SWITCHBOARD_MASTER_KEY";

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);
    private static final int KEY_BYTES = 32;

    private final byte[] key;
    private final String source;

    MasterKey(SwitchboardProperties properties) {
        boolean fromVariable =
                properties.masterKey() != null && !properties.masterKey().isBlank();
        Path file = properties.dataDir().resolve("master.key");
        this.key = fromVariable
                ? decode(properties.masterKey().strip(), VARIABLE + " (switchboard.master-key)")
                : fromFile(file);
        this.source = fromVariable
                ? VARIABLE
                : "the key file " + file.toAbsolutePath().normalize();
    }

    /** Where the key was read from, to name in messages: the variable or the key file, never the key. */
    String source() {
        return source;
    }

    /** A key for one purpose, such as {@code "api-token-signing-v1"}. */
    public SecretKey derive(String purpose, String algorithm) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return new SecretKeySpec(
                    mac.doFinal(("switchboard:" + purpose).getBytes(StandardCharsets.UTF_8)), algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] fromFile(Path file) {
        try {
            if (Files.notExists(file)) {
                create(file);
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the key file " + file.toAbsolutePath(), e);
        }
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] fresh = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(fresh);
        try {
            Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n", StandardOpenOption.CREATE_NEW);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                log.warn("The file system does not support POSIX permissions; protect {} yourself", file);
            }
            log.info(
                    "Created a new master key file at {}; back it up: stored secrets cannot be read without it",
                    file.toAbsolutePath());
        } catch (FileAlreadyExistsException e) {
            // Another instance created it first; read theirs.
        }
    }

    /** Never puts the value in the message: a malformed key may be one typo away from the real one. */
    private static byte[] decode(String base64, String source) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new MalformedMasterKeyException(
                    source, "The master key in " + source + " is not base64: it must be base64 of 32 random bytes.");
        }
        if (decoded.length != KEY_BYTES) {
            throw new MalformedMasterKeyException(
                    source,
                    "The master key in " + source + " must be base64 of " + KEY_BYTES + " random bytes; it decodes to "
                            + decoded.length + " bytes.");
        }
        return decoded;
    }
}
