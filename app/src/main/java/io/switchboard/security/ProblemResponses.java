package io.switchboard.security;

import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.Problems;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/** Writes problem answers from security filters, which run before Spring MVC's error handling. */
final class ProblemResponses {

    private ProblemResponses() {}

    static void write(JsonMapper mapper, HttpServletResponse response, ProblemCode code, String detail)
            throws IOException {
        ProblemDetail problem = Problems.of(code, detail);
        response.setStatus(code.status());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        mapper.writeValue(response.getOutputStream(), problem);
    }
}
