package io.switchboard.emulator;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Transport-neutral request and response values, so that {@code $batch} items run through the same routes. */
final class HttpMessages {

    private HttpMessages() {}

    /**
     * A request. {@code path} is percent-decoded; {@code rawQuery} is as sent; header names are lower case.
     */
    record Request(
            String method, String path, String rawQuery, Map<String, String> headers, byte[] body, boolean batchItem) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** Query parameters decoded, keys as sent (OData keys keep their {@code $}); the last value wins. */
        Map<String, String> query() {
            return parseForm(rawQuery);
        }

        String target() {
            return rawQuery == null || rawQuery.isEmpty() ? path : path + "?" + rawQuery;
        }

        Map<String, String> form() {
            return parseForm(new String(body, StandardCharsets.UTF_8));
        }
    }

    /** A response; header names keep their case. */
    record Response(int status, Map<String, String> headers, byte[] body) {

        static Response json(int status, Object value) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json; charset=utf-8");
            return new Response(status, headers, Json.write(value));
        }

        static Response text(int status, String value) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "text/plain; charset=utf-8");
            return new Response(status, headers, value.getBytes(StandardCharsets.UTF_8));
        }

        static Response html(int status, String value) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "text/html; charset=utf-8");
            return new Response(status, headers, value.getBytes(StandardCharsets.UTF_8));
        }

        static Response redirect(String location) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Location", location);
            return new Response(302, headers, new byte[0]);
        }

        static Response empty(int status) {
            return new Response(status, new LinkedHashMap<>(), new byte[0]);
        }

        Response withHeader(String name, String value) {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            copy.put(name, value);
            return new Response(status, copy, body);
        }
    }

    static Map<String, String> parseForm(String encoded) {
        Map<String, String> result = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return result;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            result.put(decode(key), decode(value));
        }
        return result;
    }

    /** Decodes {@code application/x-www-form-urlencoded} text: {@code +} is a space, a literal plus is {@code %2B}. */
    static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Builds a query string from decoded pairs, encoding each value; null values are skipped. */
    static String query(Map<String, String> params) {
        List<String> parts = new ArrayList<>();
        params.forEach((k, v) -> {
            if (v != null) {
                parts.add(k + "=" + encode(v));
            }
        });
        return parts.stream().collect(Collectors.joining("&"));
    }
}
