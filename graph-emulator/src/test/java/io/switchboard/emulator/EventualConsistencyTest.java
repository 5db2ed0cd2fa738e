package io.switchboard.emulator;

import static io.switchboard.emulator.TestClient.json;
import static io.switchboard.emulator.TestClient.path;
import static io.switchboard.emulator.TestClient.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** §12 "Eventual consistency knobs": replication lag on reads, the advanced-query index and delta. */
class EventualConsistencyTest {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withGeneratedTenant(8, 30)
            .configure(b -> b.replicationDelay(Duration.ofSeconds(30)));

    @Test
    void newlyCreatedObjectGives404UntilReplicated(GraphEmulator emulator) {
        TestClient client = new TestClient(emulator);
        String token = client.appToken();
        EntraUser user = emulator.tenant().createUser(u -> u.displayName("Fresh Hire"));
        assertThat(client.get("/v1.0/users/" + user.id(), token).statusCode()).isEqualTo(404);
        emulator.clock().advance(Duration.ofSeconds(31));
        assertThat(client.get("/v1.0/users/" + user.id(), client.appToken()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void advancedQueryIndexLagsBehindWrites(GraphEmulator emulator) {
        TestClient client = new TestClient(emulator);
        String token = client.appToken();
        emulator.tenant().createUser(u -> u.displayName("Zygmunt Lagging"));
        String search = path("/v1.0/users", "$search", "\"displayName:Zygmunt\"", "$count", "true");
        Map<String, Object> before = json(client.get(search, token, "ConsistencyLevel", "eventual"));
        assertThat(before).containsEntry("@odata.count", 0);
        emulator.clock().advance(Duration.ofSeconds(31));
        Map<String, Object> after = json(client.get(search, client.appToken(), "ConsistencyLevel", "eventual"));
        assertThat(value(after)).hasSize(1);
    }

    @Test
    void deltaSeesAChangeOnlyAfterTheDelay(GraphEmulator emulator) {
        TestClient client = new TestClient(emulator);
        String token = client.appToken();
        String link = (String)
                json(client.get("/v1.0/users/delta?$deltatoken=latest", token)).get("@odata.deltaLink");
        EntraUser user = emulator.tenant().users().get(3);
        emulator.tenant().updateUser(user.id(), b -> b.jobTitle("Lagging title"));
        Map<String, Object> early = json(client.get(link, token));
        assertThat(value(early)).isEmpty();
        emulator.clock().advance(Duration.ofSeconds(31));
        Map<String, Object> late = json(client.get((String) early.get("@odata.deltaLink"), client.appToken()));
        assertThat(value(late)).extracting(u -> u.get("id")).containsExactly(user.id());
    }
}
