package io.switchboard.entra.webhook;

import io.swagger.v3.oas.annotations.Hidden;
import io.switchboard.entra.ChangeSubscriptions;
import io.switchboard.entra.EntraChangesNotified;
import io.switchboard.entra.SubscriptionLifecycleNotified;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The notification and lifecycle URLs of our Graph subscriptions (reference §8.3–8.5). They need
 * no session or token: Graph proves itself by echoing the {@code clientState} we gave each
 * subscription, and an item whose {@code clientState} does not match is dropped and triggers
 * nothing. The validation handshake is answered with the token as plain text. Notifications are
 * answered 202 at once; the work they start runs elsewhere.
 */
@RestController
@Hidden
class GraphNotificationController {

    private static final Logger log = LoggerFactory.getLogger(GraphNotificationController.class);

    private final ChangeSubscriptions subscriptions;
    private final ApplicationEventPublisher events;
    private final JsonMapper json = JsonMapper.builder().build();

    GraphNotificationController(ChangeSubscriptions subscriptions, ApplicationEventPublisher events) {
        this.subscriptions = subscriptions;
        this.events = events;
    }

    @PostMapping(path = ChangeSubscriptions.NOTIFICATION_PATH, params = "validationToken")
    ResponseEntity<String> validateNotifications(@RequestParam String validationToken) {
        return echo(validationToken);
    }

    @PostMapping(path = ChangeSubscriptions.LIFECYCLE_PATH, params = "validationToken")
    ResponseEntity<String> validateLifecycle(@RequestParam String validationToken) {
        return echo(validationToken);
    }

    @PostMapping(ChangeSubscriptions.NOTIFICATION_PATH)
    ResponseEntity<Void> notifications(@RequestBody(required = false) String body) {
        JsonNode items = items(body);
        if (items == null) {
            return ResponseEntity.badRequest().build();
        }
        Set<String> users = new LinkedHashSet<>();
        Set<String> groups = new LinkedHashSet<>();
        int refused = 0;
        for (JsonNode item : items) {
            var subscription = subscriptions.verify(text(item, "subscriptionId"), text(item, "clientState"));
            if (subscription.isEmpty()) {
                refused++;
                continue;
            }
            String id = text(item.path("resourceData"), "id");
            if (id == null) {
                continue;
            }
            if (subscription.get().resource().toLowerCase(Locale.ROOT).startsWith("users")) {
                users.add(id);
            } else {
                groups.add(id);
            }
        }
        if (refused > 0) {
            log.warn("Ignored {} change notification(s) whose clientState matched none of our subscriptions", refused);
        }
        if (!users.isEmpty() || !groups.isEmpty()) {
            events.publishEvent(new EntraChangesNotified(users, groups));
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).build();
    }

    @PostMapping(ChangeSubscriptions.LIFECYCLE_PATH)
    ResponseEntity<Void> lifecycle(@RequestBody(required = false) String body) {
        JsonNode items = items(body);
        if (items == null) {
            return ResponseEntity.badRequest().build();
        }
        for (JsonNode item : items) {
            String id = text(item, "subscriptionId");
            if (subscriptions.verify(id, text(item, "clientState")).isEmpty()) {
                log.warn("Ignored a lifecycle notification whose clientState matched none of our subscriptions");
                continue;
            }
            SubscriptionLifecycleNotified.Event event =
                    SubscriptionLifecycleNotified.Event.of(text(item, "lifecycleEvent"));
            if (event != null) {
                events.publishEvent(new SubscriptionLifecycleNotified(id, event));
            }
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).build();
    }

    private static ResponseEntity<String> echo(String token) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8))
                .header("X-Content-Type-Options", "nosniff")
                .body(token);
    }

    private JsonNode items(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode value = json.readTree(body).path("value");
            return value.isArray() ? value : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isString() ? null : v.asString();
    }
}
