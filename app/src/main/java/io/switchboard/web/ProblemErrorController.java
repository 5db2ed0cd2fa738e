package io.switchboard.web;

import io.swagger.v3.oas.annotations.Hidden;
import io.switchboard.shared.ProblemCode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the errors the servlet container raises outside Spring MVC (a request Tomcat or a
 * filter refused, an exception in a filter) as problem+json, like every other error. Asked for
 * directly, {@code /error} is an address like any unknown one: 404.
 */
@RestController
@Hidden
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        BodyTooLarge tooLarge = ApiExceptionHandler.cause(failure, BodyTooLarge.class);
        ProblemDetail problem;
        if (tooLarge != null) {
            problem =
                    Problems.of(ProblemCode.PAYLOAD_TOO_LARGE, RequestSizeLimitFilter.tooLargeDetail(tooLarge.limit()));
        } else if (!(status instanceof Integer code)) {
            problem = Problems.of(ProblemCode.NOT_FOUND, ApiExceptionHandler.notFoundDetail());
        } else {
            HttpStatusCode given = HttpStatusCode.valueOf(code);
            ProblemCode problemCode = ApiExceptionHandler.codeFor(given);
            if (given.is5xxServerError()) {
                String incident = UUID.randomUUID().toString();
                log.error(
                        "Unexpected failure outside the API's handlers ({} {}), incident {}",
                        code,
                        request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                        incident,
                        failure);
                problem = ApiExceptionHandler.internalError(incident);
            } else {
                problem = Problems.of(problemCode, ApiExceptionHandler.sentenceFor(problemCode), Map.of());
            }
            problem.setStatus(code);
        }
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
