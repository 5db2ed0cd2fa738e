package io.switchboard.presence;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads presence notification and lifecycle bodies: each item is checked against our
 * subscriptions' {@code clientState} in one query; the users of the genuine ones go to the inbox,
 * the rest are counted and dropped.
 */
@Service
public class PresenceNotifications {

    private static final Logger log = LoggerFactory.getLogger(PresenceNotifications.class);

    private final PresenceSubscriptions subscriptions;
    private final PresenceInbox inbox;
    private final JsonMapper json = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(
                            StreamReadConstraints.builder().maxNestingDepth(32).build())
                    .build())
            .build();

    PresenceNotifications(PresenceSubscriptions subscriptions, PresenceInbox inbox) {
        this.subscriptions = subscriptions;
        this.inbox = inbox;
    }

    /** Queues the users of the genuine items; false when the body is no notification collection. */
    public boolean changes(String body) {
        JsonNode items = items(body);
        if (items == null) {
            return false;
        }
        Set<String> ours = subscriptions.verify(presented(items));
        List<String> users = new ArrayList<>();
        int refused = 0;
        for (JsonNode item : items) {
            if (!ours.contains(text(item, "subscriptionId"))) {
                refused++;
                continue;
            }
            String id = text(item.path("resourceData"), "id");
            if (id != null && id.length() <= 64) {
                users.add(id);
            }
        }
        if (refused > 0) {
            log.warn("Dropped {} presence notification item(s) without a clientState of ours", refused);
        }
        if (!users.isEmpty()) {
            inbox.notified(users);
        }
        return true;
    }

    /** Acts on the genuine lifecycle events; false when the body is no notification collection. */
    public boolean lifecycle(String body) {
        JsonNode items = items(body);
        if (items == null) {
            return false;
        }
        Set<String> ours = subscriptions.verify(presented(items));
        for (JsonNode item : items) {
            String id = text(item, "subscriptionId");
            String event = text(item, "lifecycleEvent");
            if (ours.contains(id) && event != null) {
                inbox.lifecycle(id, event);
            }
        }
        return true;
    }

    private static List<Map.Entry<String, String>> presented(JsonNode items) {
        List<Map.Entry<String, String>> presented = new ArrayList<>();
        for (JsonNode item : items) {
            String id = text(item, "subscriptionId");
            if (id != null) {
                presented.add(new AbstractMap.SimpleEntry<>(id, text(item, "clientState")));
            }
        }
        return presented;
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
