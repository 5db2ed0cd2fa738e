/**
 * The audit trail: who did what and when (sign-ins, settings changes, sync runs, held-deletion
 * decisions, connecting and disconnecting), recorded from {@link io.switchboard.shared.Audited}
 * events in the database, logged as structured events and served newest first.
 */
@ApplicationModule(
        displayName = "Audit",
        allowedDependencies = {"shared"})
package io.switchboard.audit;

import org.springframework.modulith.ApplicationModule;
