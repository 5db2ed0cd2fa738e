package io.switchboard.presence;

import io.switchboard.entra.GraphNotifications;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

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

    PresenceNotifications(PresenceSubscriptions subscriptions, PresenceInbox inbox) {
        this.subscriptions = subscriptions;
        this.inbox = inbox;
    }

    /** Queues the users of the genuine items; false when the body is no notification collection. */
    public boolean changes(String body) {
        List<GraphNotifications.Item> items = GraphNotifications.read(body).orElse(null);
        if (items == null) {
            return false;
        }
        Set<String> ours = subscriptions.verify(presented(items));
        List<String> users = new ArrayList<>();
        int refused = 0;
        for (GraphNotifications.Item item : items) {
            if (!ours.contains(item.subscriptionId())) {
                refused++;
                continue;
            }
            String id = item.resourceId();
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
        List<GraphNotifications.Item> items = GraphNotifications.read(body).orElse(null);
        if (items == null) {
            return false;
        }
        Set<String> ours = subscriptions.verify(presented(items));
        for (GraphNotifications.Item item : items) {
            if (ours.contains(item.subscriptionId()) && item.lifecycleEvent() != null) {
                inbox.lifecycle(item.subscriptionId(), item.lifecycleEvent());
            }
        }
        return true;
    }

    private static List<Map.Entry<String, String>> presented(List<GraphNotifications.Item> items) {
        List<Map.Entry<String, String>> presented = new ArrayList<>();
        for (GraphNotifications.Item item : items) {
            if (item.subscriptionId() != null) {
                presented.add(new AbstractMap.SimpleEntry<>(item.subscriptionId(), item.clientState()));
            }
        }
        return presented;
    }
}
