package io.switchboard.security;

import io.switchboard.SwitchboardProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;

/**
 * Keeps the data directory (embedded database, {@code master.key}, logs) readable by the service's
 * own user only, where the file system has POSIX permissions (issue 13.4). Before anything writes
 * there, the directory and its {@code logs/} are created (or narrowed to) {@code rwx------}; once
 * the service is ready, every file already in it is narrowed to {@code rw-------}. Files created
 * later (a rolled log, an H2 temporary file) get the process's umask, but nobody else can enter the
 * directory to read them.
 */
@Component
class DataDirectory {

    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);

    private final Path dataDir;

    DataDirectory(SwitchboardProperties properties) {
        this.dataDir = properties.dataDir();
    }

    /** Runs at start-up before logging and the database open anything in the data directory. */
    static final class Preparation implements EnvironmentPostProcessor {

        @Override
        public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
            String configured = environment.getProperty("switchboard.data-dir");
            if (configured == null || configured.isBlank() || !posix()) {
                return;
            }
            Path dir = Path.of(configured);
            try {
                ownerOnlyDirectory(dir);
                ownerOnlyDirectory(dir.resolve("logs"));
            } catch (IOException | UncheckedIOException | SecurityException e) {
                // The database or the key file will report the directory as unusable, with its path.
            }
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void narrowExistingFiles() {
        if (dataDir == null || Files.notExists(dataDir)) {
            return;
        }
        if (!posix()) {
            log.warn(
                    "The file system does not support POSIX permissions; make sure only the service's user can"
                            + " read {}",
                    dataDir.toAbsolutePath());
            return;
        }
        try (Stream<Path> paths = Files.walk(dataDir, 3)) {
            paths.forEach(path -> {
                try {
                    if (Files.isSymbolicLink(path)) {
                        return;
                    }
                    Files.setPosixFilePermissions(
                            path, Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? DIRECTORY : FILE);
                } catch (IOException e) {
                    log.warn("Cannot make {} readable by its owner only: {}", path, e.getMessage());
                }
            });
        } catch (IOException e) {
            log.warn("Cannot check the permissions under {}: {}", dataDir.toAbsolutePath(), e.getMessage());
        }
    }

    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static void ownerOnlyDirectory(Path dir) throws IOException {
        if (Files.notExists(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        }
        Files.setPosixFilePermissions(dir, DIRECTORY);
    }
}
