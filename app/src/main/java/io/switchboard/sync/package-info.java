/**
 * When and with what the directory follows Microsoft 365: full and delta runs, one at a time,
 * their history and per-object results, and the deletions the guard holds for the admin.
 */
@ApplicationModule(displayName = "Sync")
package io.switchboard.sync;

import org.springframework.modulith.ApplicationModule;
