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
import java.util.Set;
import java.util.stream.Collectors;
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
    void aThrottlingStormDuringTheFullReadLosesNoPageAndWaitsAsEachRetryAfterSays_X3(GraphEmulator emulator) {
        // every kind of request a full read sends is refused, while the others are in flight (issue 15 point 2)
        emulator.faults()
                .throttle("^/v1\\.0/users/delta", 1, "1")
                .throttle("^/v1\\.0/groups/delta", 1, "1")
                .throttle("^/v1\\.0/users\\?.*skiptoken", 2, "1")
                .throttle("^/v1\\.0/groups\\?", 1, "1")
                .throttle("/groups/[^/]+/members", 3, "1");

        TenantReader.FullRead read = reader.readAll();

        List<String> tenantUsers =
                emulator.tenant().users().stream().map(u -> u.id()).sorted().toList();
        assertThat(read.users().stream().map(EntraUser::id).sorted().toList())
                .as("every user once, none lost or repeated")
                .isEqualTo(tenantUsers);
        assertThat(read.groups()).hasSize(emulator.tenant().groups().size());
        for (EntraGroup g : read.groups()) {
            Set<String> expected = emulator.tenant().members(g.id()).stream()
                    .filter(m -> emulator.tenant().user(m).isPresent())
                    .collect(Collectors.toSet());
            assertThat(g.memberUserIds()).as("members of %s", g.id()).isEqualTo(expected);
        }
        List<RecordedRequest> log = emulator.requestLog().all();
        List<RecordedRequest> refused =
                log.stream().filter(r -> r.status() == 429).toList();
        assertThat(refused).as("the storm happened").hasSize(8);
        for (RecordedRequest r : refused) {
            assertThat(log)
                    .as("%s asked again once its Retry-After had passed", r.target())
                    .anySatisfy(again -> {
                        assertThat(again.target()).isEqualTo(r.target());
                        assertThat(again.status()).isEqualTo(200);
                        assertThat(Duration.between(r.at(), again.at())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
                    });
        }
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
