package io.switchboard.presence.web;

import io.switchboard.directory.Presence;
import io.switchboard.presence.TeamsAvailability;
import io.switchboard.presence.TeamsPresenceSetting;
import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import java.util.Map;

/** One extension's Teams presence choice as the API reads and writes it; omitted mapping keys take the default. */
record TeamsPresenceBody(Boolean enabled, Map<TeamsAvailability, Presence> mapping) {

    static TeamsPresenceBody of(TeamsPresenceSetting setting) {
        return new TeamsPresenceBody(setting.enabled(), setting.mapping());
    }

    TeamsPresenceSetting setting() {
        if (enabled == null) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "enabled is required: true or false.");
        }
        return new TeamsPresenceSetting(enabled, mapping);
    }
}
