/**
 * Who may use Switchboard: the administrator account, portal sign-in with a session, bearer tokens
 * for scripts, the slowing of repeated failed sign-ins; the master key is in {@code secrets}.
 */
@ApplicationModule(
        displayName = "Security",
        allowedDependencies = {"secrets", "shared", "softphone", "web"})
package io.switchboard.security;

import org.springframework.modulith.ApplicationModule;
