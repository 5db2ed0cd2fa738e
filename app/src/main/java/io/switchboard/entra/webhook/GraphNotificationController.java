package io.switchboard.entra.webhook;

import io.swagger.v3.oas.annotations.Hidden;
import io.switchboard.entra.ChangeSubscriptions;
import io.switchboard.entra.ChangeSubscriptions.Presented;
import io.switchboard.entra.EntraChangesNotified;
import io.switchboard.entra.GraphNotifications;
import io.switchboard.entra.SubscriptionLifecycleNotified;
import io.switchboard.shared.ProblemCode;
import io.switchboard.web.Problems;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The notification and lifecycle URLs of our Graph subscriptions (reference §8.3–8.5). They need
 * no session or token: Graph proves itself by echoing the {@code clientState} we gave each
 * subscription, and an item whose {@code clientState} does not match is dropped and triggers
 * nothing. Their bodies are bounded (see the request size limit); every item of a request is
 * checked against the subscriptions in one query, before anything else touches the database, and
 * the genuine ones are handled together. Refused items are counted, not logged one by one. The
 * validation handshake is answered with the token as plain text. Notifications are answered 202 at
 * once; the work they start runs elsewhere.
 */
@RestController
@Hidden
class GraphNotificationController {

    /** A token longer than this is no Graph validation token. */
    private static final int MAX_TOKEN_LENGTH = 1024;

    private final ChangeSubscriptions subscriptions;
    private final ApplicationEventPublisher events;
    private final ForgedRequestLog forged;

    GraphNotificationController(
            ChangeSubscriptions subscriptions, ApplicationEventPublisher events, ForgedRequestLog forged) {
        this.subscriptions = subscriptions;
        this.events = events;
        this.forged = forged;
    }

    @PostMapping(path = ChangeSubscriptions.NOTIFICATION_PATH, params = "validationToken")
    ResponseEntity<?> validateNotifications(@RequestParam String validationToken) {
        return echo(validationToken);
    }

    @PostMapping(path = ChangeSubscriptions.LIFECYCLE_PATH, params = "validationToken")
    ResponseEntity<?> validateLifecycle(@RequestParam String validationToken) {
        return echo(validationToken);
    }

    @PostMapping(ChangeSubscriptions.NOTIFICATION_PATH)
    ResponseEntity<?> notifications(@RequestBody(required = false) String body) {
        List<GraphNotifications.Item> items = GraphNotifications.read(body).orElse(null);
        if (items == null) {
            forged.refused(ForgedRequestLog.Kind.UNREADABLE, 1);
            return unreadable();
        }
        Map<Presented, ChangeSubscriptions.Subscription> verified = subscriptions.verifyAll(presented(items));
        Set<String> users = new LinkedHashSet<>();
        Set<String> groups = new LinkedHashSet<>();
        int refused = 0;
        for (GraphNotifications.Item item : items) {
            ChangeSubscriptions.Subscription subscription = verified.get(item.presented());
            if (subscription == null) {
                refused++;
                continue;
            }
            String id = item.resourceId();
            if (id == null) {
                continue;
            }
            if (subscription.resource().toLowerCase(Locale.ROOT).startsWith("users")) {
                users.add(id);
            } else {
                groups.add(id);
            }
        }
        if (refused > 0) {
            forged.refused(ForgedRequestLog.Kind.NOTIFICATION, refused);
        }
        if (!users.isEmpty() || !groups.isEmpty()) {
            events.publishEvent(new EntraChangesNotified(users, groups));
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).build();
    }

    @PostMapping(ChangeSubscriptions.LIFECYCLE_PATH)
    ResponseEntity<?> lifecycle(@RequestBody(required = false) String body) {
        List<GraphNotifications.Item> items = GraphNotifications.read(body).orElse(null);
        if (items == null) {
            forged.refused(ForgedRequestLog.Kind.UNREADABLE, 1);
            return unreadable();
        }
        Map<Presented, ChangeSubscriptions.Subscription> verified = subscriptions.verifyAll(presented(items));
        int refused = 0;
        Set<String> seen = new LinkedHashSet<>();
        for (GraphNotifications.Item item : items) {
            String id = item.subscriptionId();
            if (!verified.containsKey(item.presented())) {
                refused++;
                continue;
            }
            SubscriptionLifecycleNotified.Event event = SubscriptionLifecycleNotified.Event.of(item.lifecycleEvent());
            if (event != null && seen.add(id + " " + event)) {
                events.publishEvent(new SubscriptionLifecycleNotified(id, event));
            }
        }
        if (refused > 0) {
            forged.refused(ForgedRequestLog.Kind.LIFECYCLE, refused);
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).build();
    }

    private static ResponseEntity<?> unreadable() {
        return ResponseEntity.badRequest()
                .body(Problems.of(
                        ProblemCode.VALIDATION_FAILED,
                        "The body is not a Microsoft Graph notification collection: a JSON object whose value is"
                                + " an array of notifications."));
    }

    private static List<Presented> presented(List<GraphNotifications.Item> items) {
        return items.stream().map(GraphNotifications.Item::presented).toList();
    }

    private static ResponseEntity<?> echo(String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            return ResponseEntity.badRequest()
                    .body(Problems.of(
                            ProblemCode.VALIDATION_FAILED,
                            "validationToken is longer than " + MAX_TOKEN_LENGTH
                                    + " characters; Microsoft Graph sends shorter ones."));
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8))
                .header("X-Content-Type-Options", "nosniff")
                .body(token);
    }
}
