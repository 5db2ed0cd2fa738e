package io.switchboard.emulator;

import java.time.Instant;
import java.util.Map;

/**
 * One request the emulator answered.
 *
 * @param target path and raw query string, e.g. {@code /v1.0/users?$top=999}
 * @param headers the request headers of interest ({@code ConsistencyLevel}, {@code Prefer}, {@code client-request-id},
 *     {@code Content-Type}, and {@code Authorization} reduced to its scheme)
 * @param batchItem whether this was an item inside a {@code $batch} request
 */
public record RecordedRequest(
        Instant at, String method, String target, int status, Map<String, String> headers, boolean batchItem) {

    /** The path without the query string. */
    public String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }
}
