package io.switchboard.web;

import io.switchboard.shared.DatabaseUnavailable;
import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import io.switchboard.shared.ProblemException.FieldError;
import io.switchboard.shared.Problems;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns every error of the REST API into an RFC 9457 problem answer with a stable {@code code}. */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private static ProblemDetail problem(ProblemCode code, String detail, Map<String, ?> properties) {
        return Problems.of(code, detail, properties);
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Object> onProblem(ProblemException e) {
        return ResponseEntity.status(e.code().status()).body(problem(e.code(), e.getMessage(), e.properties()));
    }

    @ExceptionHandler(JacksonException.class)
    ResponseEntity<Object> onJackson(JacksonException e) {
        return badBody(e);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> onTypeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null
                ? "another type"
                : e.getRequiredType() == UUID.class
                        ? "an id (UUID)"
                        : e.getRequiredType().isEnum() ? "one of " + enumValues(e.getRequiredType()) : "a number";
        String message = "must be " + expected;
        return ResponseEntity.badRequest()
                .body(problem(
                        ProblemCode.VALIDATION_FAILED,
                        e.getName() + " " + message + ".",
                        Map.of("errors", List.of(new FieldError(e.getName(), message)))));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> onUnexpected(Exception e) {
        if (DatabaseUnavailable.causedBy(e)) {
            log.warn("Request refused: the database cannot be reached ({})", e.getMessage());
            return ResponseEntity.status(ProblemCode.DATABASE_UNAVAILABLE.status())
                    .header(HttpHeaders.RETRY_AFTER, "5")
                    .body(problem(ProblemCode.DATABASE_UNAVAILABLE, DatabaseUnavailable.DETAIL, Map.of()));
        }
        String incident = UUID.randomUUID().toString();
        log.error("Unexpected failure, incident {}", incident, e);
        return ResponseEntity.internalServerError()
                .body(problem(
                        ProblemCode.INTERNAL_ERROR,
                        "Something went wrong on the server. Nothing was changed by this request unless its answer"
                                + " said so; report incident " + incident + " to support if it happens again.",
                        Map.of("incident", incident)));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getCause();
        if (cause instanceof JacksonException jackson) {
            return badBody(jackson);
        }
        return ResponseEntity.badRequest()
                .body(problem(
                        ProblemCode.VALIDATION_FAILED, "The request needs a JSON body; none could be read.", Map.of()));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemCode code = codeFor(status);
        String detail =
                body instanceof ProblemDetail given && given.getDetail() != null ? given.getDetail() : e.getMessage();
        return ResponseEntity.status(status).headers(headers).body(problem(code, detail, Map.of()));
    }

    private static ProblemCode codeFor(HttpStatusCode status) {
        return switch (HttpStatus.valueOf(status.value())) {
            case NOT_FOUND -> ProblemCode.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> ProblemCode.METHOD_NOT_ALLOWED;
            case UNSUPPORTED_MEDIA_TYPE -> ProblemCode.UNSUPPORTED_MEDIA_TYPE;
            case INTERNAL_SERVER_ERROR, SERVICE_UNAVAILABLE -> ProblemCode.INTERNAL_ERROR;
            default -> ProblemCode.VALIDATION_FAILED;
        };
    }

    private static ResponseEntity<Object> badBody(JacksonException e) {
        String field = e instanceof DatabindException databind ? path(databind) : "";
        String message;
        if (e instanceof UnrecognizedPropertyException unknown) {
            field = unknown.getPropertyName();
            message = "is not a field of this resource; fields you can set: "
                    + unknown.getKnownPropertyIds().stream()
                            .map(String::valueOf)
                            .sorted()
                            .collect(Collectors.joining(", "));
        } else if (e instanceof InvalidFormatException invalid
                && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            message = "must be one of " + enumValues(invalid.getTargetType());
        } else if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            message = "must be " + describe(mismatched.getTargetType());
        } else if (e instanceof StreamReadException) {
            String reason = e.getOriginalMessage();
            return ResponseEntity.badRequest()
                    .body(problem(
                            ProblemCode.VALIDATION_FAILED,
                            "The body is not valid JSON: " + (reason == null ? "it could not be parsed" : reason) + ".",
                            Map.of()));
        } else {
            message = "has a value that cannot be read: " + e.getOriginalMessage();
        }
        String name = field.isEmpty() ? "body" : field;
        return ResponseEntity.badRequest()
                .body(problem(
                        ProblemCode.VALIDATION_FAILED,
                        name + " " + message + ".",
                        Map.of("errors", List.of(new FieldError(name, message)))));
    }

    private static String path(DatabindException e) {
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + enumValues(type);
        }
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == UUID.class) {
            return "an id (UUID)";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String enumValues(Class<?> type) {
        return java.util.Arrays.stream(type.getEnumConstants())
                .map(String::valueOf)
                .collect(Collectors.joining(", "));
    }
}
