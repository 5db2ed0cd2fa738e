package io.switchboard.emulator;

import java.time.Instant;

/**
 * One POST the emulator made to a subscriber: a validation request, a change-notification collection or a lifecycle
 * notification.
 *
 * @param kind {@code validation}, {@code notification} or {@code lifecycle}
 * @param status the HTTP status received, or -1 when the request failed or timed out
 * @param attempt 1 for the first try, higher for retries
 */
public record Delivery(Instant at, String kind, String url, String body, int status, int attempt) {}
