/** The administrator's web portal, in English and Simplified Chinese (X7). */
@ApplicationModule(
        displayName = "Portal",
        allowedDependencies = {"sync", "trigger", "entra", "directory", "pbx", "shared", "audit", "reconcile"})
package io.switchboard.portal;

import org.springframework.modulith.ApplicationModule;
