package io.switchboard.presence.web;

import io.swagger.v3.oas.annotations.Hidden;
import io.switchboard.entra.ChangeSubscriptions;
import io.switchboard.presence.PresenceNotifications;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Presence notifications and lifecycle events (reference §7.2, §8.4–8.5). They arrive on the same
 * URLs as the user and group ones, marked {@code kind=presence} (Graph keeps query parameters on
 * delivery); the validation handshake is answered there. Items are believed only with the {@code
 * clientState} their subscription was given; the reply is 202 at once, the reading runs elsewhere.
 */
@RestController
@Hidden
class PresenceNotificationController {

    private final PresenceNotifications notifications;

    PresenceNotificationController(PresenceNotifications notifications) {
        this.notifications = notifications;
    }

    @PostMapping(
            path = ChangeSubscriptions.NOTIFICATION_PATH,
            params = {"kind=presence", "!validationToken"})
    ResponseEntity<?> notifications(@RequestBody(required = false) String body) {
        return notifications.changes(body)
                ? ResponseEntity.status(HttpStatus.ACCEPTED).build()
                : ResponseEntity.badRequest().build();
    }

    @PostMapping(
            path = ChangeSubscriptions.LIFECYCLE_PATH,
            params = {"kind=presence", "!validationToken"})
    ResponseEntity<?> lifecycle(@RequestBody(required = false) String body) {
        return notifications.lifecycle(body)
                ? ResponseEntity.status(HttpStatus.ACCEPTED).build()
                : ResponseEntity.badRequest().build();
    }
}
