/**
 * Outlook contacts (O1–O4): the contact-sync settings, reading each in-range mailbox's contacts
 * from Microsoft Graph, a pure planner that turns what was read and what is stored into writes,
 * removals and results, and the part of every sync run that applies them. It uses the sync engine
 * through {@link io.switchboard.sync.RunPart}; the sync module knows nothing of it.
 */
@ApplicationModule(
        displayName = "Outlook contacts",
        allowedDependencies = {"sync", "directory", "entra", "reconcile", "shared", "web"})
package io.switchboard.contacts;

import org.springframework.modulith.ApplicationModule;
