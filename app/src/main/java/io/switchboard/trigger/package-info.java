/**
 * What starts a sync on its own: the schedule (M1, a db-scheduler task on the application's clock)
 * and the change trigger (M2: Graph change notifications or delta polling, the debounce window,
 * the subscriptions). It asks {@code sync} for runs and learns of settings changes through {@code
 * sync}'s events; nothing below it calls it.
 */
@ApplicationModule(
        displayName = "Schedule and change trigger",
        allowedDependencies = {"sync", "entra", "directory", "reconcile", "pbx", "shared"})
package io.switchboard.trigger;

import org.springframework.modulith.ApplicationModule;
