/** Mail to PBX users: the welcome mail sent once per extension the sync creates (U5), through an outbox. */
@ApplicationModule(
        displayName = "Notification",
        allowedDependencies = {"directory", "pbx", "shared"})
package io.switchboard.notification;

import org.springframework.modulith.ApplicationModule;
