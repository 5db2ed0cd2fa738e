/**
 * The PBX directory, the system of record for extensions, extension groups, phonebooks, contacts,
 * presence and PBX settings; it enforces the locks that objects synced from Microsoft 365 carry.
 */
@ApplicationModule(
        displayName = "Directory",
        allowedDependencies = {"pbx", "shared"})
package io.switchboard.directory;

import org.springframework.modulith.ApplicationModule;
