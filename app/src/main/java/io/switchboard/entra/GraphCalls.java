package io.switchboard.entra;

import io.switchboard.entra.graph.GraphClient;
import io.switchboard.entra.graph.GraphException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Calls Graph with the connection's access token, renewing it once when Graph refuses it (401).
 * Any other failure is the caller's to turn into words.
 */
@Component
class GraphCalls {

    private final EntraConnection connection;
    private final Executor batches;

    GraphCalls(EntraConnection connection, GraphExecutor batches) {
        this.connection = connection;
        this.batches = batches.pool();
    }

    <T> T call(Function<GraphClient, T> request) {
        return call(request, () -> {});
    }

    /** As {@link #call(Function)}, calling {@code onPage} after each page Graph answers. */
    <T> T call(Function<GraphClient, T> request, Runnable onPage) {
        GraphClient graph = new GraphClient(connection.graphEndpoint(), connection::accessToken)
                .batchingOn(batches)
                .onEachResponse(onPage);
        try {
            return request.apply(graph);
        } catch (GraphException e) {
            if (e.status() != 401) {
                throw e;
            }
            connection.tokenRejected();
            return request.apply(graph);
        }
    }
}
