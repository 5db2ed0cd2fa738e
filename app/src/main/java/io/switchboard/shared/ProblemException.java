package io.switchboard.shared;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refusal that becomes an RFC 9457 problem answer: a stable {@link ProblemCode}, a sentence the
 * admin can act on, and optional extra properties (such as {@code lockedFields}).
 */
public class ProblemException extends RuntimeException {

    private final ProblemCode code;
    private final Map<String, Object> properties;

    public ProblemException(ProblemCode code, String detail) {
        this(code, detail, Map.of());
    }

    public ProblemException(ProblemCode code, String detail, Map<String, ?> properties) {
        super(detail);
        this.code = code;
        this.properties = Map.copyOf(new LinkedHashMap<>(properties));
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(ProblemCode.NOT_FOUND, "No " + what + " has the id " + id + ".");
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(
                ProblemCode.VALIDATION_FAILED,
                field + ": " + message,
                Map.of("errors", List.of(new FieldError(field, message))));
    }

    public ProblemCode code() {
        return code;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    /** One field that breaks a rule, as listed in a {@code VALIDATION_FAILED} problem. */
    public record FieldError(String field, String message) {}
}
