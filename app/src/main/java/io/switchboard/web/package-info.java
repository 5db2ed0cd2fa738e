/** The HTTP edge shared by every module: problem answers for every error, and the OpenAPI description. */
@ApplicationModule(
        displayName = "Web edge",
        allowedDependencies = {"shared"})
package io.switchboard.web;

import org.springframework.modulith.ApplicationModule;
