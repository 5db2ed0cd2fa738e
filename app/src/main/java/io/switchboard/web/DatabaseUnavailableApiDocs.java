package io.switchboard.web;

import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every operation of the OpenAPI document may answer {@code 503 DATABASE_UNAVAILABLE} (issue 20). */
@Configuration(proxyBeanMethods = false)
class DatabaseUnavailableApiDocs {

    @Bean
    OpenApiCustomizer databaseUnavailableResponse() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths()
                    .values()
                    .forEach(path -> path.readOperations().forEach(operation -> {
                        ApiResponses responses = operation.getResponses();
                        if (responses == null) {
                            responses = new ApiResponses();
                            operation.setResponses(responses);
                        }
                        responses.putIfAbsent(
                                "503",
                                new ApiResponse()
                                        .description(
                                                "DATABASE_UNAVAILABLE: the database cannot be reached and nothing was"
                                                        + " changed; retry once /actuator/health/readiness is UP")
                                        .content(new Content()
                                                .addMediaType("application/problem+json", new MediaType())));
                    }));
        };
    }
}
