package io.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.JarContents;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What {@code switchboard.jar} ships: the service, and no test material. The Graph emulator (a fake identity
 * provider that signs anyone in) and the demo launcher live in the {@code demo} module's jar only (issue 14).
 */
class ProductionJarIT {

    private static final Path JAR = Path.of(System.getProperty("user.dir"), "target", "switchboard.jar");

    @Test
    void theProductionJarContainsNoEmulatorAndNoDemoClassesNorTheEmulatorLibrary() {
        assertThat(JAR)
                .as("the packaged jar (mvn package runs before the integration tests)")
                .exists();
        assertThat(JarContents.under(JAR, "io/switchboard/SwitchboardApplication.class"))
                .as("the scan sees the service's own classes")
                .isNotEmpty();

        assertThat(JarContents.under(JAR, "io/switchboard/emulator/", "io/switchboard/demo/"))
                .isEmpty();
        assertThat(JarContents.of(JAR))
                .filteredOn(e -> e.where().isEmpty() && e.path().matches("BOOT-INF/lib/graph-emulator-.*\\.jar"))
                .isEmpty();
    }
}
