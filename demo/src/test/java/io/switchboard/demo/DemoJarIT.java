package io.switchboard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.JarContents;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The demo jar is where the emulator went: the same scan that finds none in {@code switchboard.jar}
 * ({@code ProductionJarIT}) finds it here, so that check cannot pass by looking in the wrong place.
 */
class DemoJarIT {

    private static final Path JAR = Path.of(System.getProperty("user.dir"), "target", "switchboard-demo.jar");

    @Test
    void theDemoJarCarriesTheEmulatorTheDemoLauncherAndTheService() {
        assertThat(JAR).as("the packaged demo jar").exists();
        assertThat(JarContents.under(JAR, "io/switchboard/emulator/GraphEmulator.class"))
                .isNotEmpty();
        assertThat(JarContents.under(JAR, "io/switchboard/demo/DemoTenant.class"))
                .isNotEmpty();
        assertThat(JarContents.under(JAR, "io/switchboard/SwitchboardApplication.class"))
                .isNotEmpty();
    }
}
