/**
 * The master key every secret derives from, its startup check, and {@link
 * io.switchboard.secrets.SecretBox} that seals secrets at rest. A ground floor: it uses no other
 * module, so both {@code security} (token signing) and {@code entra} (the client secret, tokens)
 * build on it without either knowing the other.
 */
@ApplicationModule(
        displayName = "Secrets",
        allowedDependencies = {})
@NullMarked
package io.switchboard.secrets;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
