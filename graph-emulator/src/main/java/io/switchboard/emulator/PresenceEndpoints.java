package io.switchboard.emulator;

import io.switchboard.emulator.HttpMessages.Request;
import io.switchboard.emulator.HttpMessages.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Teams presence (§7.1): {@code GET /users/{id}/presence}, {@code /me/presence}, {@code
 * /communications/presences/{id}} and {@code POST /communications/getPresencesByUserId} (at most 650 ids), behind the
 * presence rate limit of 1,500 requests per 30 seconds.
 */
final class PresenceEndpoints {

    static final int MAX_IDS = 650;
    static final Set<String> READ_ALL = Set.of("Presence.Read.All");
    static final Set<String> READ_OWN = Set.of("Presence.Read", "Presence.Read.All");

    private final GraphEmulator emulator;

    PresenceEndpoints(GraphEmulator emulator) {
        this.emulator = emulator;
    }

    /** Whether the path is one of the presence endpoints (for routing and throttling). */
    static boolean isPresencePath(String[] s) {
        return s[0].equals("communications")
                || s.length == 3 && s[0].equals("users") && s[2].equals("presence")
                || s.length == 2 && s[0].equals("me") && s[1].equals("presence");
    }

    Response handle(Request request, Caller caller, String[] s) {
        long retryAfter = emulator.presence().throttle().spend();
        if (retryAfter > 0) {
            return error(request, 429, "TooManyRequests", "Please retry again later.")
                    .withHeader("Retry-After", String.valueOf(retryAfter));
        }
        String method = request.method();
        if (s[0].equals("me")) {
            if (caller.application()) {
                return error(
                        request, 400, "BadRequest", "/me request is only valid with delegated authentication flow.");
            }
            return method.equals("GET") ? one(request, caller, caller.objectId()) : methodNotAllowed(request);
        }
        if (s[0].equals("users")) {
            return method.equals("GET") ? one(request, caller, s[1]) : methodNotAllowed(request);
        }
        if (s.length == 2 && s[1].equals("getPresencesByUserId")) {
            return method.equals("POST") ? many(request, caller) : methodNotAllowed(request);
        }
        if (s.length == 3 && s[1].equals("presences")) {
            return method.equals("GET") ? one(request, caller, s[2]) : methodNotAllowed(request);
        }
        return error(
                request,
                400,
                "BadRequest",
                "Resource not found for the segment '" + (s.length > 1 ? s[1] : s[0]) + "'.");
    }

    private Response one(Request request, Caller caller, String idOrUpn) {
        EntraUser user = emulator.tenant().read(() -> emulator.tenant().findUserUnlocked(idOrUpn));
        if (user == null) {
            return error(request, 404, "NotFound", "The requested user '" + idOrUpn + "' is invalid.");
        }
        boolean own = !caller.application() && user.id().equals(caller.objectId());
        if (!caller.hasAny(own ? READ_OWN : READ_ALL, READ_ALL)) {
            return forbidden(request);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", emulator.baseUrl() + "/v1.0/$metadata#users('" + user.id() + "')/presence/$entity");
        body.putAll(json(user.id(), emulator.presence().reported(user)));
        return Response.json(200, body);
    }

    private Response many(Request request, Caller caller) {
        if (!caller.hasAny(READ_ALL, READ_ALL)) {
            return forbidden(request);
        }
        Map<String, Object> body;
        try {
            body = Json.readObject(request.body());
        } catch (IllegalArgumentException e) {
            return error(request, 400, "BadRequest", "The request body is not valid JSON.");
        }
        if (!(body.get("ids") instanceof List<?> ids) || ids.isEmpty()) {
            return error(request, 400, "BadRequest", "The request body must contain a non-empty 'ids' array.");
        }
        if (ids.size() > MAX_IDS) {
            return error(request, 400, "BadRequest", tooManyIds(ids.size()));
        }
        Set<String> unique = new LinkedHashSet<>();
        for (Object id : ids) {
            if (!(id instanceof String value) || !PresenceBoard.isGuid(value)) {
                return error(
                        request,
                        400,
                        "BadRequest",
                        "Invalid user id '" + id + "': ids must be user object ids (GUIDs).");
            }
            unique.add(value.toLowerCase(java.util.Locale.ROOT));
        }
        List<Map<String, Object>> value = new ArrayList<>(unique.size());
        emulator.tenant().read(() -> {
            for (String id : unique) {
                EntraUser user = emulator.tenant().usersUnlocked().get(id);
                value.add(json(id, emulator.presence().reported(user)));
            }
            return null;
        });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("@odata.context", emulator.baseUrl() + "/v1.0/$metadata#Collection(microsoft.graph.presence)");
        result.put("value", value);
        return Response.json(200, result);
    }

    /** The message of the 400 for more than 650 ids (also used for subscriptions). */
    static String tooManyIds(int count) {
        return "The number of user ids (" + count + ") exceeds the maximum of " + MAX_IDS + " per request.";
    }

    static Map<String, Object> json(String id, Presence presence) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("availability", presence.availability());
        json.put("activity", presence.activity());
        json.put("statusMessage", null);
        Map<String, Object> outOfOffice = new LinkedHashMap<>();
        outOfOffice.put("message", null);
        outOfOffice.put("isOutOfOffice", "OutOfOffice".equals(presence.activity()));
        json.put("outOfOfficeSettings", outOfOffice);
        return json;
    }

    private Response forbidden(Request request) {
        return error(request, 403, "Forbidden", "Insufficient privileges to complete the operation.");
    }

    private Response methodNotAllowed(Request request) {
        return error(
                request, 405, "Request_BadRequest", "Specified HTTP method is not allowed for the request target.");
    }

    private Response error(Request request, int status, String code, String message) {
        return GraphErrors.error(request, emulator.clock().instant(), status, code, message);
    }
}
