/** The opt-in {@code demo} profile: an emulated Microsoft 365 tenant on loopback, so a newcomer sees a sync without a Microsoft account. */
@ApplicationModule(
        displayName = "Demo",
        allowedDependencies = {"entra", "directory", "emulator"})
package io.switchboard.demo;

import org.springframework.modulith.ApplicationModule;
