/**
 * The connection to Microsoft Entra ID: settings, sign-in, tokens, client secret, status and
 * clouds; {@code entra.graph} is the only place where Microsoft Graph JSON exists. The records at
 * this package's root are what the rest of Switchboard knows of the tenant.
 */
@ApplicationModule(
        displayName = "Entra connection",
        allowedDependencies = {"pbx", "secrets", "shared", "web"})
package io.switchboard.entra;

import org.springframework.modulith.ApplicationModule;
