package io.switchboard.presence.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.presence.PresenceSync;
import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/integration/presence-sync")
@Tag(name = "Teams presence", description = "Extension presence that follows Teams (T1–T2)")
class PresenceSyncController {

    /** The body of a PUT. */
    record Switch(Boolean enabled) {}

    private final PresenceSync presence;

    PresenceSyncController(PresenceSync presence) {
        this.presence = presence;
    }

    @GetMapping
    @Operation(
            summary = "The global switch, and how presence is followed now",
            description = "mode is OFF, POLLING or NOTIFICATIONS (with polling as the safety net); modeReason says"
                    + " why as a stable code, modeReasonText in words. delayP50/delayP95 are ISO-8601 durations over"
                    + " the last 5 minutes, from the earliest time a change could have happened (a notification's"
                    + " arrival, the previous poll) to its write; null without changes.")
    PresenceSync.Status get() {
        return presence.status();
    }

    @PutMapping
    @Operation(
            summary = "Turn presence sync on or off (T1)",
            description = "Turning it on applies the mapped Teams presence of every following extension at once."
                    + " 409 SETTINGS_FROZEN while the integration is disabled.")
    PresenceSync.Status put(@RequestBody Switch body) {
        if (body == null || body.enabled() == null) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "enabled is required: true or false.");
        }
        return presence.setEnabled(body.enabled());
    }
}
