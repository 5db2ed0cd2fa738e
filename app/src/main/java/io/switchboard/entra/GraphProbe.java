package io.switchboard.entra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Counts users or groups through Graph ({@code /$count} with {@code ConsistencyLevel: eventual}): the data check of C3. */
@Component
class GraphProbe {

    /** The count could not be read; the message says why in plain words. */
    static class ProbeFailed extends RuntimeException {
        ProbeFailed(String message) {
            super(message);
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    long count(String graphEndpoint, String accessToken, String collection) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(graphEndpoint + "/v1.0/" + collection + "/$count"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + accessToken)
                            .header("ConsistencyLevel", "eventual")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 403) {
                throw new ProbeFailed("Signed in, but the " + collection + " of the tenant cannot be read (403). Grant"
                        + " the permissions listed here and consent again.");
            }
            if (response.statusCode() != 200) {
                throw new ProbeFailed("Signed in, but Microsoft Graph answered HTTP " + response.statusCode()
                        + " when counting " + collection + ".");
            }
            return Long.parseLong(response.body().strip());
        } catch (IOException | NumberFormatException e) {
            throw new ProbeFailed("Signed in, but Microsoft Graph cannot be reached at " + graphEndpoint + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeFailed("Interrupted while reading Microsoft Graph.");
        }
    }
}
