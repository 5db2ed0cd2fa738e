package io.switchboard.entra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.GraphEmulatorExtension;
import io.switchboard.emulator.RecordedRequest;
import io.switchboard.testing.EmulatedTenant;
import io.switchboard.testing.IntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** Reading the tenant through Graph delta against the emulator: paging, throttling, expired links (X3). */
class TenantReaderIT extends IntegrationTest {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withGeneratedTenant(5, 2_500);

    @Autowired
    TenantReader reader;

    @BeforeEach
    void connect(GraphEmulator emulator) {
        EmulatedTenant.connect(api, emulator);
    }

    @Test
    void pagesThroughEveryUserAndGroup(GraphEmulator emulator) {
        TenantReader.FullRead read = reader.readAll();

        assertThat(read.users()).hasSize(emulator.tenant().users().size()).hasSizeGreaterThanOrEqualTo(2_500);
        assertThat(read.groups()).hasSize(emulator.tenant().groups().size());
        assertThat(emulator.requestLog().count("^/v1\\.0/users\\?")).isGreaterThanOrEqualTo(3);
        assertThat(read.links().users()).contains("deltatoken");
        long members =
                read.groups().stream().mapToLong(g -> g.memberUserIds().size()).sum();
        long expected = emulator.tenant().groups().stream()
                .mapToLong(g -> emulator.tenant().members(g.id()).stream()
                        .filter(m -> emulator.tenant().user(m).isPresent())
                        .count())
                .sum();
        assertThat(members).isEqualTo(expected);
    }

    @Test
    void waitsAsLongAsRetryAfterSays(GraphEmulator emulator) {
        emulator.faults().throttle("^/v1\\.0/users/delta", 1, "2");

        reader.readAll();

        List<RecordedRequest> requests = emulator.requestLog().matching("^/v1\\.0/users/delta");
        assertThat(requests.get(0).status()).isEqualTo(429);
        assertThat(requests.get(1).status()).isEqualTo(200);
        assertThat(Duration.between(requests.get(0).at(), requests.get(1).at()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void readsOnlyTheChangesSinceTheLastLink(GraphEmulator emulator) {
        TenantReader.FullRead read = reader.readAll();
        String changed = read.users().get(0).id();
        emulator.tenant().updateUser(changed, b -> b.jobTitle("Delta tester"));
        emulator.requestLog().clear();

        TenantReader.Changes changes = reader.readChanges(read.links());

        assertThat(changes.users()).extracting(EntraUser::id).containsExactly(changed);
        assertThat(changes.users().get(0).jobTitle()).isEqualTo("Delta tester");
        assertThat(emulator.requestLog().count("/v1\\.0/(users|groups)")).isLessThanOrEqualTo(3);
    }

    @Test
    void anExpiredDeltaLinkMeansAFullSyncIsNeeded(GraphEmulator emulator) {
        TenantReader.FullRead read = reader.readAll();
        emulator.clock().advance(Duration.ofDays(8));

        assertThatThrownBy(() -> reader.readChanges(read.links())).isInstanceOf(TenantReader.FullSyncRequired.class);
    }
}
