package io.switchboard.entra.graph;

/**
 * A Graph request that failed for good (after any retries).
 *
 * <p>{@link #status()} is the HTTP status, or {@code 0} when Graph could not be reached (connection error or timeout);
 * {@link #code()} is Graph's error code (e.g. {@code Authorization_RequestDenied}), or {@code "unreachable"} for status
 * {@code 0}; {@link #requestId()} is Graph's {@code request-id}, or null when there was no response.
 */
public class GraphException extends RuntimeException {

    private final int status;
    private final String code;
    private final String requestId;

    public GraphException(int status, String code, String message, String requestId) {
        this(status, code, message, requestId, null);
    }

    public GraphException(int status, String code, String message, String requestId, Throwable cause) {
        super(describe(status, code, message, requestId), cause);
        this.status = status;
        this.code = code;
        this.requestId = requestId;
    }

    private static String describe(int status, String code, String message, String requestId) {
        return "Graph " + (status == 0 ? "unreachable" : "HTTP " + status) + " " + code + ": " + message
                + (requestId == null ? "" : " (request-id " + requestId + ")");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String requestId() {
        return requestId;
    }
}
