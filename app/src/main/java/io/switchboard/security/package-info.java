/**
 * Who may use Switchboard: the administrator account, portal sign-in with a session, bearer tokens
 * for scripts, the slowing of repeated failed sign-ins, and the master key every secret derives from.
 */
@ApplicationModule(displayName = "Security")
package io.switchboard.security;

import org.springframework.modulith.ApplicationModule;
