/**
 * The pure sync engine: an Entra snapshot and the admin's rules give the desired directory, which
 * compared with the actual one gives a {@link io.switchboard.reconcile.Plan}. No Spring, no I/O.
 */
@ApplicationModule(
        displayName = "Reconcile engine",
        allowedDependencies = {"directory", "entra", "shared"})
package io.switchboard.reconcile;

import org.springframework.modulith.ApplicationModule;
