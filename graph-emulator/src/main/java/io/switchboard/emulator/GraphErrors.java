package io.switchboard.emulator;

import io.switchboard.emulator.HttpMessages.Request;
import io.switchboard.emulator.HttpMessages.Response;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** Graph's error envelope: {@code {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}}. */
final class GraphErrors {

    static final String REQUEST_ID = "x-emulator-request-id";
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private GraphErrors() {}

    static Response error(Request request, Instant now, int status, String code, String message) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("date", DATE.format(now.truncatedTo(ChronoUnit.SECONDS)));
        inner.put("request-id", request.header(REQUEST_ID));
        inner.put("client-request-id", clientRequestId(request));
        if (status == 429) {
            inner.put("code", "429");
            inner.put("status", "429");
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("innerError", inner);
        return Response.json(status, Map.of("error", error));
    }

    static String clientRequestId(Request request) {
        String value = request.header("client-request-id");
        return value != null ? value : request.header(REQUEST_ID);
    }
}
