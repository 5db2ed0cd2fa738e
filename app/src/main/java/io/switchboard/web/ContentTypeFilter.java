package io.switchboard.web;

import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request whose {@code Content-Type} is no media type a body can have (unparseable, or a
 * wildcard such as {@code *}{@code /*}) is refused with 415 before anything reads it; further in,
 * such a header would fail as a server error.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ContentTypeFilter extends OncePerRequestFilter {

    private final JsonMapper mapper;

    ContentTypeFilter(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getContentType();
        if (header != null && !usable(header)) {
            response.setStatus(ProblemCode.UNSUPPORTED_MEDIA_TYPE.status());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            mapper.writeValue(
                    response.getOutputStream(),
                    Problems.of(
                            ProblemCode.UNSUPPORTED_MEDIA_TYPE,
                            "The Content-Type header names no media type a body can have. Send JSON with the"
                                    + " header Content-Type: application/json."));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean usable(String header) {
        if (header.isBlank()) {
            return true;
        }
        try {
            MediaType type = MediaType.parseMediaType(header);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
