package io.switchboard.emulator;

import static io.switchboard.emulator.TestClient.json;
import static io.switchboard.emulator.TestClient.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The generated tenant is large, fast, reproducible and as messy as real directories. */
class TenantGeneratorTest {

    @Test
    void generates20000UsersInAFewSecondsAndServesThemPagedAndByDelta() {
        long start = System.nanoTime();
        try (GraphEmulator emulator =
                GraphEmulator.builder().generatedTenant(1, 20_000).start()) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
            assertThat(emulator.tenant().userCount()).isEqualTo(20_000);
            TestClient client = new TestClient(emulator);
            String token = client.appToken();
            long pagingStart = System.nanoTime();
            int count = 0;
            String next = "/v1.0/users?$top=999&$select=id";
            while (next != null) {
                Map<String, Object> body = json(client.get(next, token));
                count += value(body).size();
                next = (String) body.get("@odata.nextLink");
            }
            assertThat(count).isEqualTo(20_000);
            assertThat(Duration.ofNanos(System.nanoTime() - pagingStart)).isLessThan(Duration.ofSeconds(10));

            String link = (String) json(client.get("/v1.0/users/delta?$deltatoken=latest", token))
                    .get("@odata.deltaLink");
            emulator.tenant().updateUser(emulator.tenant().users().get(100).id(), b -> b.jobTitle("Only change"));
            Map<String, Object> round = json(client.get(link, token));
            assertThat(value(round)).hasSize(1);
            assertThat(round).containsKey("@odata.deltaLink");
        }
    }

    @Test
    void sameSeedGivesSameTenant() {
        try (GraphEmulator a = GraphEmulator.builder().generatedTenant(99, 300).start();
                GraphEmulator b =
                        GraphEmulator.builder().generatedTenant(99, 300).start()) {
            assertThat(a.tenant().users()).isEqualTo(b.tenant().users());
            assertThat(a.tenant().groups()).isEqualTo(b.tenant().groups());
        }
    }

    @Test
    void tenantIsRealisticallyMessy() {
        try (GraphEmulator emulator =
                GraphEmulator.builder().generatedTenant(4, 3000).start()) {
            Tenant tenant = emulator.tenant();
            List<EntraUser> users = tenant.users();
            assertThat(users)
                    .anyMatch(u -> u.userType().equals("Guest")
                            && u.userPrincipalName().contains("#EXT#"));
            assertThat(users).anyMatch(u -> !u.accountEnabled());
            assertThat(users)
                    .anyMatch(u -> u.displayName()
                            .chars()
                            .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN));
            assertThat(users).anyMatch(u -> u.displayName().matches(".*[éèüöøłñçå].*"));
            assertThat(users)
                    .anyMatch(u -> u.givenName() == null && u.userType().equals("Member"));
            assertThat(users).anyMatch(u -> u.surname() == null && u.userType().equals("Member"));
            List<String> mails =
                    users.stream().map(EntraUser::mail).filter(Objects::nonNull).toList();
            Set<String> lower = new HashSet<>();
            assertThat(mails.stream()
                            .filter(m -> !lower.add(m.toLowerCase(Locale.ROOT)))
                            .toList())
                    .as("e-mail addresses repeated in another letter case")
                    .isNotEmpty();
            Set<String> phoneShapes = users.stream()
                    .flatMap(u -> u.businessPhones().stream())
                    .map(p -> p.replaceAll("\\d", "9"))
                    .collect(Collectors.toSet());
            assertThat(phoneShapes).hasSizeGreaterThan(8);
            assertThat(users)
                    .anyMatch(u -> u.employeeId() != null && u.employeeId().matches("\\d+"));
            assertThat(users)
                    .anyMatch(u -> u.employeeId() != null && !u.employeeId().matches("\\d+"));
            assertThat(users)
                    .anyMatch(u -> "12a4".equals(u.extensionAttributes().get("extensionAttribute1"))
                            || "99999999999999999"
                                    .equals(u.extensionAttributes().get("extensionAttribute1")));
            Set<Integer> years = users.stream()
                    .map(u ->
                            u.createdDateTime().atZone(java.time.ZoneOffset.UTC).getYear())
                    .collect(Collectors.toSet());
            assertThat(years).hasSizeGreaterThan(5);
            assertThat(users).allMatch(u -> u.createdDateTime().isBefore(Instant.parse("2025-06-02T00:00:00Z")));

            List<EntraGroup> groups = tenant.groups();
            assertThat(groups).hasSizeGreaterThan(63);
            assertThat(groups).anyMatch(g -> g.groupTypes().contains("Unified"));
            assertThat(groups).anyMatch(g -> g.groupTypes().isEmpty() && g.securityEnabled() && !g.mailEnabled());
            assertThat(groups).anyMatch(g -> g.groupTypes().isEmpty() && g.securityEnabled() && g.mailEnabled());
            assertThat(groups).anyMatch(g -> g.groupTypes().isEmpty() && !g.securityEnabled() && g.mailEnabled());
            assertThat(tenant.memberOf(emulator.authorizationAccount().id())).hasSizeGreaterThan(63);
            assertThat(groups)
                    .anyMatch(g -> tenant.members(g.id()).stream()
                            .anyMatch(m -> tenant.group(m).isPresent()));
        }
    }
}
