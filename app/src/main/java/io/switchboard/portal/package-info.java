/** The administrator's web portal, in English and Simplified Chinese (X7). */
@ApplicationModule(displayName = "Portal")
package io.switchboard.portal;

import org.springframework.modulith.ApplicationModule;
