/** Types every module may use: stable problem codes, the problem exception and paged results. */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package io.switchboard.shared;

import org.springframework.modulith.ApplicationModule;
