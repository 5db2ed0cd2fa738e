package io.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.IntegrationTest;
import io.switchboard.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OperationsIT extends IntegrationTest {

    @Test
    void openApiListsEveryDirectoryIntegrationAndSyncResource() {
        JsonNode paths = api.anonymous("GET", "/v3/api-docs", null).body().path("paths");

        assertThat(paths.propertyNames())
                .contains(
                        "/api/v1/extensions",
                        "/api/v1/extensions/{id}",
                        "/api/v1/extension-groups",
                        "/api/v1/extension-groups/{id}",
                        "/api/v1/phonebooks",
                        "/api/v1/phonebooks/{id}",
                        "/api/v1/phonebooks/{id}/contacts",
                        "/api/v1/phonebooks/{id}/contacts/{cid}",
                        "/api/v1/extensions/{extensionId}/personal-contacts",
                        "/api/v1/extensions/{extensionId}/personal-contacts/{cid}",
                        "/api/v1/settings",
                        "/api/v1/auth/token",
                        "/api/v1/integration",
                        "/api/v1/integration/sign-in",
                        "/api/v1/integration/client-secret",
                        "/api/v1/integration/user-sync",
                        "/api/v1/integration/group-sync",
                        "/api/v1/integration/directory/users",
                        "/api/v1/integration/directory/groups",
                        "/api/v1/integration/sync",
                        "/api/v1/integration/held-deletions",
                        "/api/v1/sync-runs",
                        "/api/v1/sync-runs/{id}",
                        "/api/v1/sync-runs/{id}/results",
                        "/api/v1/sync-runs/{id}/export");
        assertThat(paths.path("/api/v1/integration/sync")
                        .path("post")
                        .path("parameters")
                        .toString())
                .contains("dryRun");
    }

    @Test
    void theSwaggerUiIsOffUnlessEnabledWhileTheOpenApiDocumentStaysAndNamesTheDatabaseOutage_issue20() {
        var docs = api.anonymous("GET", "/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()
                        .path("paths")
                        .path("/api/v1/extensions")
                        .path("get")
                        .path("responses")
                        .path("503")
                        .path("description")
                        .asString())
                .startsWith("DATABASE_UNAVAILABLE");
        assertThat(api.anonymous("GET", "/swagger-ui.html", null).status()).isEqualTo(404);
        assertThat(api.anonymous("GET", "/swagger-ui/index.html", null).status())
                .isEqualTo(404);
    }

    @Test
    void runsOnTheDatabaseThisSuiteRunIsFor() {
        String product = jdbc.sql("SELECT 1").query(rs -> {
            rs.next();
            return rs.getStatement().getConnection().getMetaData().getDatabaseProductName();
        });

        assertThat(product).isEqualTo(TestDatabase.postgres() ? "PostgreSQL" : "H2");
    }

    @Test
    void healthProbesAndMetricsAreServed() {
        assertThat(api.anonymous("GET", "/actuator/health", null).text("status"))
                .isEqualTo("UP");
        assertThat(api.anonymous("GET", "/actuator/health/liveness", null).text("status"))
                .isEqualTo("UP");
        assertThat(api.anonymous("GET", "/actuator/health/readiness", null).text("status"))
                .isEqualTo("UP");
        assertThat(api.anonymous("GET", "/actuator/prometheus", null).status())
                .as("metrics are for the administrator (issue 13.8)")
                .isEqualTo(401);
        assertThat(api.get("/actuator/prometheus").raw().body()).contains("jvm_memory_used_bytes");
    }
}
