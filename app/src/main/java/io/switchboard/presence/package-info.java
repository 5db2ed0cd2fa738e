/**
 * Teams presence (T1–T2): the extension presence follows the user's Teams availability, one way,
 * from presence change notifications where the connection allows them and from
 * {@code getPresencesByUserId} polling everywhere as the safety net; only changed presences are
 * written, in batches.
 */
@ApplicationModule(
        displayName = "Teams presence",
        allowedDependencies = {"entra", "directory", "sync", "pbx", "shared", "web"})
package io.switchboard.presence;

import org.springframework.modulith.ApplicationModule;
