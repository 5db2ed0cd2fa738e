package io.switchboard.web;

import io.switchboard.shared.ProblemCode;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ProblemDetail;

/** Builds the RFC 9457 problem documents every part of the API answers with. */
public final class Problems {

    private Problems() {}

    public static ProblemDetail of(ProblemCode code, String detail, Map<String, ?> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(ProblemStatus.of(code), detail);
        problem.setTitle(code.title());
        problem.setType(URI.create("urn:switchboard:problem:"
                + code.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setProperty("code", code.name());
        properties.forEach(problem::setProperty);
        return problem;
    }

    public static ProblemDetail of(ProblemCode code, String detail) {
        return of(code, detail, Map.of());
    }
}
