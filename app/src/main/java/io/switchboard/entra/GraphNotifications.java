package io.switchboard.entra;

import io.switchboard.entra.ChangeSubscriptions.Presented;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Microsoft Graph notification collection as Graph posts it to a webhook (X4): change
 * notifications of users and groups, presence notifications, and lifecycle events. Read here once
 * for every receiver, so Graph's JSON stays in module {@code entra}.
 */
public final class GraphNotifications {

    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(
                            StreamReadConstraints.builder().maxNestingDepth(32).build())
                    .build())
            .build();

    private GraphNotifications() {}

    /**
     * One item of a collection: the subscription it names, the {@code clientState} it echoes, the
     * id of its {@code resourceData} (a user or group), and its {@code lifecycleEvent}; each null
     * when absent or not a string.
     */
    public record Item(String subscriptionId, String clientState, String resourceId, String lifecycleEvent) {

        public Presented presented() {
            return new Presented(subscriptionId, clientState);
        }
    }

    /** The items of a body, or empty when it is no collection: a JSON object whose {@code value} is an array. */
    public static Optional<List<Item>> read(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        JsonNode value;
        try {
            value = JSON.readTree(body).path("value");
        } catch (JacksonException e) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            return Optional.empty();
        }
        List<Item> items = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            items.add(new Item(
                    text(item, "subscriptionId"),
                    text(item, "clientState"),
                    text(item.path("resourceData"), "id"),
                    text(item, "lifecycleEvent")));
        }
        return Optional.of(items);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isString() ? null : v.asString();
    }
}
