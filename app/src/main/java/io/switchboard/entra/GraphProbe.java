package io.switchboard.entra;

import io.switchboard.entra.graph.GraphClient;
import io.switchboard.entra.graph.GraphException;
import org.springframework.stereotype.Component;

/** Counts users or groups through Graph ({@code /$count}, eventually consistent): the data check of C3. */
@Component
class GraphProbe {

    /** The count could not be read; the message says why in plain words. */
    static class ProbeFailed extends RuntimeException {
        ProbeFailed(String message) {
            super(message);
        }
    }

    long count(String graphEndpoint, String accessToken, String collection) {
        GraphClient graph = new GraphClient(graphEndpoint, () -> accessToken);
        try {
            return "users".equals(collection) ? graph.countUsers() : graph.countGroups();
        } catch (GraphException e) {
            if (e.status() == 403) {
                throw new ProbeFailed("Signed in, but the " + collection + " of the tenant cannot be read (403). Grant"
                        + " the permissions listed here and consent again.");
            }
            if (e.status() == 0) {
                throw new ProbeFailed("Signed in, but Microsoft Graph cannot be reached at " + graphEndpoint + ".");
            }
            throw new ProbeFailed("Signed in, but Microsoft Graph answered HTTP " + e.status() + " when counting "
                    + collection + ".");
        }
    }
}
