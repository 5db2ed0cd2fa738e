package io.switchboard.web;

import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.ProblemException;
import io.switchboard.shared.ProblemException.FieldError;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindingResult;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every error of the REST API into an RFC 9457 problem answer with a stable {@code code}.
 * The sentences are the service's own: a library's message is never passed on, so no answer names
 * a Java class, a package or a library.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private static final Pattern DUPLICATE_KEY =
            Pattern.compile("Duplicate (?:Object )?(?:property|field) \"([^\"]*)\"");

    private static ProblemDetail problem(ProblemCode code, String detail, Map<String, ?> properties) {
        return Problems.of(code, detail, properties);
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Object> onProblem(ProblemException e, java.util.Locale locale) {
        String worded = wordedInLanguage(e, locale);
        if (worded != null) {
            return ResponseEntity.status(ProblemStatus.of(e.code())).body(problem(e.code(), worded, e.properties()));
        }
        return answer(e);
    }

    /**
     * The detail of a refusal in the language the request asks for (Accept-Language), worded from
     * its stable code and naming the API's fields; null but for Chinese: the English detail is the
     * refusal's own, more specific sentence.
     */
    private String wordedInLanguage(ProblemException e, java.util.Locale locale) {
        if (locale == null || getMessageSource() == null || !"zh".equals(locale.getLanguage())) {
            return null;
        }
        List<String> fields = new java.util.ArrayList<>();
        if (e.properties().get("errors") instanceof List<?> errors) {
            errors.stream()
                    .filter(FieldError.class::isInstance)
                    .map(f -> ((FieldError) f).field())
                    .distinct()
                    .forEach(fields::add);
        }
        if (e.properties().get("lockedFields") instanceof List<?> locked) {
            locked.stream()
                    .map(String::valueOf)
                    .filter(f -> !fields.contains(f))
                    .forEach(fields::add);
        }
        return getMessageSource()
                .getMessage("problem." + e.code().name(), new Object[] {String.join("、", fields)}, null, locale);
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
                        : e.getRequiredType().isEnum()
                                ? "one of " + enumValues(e.getRequiredType())
                                : e.getRequiredType() == Boolean.class || e.getRequiredType() == boolean.class
                                        ? "true or false"
                                        : "a number";
        String message = "must be " + expected;
        return invalid(e.getName(), message);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> onUnexpected(Exception e) {
        if (cause(e, BodyTooLarge.class) != null) {
            return tooLarge(cause(e, BodyTooLarge.class));
        }
        if (DatabaseUnavailable.causedBy(e)) {
            log.warn("Request refused: the database cannot be reached ({})", e.getMessage());
            return ResponseEntity.status(ProblemStatus.of(ProblemCode.DATABASE_UNAVAILABLE))
                    .header(HttpHeaders.RETRY_AFTER, "5")
                    .body(problem(ProblemCode.DATABASE_UNAVAILABLE, DatabaseUnavailable.DETAIL, Map.of()));
        }
        String incident = UUID.randomUUID().toString();
        log.error("Unexpected failure, incident {}", incident, e);
        return ResponseEntity.internalServerError().body(internalError(incident));
    }

    static ProblemDetail internalError(String incident) {
        return problem(
                ProblemCode.INTERNAL_ERROR,
                "Something went wrong on the server. Nothing was changed by this request unless its answer"
                        + " said so; report incident " + incident + " to support if it happens again.",
                Map.of("incident", incident));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        BodyTooLarge tooLarge = cause(e, BodyTooLarge.class);
        if (tooLarge != null) {
            return tooLarge(tooLarge);
        }
        JacksonException jackson = cause(e, JacksonException.class);
        if (jackson != null) {
            return badBody(jackson);
        }
        return ResponseEntity.badRequest()
                .body(problem(
                        ProblemCode.VALIDATION_FAILED,
                        "The request needs a JSON body; none could be read. Send a JSON object with"
                                + " Content-Type: application/json.",
                        Map.of()));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (e instanceof MissingServletRequestParameterException missing) {
            return invalid(missing.getParameterName(), "is required");
        }
        if (e instanceof MaxUploadSizeExceededException) {
            return tooLarge(null);
        }
        if (e instanceof org.springframework.web.bind.MethodArgumentNotValidException invalid) {
            return fieldErrors(invalid.getBindingResult());
        }
        ProblemCode code = codeFor(status);
        String detail = detailFor(e, code);
        HttpHeaders kept = new HttpHeaders();
        if (headers.getAllow() != null && !headers.getAllow().isEmpty()) {
            kept.setAllow(headers.getAllow());
        }
        ProblemDetail answer = problem(code, detail, Map.of());
        answer.setStatus(status.value());
        return ResponseEntity.status(status).headers(kept).body(answer);
    }

    private static String detailFor(Exception e, ProblemCode code) {
        if (e instanceof NoResourceFoundException || e instanceof NoHandlerFoundException) {
            return notFoundDetail();
        }
        if (e instanceof HttpRequestMethodNotSupportedException method) {
            String[] allowed = method.getSupportedMethods();
            return allowed == null || allowed.length == 0
                    ? "This address does not accept that method."
                    : "This address does not accept that method; it accepts " + String.join(", ", allowed) + ".";
        }
        if (e instanceof HttpMediaTypeNotSupportedException) {
            return "The body's media type is not accepted here. Send JSON with the header Content-Type:"
                    + " application/json.";
        }
        if (e instanceof HttpMediaTypeNotAcceptableException) {
            return "This address answers JSON only. Ask for application/json (or leave out the Accept header).";
        }
        return sentenceFor(code);
    }

    static String notFoundDetail() {
        return "There is nothing at this address. The API's operations are listed at /v3/api-docs.";
    }

    /** The sentence of a problem raised outside the API's own code, by its code. */
    static String sentenceFor(ProblemCode code) {
        return switch (code) {
            case NOT_FOUND -> notFoundDetail();
            case METHOD_NOT_ALLOWED -> "This address does not accept that method.";
            case UNSUPPORTED_MEDIA_TYPE ->
                "The body's media type is not accepted here. Send JSON with the header Content-Type:"
                        + " application/json.";
            case NOT_ACCEPTABLE ->
                "This address answers JSON only. Ask for application/json (or leave out the Accept header).";
            case PAYLOAD_TOO_LARGE -> "The request is larger than the service accepts. Send less data per request.";
            case UNAUTHORIZED ->
                "Sign in first: send Authorization: Bearer <token> (from POST /api/v1/auth/token) or use the"
                        + " portal session.";
            case FORBIDDEN -> "The request was refused.";
            case INTERNAL_ERROR ->
                "Something went wrong on the server. Nothing was changed by this request unless its answer said"
                        + " so; try again, and report it to support if it happens again.";
            default ->
                "The request could not be read: check its address, query, headers and body against the API"
                        + " documentation at /v3/api-docs.";
        };
    }

    static ProblemCode codeFor(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        if (known == null) {
            return status.is5xxServerError() ? ProblemCode.INTERNAL_ERROR : ProblemCode.VALIDATION_FAILED;
        }
        return switch (known) {
            case NOT_FOUND -> ProblemCode.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> ProblemCode.METHOD_NOT_ALLOWED;
            case UNSUPPORTED_MEDIA_TYPE -> ProblemCode.UNSUPPORTED_MEDIA_TYPE;
            case NOT_ACCEPTABLE -> ProblemCode.NOT_ACCEPTABLE;
            case CONTENT_TOO_LARGE -> ProblemCode.PAYLOAD_TOO_LARGE;
            case UNAUTHORIZED -> ProblemCode.UNAUTHORIZED;
            case FORBIDDEN -> ProblemCode.FORBIDDEN;
            case TOO_MANY_REQUESTS -> ProblemCode.TOO_MANY_ATTEMPTS;
            default -> known.is5xxServerError() ? ProblemCode.INTERNAL_ERROR : ProblemCode.VALIDATION_FAILED;
        };
    }

    private static ResponseEntity<Object> answer(ProblemException e) {
        return ResponseEntity.status(ProblemStatus.of(e.code()))
                .body(problem(e.code(), e.getMessage(), e.properties()));
    }

    private static ResponseEntity<Object> invalid(String field, String message) {
        return ResponseEntity.badRequest()
                .body(problem(
                        ProblemCode.VALIDATION_FAILED,
                        field + " " + message + ".",
                        Map.of("errors", List.of(new FieldError(field, message)))));
    }

    private static ResponseEntity<Object> fieldErrors(BindingResult result) {
        List<FieldError> errors = result.getFieldErrors().stream()
                .map(f -> new FieldError(f.getField(), "is not valid"))
                .toList();
        String fields = errors.stream().map(FieldError::field).distinct().collect(Collectors.joining(", "));
        return ResponseEntity.badRequest()
                .body(problem(
                        ProblemCode.VALIDATION_FAILED,
                        fields.isEmpty() ? sentenceFor(ProblemCode.VALIDATION_FAILED) : "Check " + fields + ".",
                        Map.of("errors", errors)));
    }

    static ResponseEntity<Object> tooLarge(BodyTooLarge e) {
        long limit = e == null ? RequestSizeLimitFilter.MAX_BYTES : e.limit();
        return ResponseEntity.status(ProblemStatus.of(ProblemCode.PAYLOAD_TOO_LARGE))
                .body(problem(ProblemCode.PAYLOAD_TOO_LARGE, RequestSizeLimitFilter.tooLargeDetail(limit), Map.of()));
    }

    private static ResponseEntity<Object> badBody(JacksonException e) {
        ProblemException refused = cause(e, ProblemException.class);
        if (refused != null) {
            return answer(refused);
        }
        String field = e instanceof DatabindException databind ? path(databind) : "";
        String message;
        BadJsonValue bad = cause(e, BadJsonValue.class);
        if (bad != null) {
            message = bad.getMessage();
        } else if (e instanceof UnrecognizedPropertyException unknown) {
            field = unknown.getPropertyName();
            message = "is not a field of this resource; fields you can set: "
                    + unknown.getKnownPropertyIds().stream()
                            .map(String::valueOf)
                            .sorted()
                            .collect(Collectors.joining(", "));
        } else if (e instanceof InvalidNullException invalidNull) {
            message = "must not be null: give "
                    + (invalidNull.getTargetType() == null ? "a value" : describe(invalidNull.getTargetType()))
                    + ", or leave the field out to keep its value";
        } else if (e instanceof InvalidFormatException invalid
                && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            message = "must be one of " + enumValues(invalid.getTargetType());
        } else if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            message = "must be " + describe(mismatched.getTargetType());
        } else if (e instanceof StreamConstraintsException) {
            return ResponseEntity.badRequest()
                    .body(problem(
                            ProblemCode.VALIDATION_FAILED,
                            "The body is too large or too deeply nested to read. Send a smaller JSON document.",
                            Map.of()));
        } else if (e instanceof StreamReadException) {
            Matcher duplicate = DUPLICATE_KEY.matcher(String.valueOf(e.getOriginalMessage()));
            if (duplicate.find()) {
                return invalid(duplicate.group(1), "appears more than once; give each field once");
            }
            return ResponseEntity.badRequest()
                    .body(problem(
                            ProblemCode.VALIDATION_FAILED,
                            "The body is not valid JSON" + where(e) + ": " + reason(e)
                                    + ". Check the quotes, commas and brackets, and send UTF-8 text.",
                            Map.of()));
        } else {
            message = "has a value that cannot be read; check its type in the API documentation";
        }
        String name = field.isEmpty() ? "body" : field;
        if (field.isEmpty() && bad == null && !(e instanceof UnrecognizedPropertyException)) {
            message = "must be a JSON object with the fields of this resource";
        }
        return invalid(name, message);
    }

    private static String where(JacksonException e) {
        var location = e.getLocation();
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /**
     * The parser's reason in its first clause only, and only when it names no code of ours or of a
     * library; a generic reason otherwise.
     */
    private static String reason(JacksonException e) {
        String original = e.getOriginalMessage();
        if (original == null) {
            return "it could not be parsed";
        }
        String text = original;
        for (String cut : new String[] {"\n", " (start marker", "[Source", "`", " at [", ": was "}) {
            int at = text.indexOf(cut);
            if (at >= 0) {
                text = text.substring(0, at);
            }
        }
        text = text.strip();
        while (text.endsWith(".") || text.endsWith(":") || text.endsWith(",")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        if (text.isEmpty() || text.length() > 160 || ErrorTexts.leaksInternals(text)) {
            return "it could not be parsed";
        }
        return text;
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
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == UUID.class) {
            return "an id (UUID)";
        }
        if (type == java.time.Duration.class) {
            return "an ISO-8601 duration in quotes, such as \"PT10M\"";
        }
        if (type == java.time.LocalTime.class) {
            return "a time of day in quotes, such as \"00:30\"";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date and time in quotes, such as \"2026-01-31T08:00:00Z\"";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String enumValues(Class<?> type) {
        return java.util.Arrays.stream(type.getEnumConstants())
                .map(String::valueOf)
                .collect(Collectors.joining(", "));
    }

    static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
