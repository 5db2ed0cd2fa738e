/**
 * How a sync runs: full and delta runs, one at a time (the lock row, heartbeat, janitor), the
 * tenant mirror, applying a plan, their history and per-object results, the deletions the guard
 * holds for the admin, the sync settings, and disabling / disconnecting. It calls no module that
 * triggers it: saving settings publishes {@link io.switchboard.sync.SyncSettingsChanged}, stopping
 * the integration {@link io.switchboard.sync.IntegrationStopRequested}.
 */
@ApplicationModule(
        displayName = "Sync",
        allowedDependencies = {"reconcile", "entra", "directory", "notification", "pbx", "shared", "web"})
package io.switchboard.sync;

import org.springframework.modulith.ApplicationModule;
