package io.switchboard.emulator;

import io.switchboard.emulator.HttpMessages.Request;
import io.switchboard.emulator.HttpMessages.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of presence subscriptions (§7.2): {@code communications/presences/{id}} or {@code
 * communications/presences?$filter=id in ('{id}',…)} with at most 650 ids, {@code changeType} {@code updated} only,
 * delegated {@code Presence.Read.All} only, at most 60 minutes; and the basic notification item Graph sends.
 */
final class PresenceSubscriptions {

    static final int MAX_MINUTES = 60;
    private static final Pattern ONE =
            Pattern.compile("communications/presences/([0-9a-fA-F-]{36})", Pattern.CASE_INSENSITIVE);
    private static final Pattern MANY = Pattern.compile(
            "communications/presences\\?\\$filter=id\\s+in\\s*\\((.*)\\)\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern QUOTED = Pattern.compile("\\s*'([^']*)'\\s*");

    private PresenceSubscriptions() {}

    static boolean isPresenceResource(String resource) {
        return resource.toLowerCase(Locale.ROOT).startsWith("communications/presences");
    }

    /**
     * The user ids a presence subscription covers, or the refusal: null when {@code resource} is not a presence
     * resource at all.
     */
    static Object check(GraphEmulator emulator, Request request, Caller caller, String resource, String changeType) {
        if (!isPresenceResource(resource)) {
            return null;
        }
        Set<String> ids = new LinkedHashSet<>();
        Matcher one = ONE.matcher(resource);
        Matcher many = MANY.matcher(HttpMessages.decode(resource.replace("+", "%2B")));
        if (one.matches()) {
            ids.add(one.group(1).toLowerCase(Locale.ROOT));
        } else if (many.matches()) {
            for (String part : many.group(1).split(",", -1)) {
                Matcher quoted = QUOTED.matcher(part);
                if (!quoted.matches() || !PresenceBoard.isGuid(quoted.group(1))) {
                    return error(
                            emulator,
                            request,
                            400,
                            "InvalidRequest",
                            "Resource '" + resource + "' is not supported for change notifications: ids must be"
                                    + " quoted user object ids.");
                }
                ids.add(quoted.group(1).toLowerCase(Locale.ROOT));
            }
        } else {
            return error(
                    emulator,
                    request,
                    400,
                    "InvalidRequest",
                    "Resource '" + resource + "' is not supported for change notifications.");
        }
        if (ids.size() > PresenceEndpoints.MAX_IDS) {
            return error(emulator, request, 400, "InvalidRequest", PresenceEndpoints.tooManyIds(ids.size()));
        }
        if (!changeType.trim().equals("updated")) {
            return error(
                    emulator,
                    request,
                    400,
                    "InvalidRequest",
                    "ChangeType '" + changeType + "' is not supported for resource 'communications/presences'; use"
                            + " 'updated'.");
        }
        if (caller.application()) {
            return error(
                    emulator,
                    request,
                    403,
                    "ExtensionError",
                    "Operation: Create; Exception: [Status Code: Forbidden; Reason: Application permissions are not"
                            + " supported for presence subscriptions; use a delegated token with Presence.Read.All.]");
        }
        if (!caller.hasAny(PresenceEndpoints.READ_ALL, Set.of())) {
            return error(
                    emulator,
                    request,
                    403,
                    "ExtensionError",
                    "Operation: Create; Exception: [Status Code: Forbidden; Reason: Insufficient privileges to complete"
                            + " the operation.]");
        }
        return Set.copyOf(ids);
    }

    /** The basic notification item of §7.2 for one user's change. */
    static Map<String, Object> notification(
            String subscriptionId, Instant expiration, String clientState, String tenantId, String userId) {
        Map<String, Object> resourceData = new LinkedHashMap<>();
        resourceData.put("@odata.id", "users/" + userId + "/presence");
        resourceData.put("@odata.type", "#microsoft.graph.presence");
        resourceData.put("id", userId);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", UUID.randomUUID().toString());
        item.put("subscriptionId", subscriptionId);
        item.put("clientState", clientState);
        item.put("changeType", "updated");
        item.put("tenantId", tenantId);
        item.put("resource", "communications/presences/" + userId);
        item.put("subscriptionExpirationDateTime", expiration.toString());
        item.put("resourceData", resourceData);
        item.put("organizationId", tenantId);
        return item;
    }

    /** The resource data of a rich notification: the user's presence after the change. */
    static Map<String, Object> resource(PresenceBoard.Change change) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("@odata.id", "users/" + change.userId() + "/presence");
        resource.put("@odata.type", "#microsoft.graph.presence");
        resource.put("id", change.userId());
        resource.put("availability", change.after().availability());
        resource.put("activity", change.after().activity());
        return resource;
    }

    private static Response error(GraphEmulator emulator, Request request, int status, String code, String message) {
        return GraphErrors.error(request, emulator.clock().instant(), status, code, message);
    }
}
