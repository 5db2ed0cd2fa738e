package io.switchboard.entra.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.emulator.GraphEmulator;
import io.switchboard.emulator.GraphEmulatorExtension;
import io.switchboard.emulator.RecordedRequest;
import io.switchboard.emulator.Tenant;
import io.switchboard.entra.EntraGroup;
import io.switchboard.entra.EntraUser;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GraphClientIT {

    @RegisterExtension
    static GraphEmulatorExtension graph = GraphEmulatorExtension.withGeneratedTenant(7, 2_500);

    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    private GraphClient client(GraphEmulator emulator, Sleeper sleeper) {
        return new GraphClient(
                emulator.graphBaseUrl(),
                new EmulatorTokens(emulator),
                Clock.systemUTC(),
                sleeper,
                GraphClient.Settings.DEFAULTS);
    }

    private GraphClient fakeSleeping(GraphEmulator emulator) {
        return client(emulator, sleeps::add);
    }

    @Test
    void pagesThroughAllUsers(GraphEmulator emulator) {
        List<EntraUser> users = fakeSleeping(emulator).users();

        Set<String> expected = emulator.tenant().users().stream()
                .map(io.switchboard.emulator.EntraUser::id)
                .collect(Collectors.toSet());
        assertThat(expected).hasSize(2_500);
        assertThat(users).hasSize(2_500);
        assertThat(users).extracting(EntraUser::id).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(emulator.requestLog().count("^/v1\\.0/users\\?")).isGreaterThanOrEqualTo(3);
        assertThat(users).anyMatch(u -> u.userType() == EntraUser.UserType.GUEST);
        assertThat(users).anyMatch(u -> !u.accountEnabled());
        assertThat(users).anyMatch(u -> !u.extensionAttributes().isEmpty());
        assertThat(users).allMatch(u -> u.createdDateTime() != null);
        assertThat(sleeps).isEmpty();
    }

    /**
     * Microsoft Graph writes a page's nextLink before its items; with an executor the client asks
     * for the next page there while it handles this one (issue 15 point 2): the same users in the
     * same order as one page after the other, and a page asked for ahead that fails fails the walk
     * as it would have.
     */
    @Test
    void asksForTheNextPageOnItsExecutorWhileItHandlesThisOne_X3(GraphEmulator emulator) {
        java.util.concurrent.atomic.AtomicInteger handedOver = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newCachedThreadPool();
        try {
            java.util.concurrent.Executor given = command -> {
                handedOver.incrementAndGet();
                pool.execute(command);
            };
            List<String> oneAfterTheOther =
                    fakeSleeping(emulator).users().stream().map(EntraUser::id).toList();
            int pages = emulator.requestLog().count("^/v1\\.0/users\\?");
            emulator.requestLog().clear();

            List<String> ahead = fakeSleeping(emulator).batchingOn(given).users().stream()
                    .map(EntraUser::id)
                    .toList();

            assertThat(ahead).containsExactlyElementsOf(oneAfterTheOther);
            assertThat(emulator.requestLog().count("^/v1\\.0/users\\?"))
                    .as("no page asked for twice")
                    .isEqualTo(pages);
            assertThat(handedOver.get())
                    .as("every page after the first asked for ahead")
                    .isEqualTo(pages - 1);

            emulator.faults().status("^/v1\\.0/users\\?.*skiptoken", 1, 403, "Authorization_RequestDenied", null);
            assertThatThrownBy(() -> fakeSleeping(emulator).batchingOn(given).users())
                    .isInstanceOf(GraphException.class)
                    .satisfies(e -> assertThat(((GraphException) e).status()).isEqualTo(403));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Issue 15 point 2: the users are handed over page by page while the listing goes on, so the
     * sync keeps them in its tenant copy before the last page; a page that fails hands nothing.
     */
    @Test
    void handsEachPageOfUsersOverOnceItIsRead_X3(GraphEmulator emulator) {
        List<List<String>> pages = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger requestsWhenHanded = new java.util.concurrent.atomic.AtomicInteger();

        List<String> all = fakeSleeping(emulator)
                .users(page -> {
                    pages.add(page.stream().map(EntraUser::id).toList());
                    if (pages.size() == 1) {
                        requestsWhenHanded.set(emulator.requestLog().count("^/v1\\.0/users\\?"));
                    }
                })
                .stream()
                .map(EntraUser::id)
                .toList();

        assertThat(pages).extracting(List::size).containsExactly(999, 999, 502);
        assertThat(pages.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(all);
        assertThat(requestsWhenHanded.get())
                .as("the first page handed over before the last was asked for")
                .isEqualTo(1);

        pages.clear();
        emulator.requestLog().clear();
        emulator.faults().status("^/v1\\.0/users\\?.*skiptoken", 1, 403, "Authorization_RequestDenied", null);
        assertThatThrownBy(() -> fakeSleeping(emulator).users(page -> pages.add(List.of())))
                .isInstanceOf(GraphException.class);
        assertThat(pages).as("only the page read before the failure").hasSize(1);
    }

    @Test
    void honoursRetryAfterWithRealSleep(GraphEmulator emulator) {
        emulator.faults().throttle("^/v1\\.0/users\\?", 1, "2");

        List<EntraUser> users = client(emulator, Sleeper.THREAD).users();

        assertThat(users).hasSize(2_500);
        List<RecordedRequest> first =
                emulator.requestLog().matching("^/v1\\.0/users\\?").subList(0, 2);
        assertThat(first).extracting(RecordedRequest::status).containsExactly(429, 200);
        assertThat(first.get(1).target()).isEqualTo(first.get(0).target());
        assertThat(Duration.between(first.get(0).at(), first.get(1).at()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aSlowAnswerTimesOutAndIsRetried(GraphEmulator emulator) {
        emulator.faults().delay("^/v1\\.0/users\\?", 1, Duration.ofSeconds(5));
        GraphClient client = new GraphClient(
                emulator.graphBaseUrl(),
                new EmulatorTokens(emulator),
                Clock.systemUTC(),
                sleeps::add,
                new GraphClient.Settings(Duration.ofMillis(500), 3, 4, Duration.ofMillis(10), Duration.ofMillis(20)));

        long t0 = System.nanoTime();
        List<EntraUser> users = client.users();

        assertThat(users).hasSize(2_500);
        assertThat(sleeps).as("one backoff after the timed-out attempt").hasSize(1);
        assertThat(Duration.ofNanos(System.nanoTime() - t0))
                .as("the client did not wait for the slow answer")
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void countsWithEventualConsistency(GraphEmulator emulator) {
        GraphClient client = fakeSleeping(emulator);

        assertThat(client.countUsers()).isEqualTo(emulator.tenant().userCount());
        assertThat(client.countGroups()).isEqualTo(emulator.tenant().groups().size());
        assertThat(emulator.requestLog().matching("/\\$count")).hasSize(2).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.headers()).containsEntry("consistencylevel", "eventual");
        });
    }

    @Test
    void groupsComeWithDirectMembersThroughBatch(GraphEmulator emulator) {
        Tenant tenant = emulator.tenant();
        List<io.switchboard.emulator.EntraUser> someUsers = tenant.users().subList(0, 3);
        String parentId = Tenant.newObjectId();
        String childId = Tenant.newObjectId();
        tenant.createGroup(io.switchboard.emulator.EntraGroup.security(parentId, "Parent for graph client"));
        tenant.createGroup(io.switchboard.emulator.EntraGroup.security(childId, "Child for graph client"));
        tenant.addMember(parentId, someUsers.get(0).id());
        tenant.addMember(parentId, someUsers.get(1).id());
        tenant.addMember(parentId, childId);
        tenant.addMember(childId, someUsers.get(2).id());
        tenant.addLimitedMember(parentId, Tenant.newObjectId(), "#microsoft.graph.servicePrincipal");
        tenant.addLimitedMember(childId, Tenant.newObjectId(), "#microsoft.graph.orgContact");
        emulator.requestLog().clear();

        List<EntraGroup> groups = fakeSleeping(emulator).groups();

        Map<String, EntraGroup> byId = groups.stream().collect(Collectors.toMap(EntraGroup::id, Function.identity()));
        assertThat(byId.keySet())
                .containsExactlyInAnyOrderElementsOf(tenant.groups().stream()
                        .map(io.switchboard.emulator.EntraGroup::id)
                        .toList());
        assertThat(byId.get(parentId).memberUserIds())
                .containsExactlyInAnyOrder(
                        someUsers.get(0).id(), someUsers.get(1).id());
        assertThat(byId.get(parentId).memberGroupIds()).containsExactly(childId);
        assertThat(byId.get(childId).memberUserIds())
                .containsExactly(someUsers.get(2).id());
        assertThat(byId.get(childId).memberGroupIds()).isEmpty();
        assertMembersMatchTenant(tenant, groups);
        assertThat(groups).anyMatch(g -> !g.memberGroupIds().isEmpty() && !g.id().equals(parentId));

        // "All Staff" has more than 999 members: only its later pages are fetched outside $batch.
        int batches = emulator.requestLog().count("^/v1\\.0/\\$batch");
        assertThat(batches).isEqualTo((groups.size() + 19) / 20);
        assertThat(emulator.requestLog().all())
                .filteredOn(r -> r.path().endsWith("/members") && !r.batchItem())
                .isNotEmpty()
                .allMatch(r -> r.target().contains("$skiptoken="));
    }

    @Test
    void batchesRunOnTheExecutorTheClientIsGivenAtMostMaxConcurrentAtOnce_X3(GraphEmulator emulator) {
        Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger handedOver = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(8, r -> new Thread(r, "given-executor"));
        try {
            java.util.concurrent.Executor given = command -> {
                handedOver.incrementAndGet();
                pool.execute(() -> {
                    threads.add(Thread.currentThread().getName());
                    command.run();
                });
            };

            List<EntraGroup> groups = fakeSleeping(emulator).batchingOn(given).groups();

            assertMembersMatchTenant(emulator.tenant(), groups);
            assertThat(groups.size()).isGreaterThan(2 * 20);
            assertThat(handedOver.get())
                    .isGreaterThan(1)
                    .isLessThanOrEqualTo(GraphClient.Settings.DEFAULTS.maxConcurrentRequests());
            assertThat(threads).containsOnly("given-executor");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void retriesOnlyTheThrottledBatchItems(GraphEmulator emulator) {
        emulator.faults().throttle("/groups/[^/]+/members", 3, "1");

        List<EntraGroup> groups = fakeSleeping(emulator).groups();

        assertMembersMatchTenant(emulator.tenant(), groups);
        // Batches run concurrently, so the three throttled items may fall into one to three batches.
        assertThat(sleeps).isNotEmpty().hasSizeLessThanOrEqualTo(3).containsOnly(Duration.ofSeconds(1));
        List<RecordedRequest> items = emulator.requestLog().all().stream()
                .filter(r -> r.batchItem() && r.path().endsWith("/members"))
                .toList();
        assertThat(items).filteredOn(r -> r.status() == 429).hasSize(3);
        assertThat(items).hasSize(groups.size() + 3);
    }

    @Test
    void searchesByDisplayNamePrefix(GraphEmulator emulator) {
        GraphClient client = fakeSleeping(emulator);
        io.switchboard.emulator.EntraUser someone = emulator.tenant().users().stream()
                .filter(u -> u.displayName() != null && u.displayName().length() > 3)
                .findFirst()
                .orElseThrow();

        List<EntraUser> found = client.searchUsers(someone.displayName().substring(0, 3), 999);

        assertThat(found).extracting(EntraUser::id).contains(someone.id());
        assertThat(found)
                .allMatch(u -> u.displayName()
                        .toLowerCase()
                        .startsWith(someone.displayName().substring(0, 3).toLowerCase()));
        assertThat(client.searchUsers("O'Brien \"x\"", 5)).isEmpty();
        assertThat(client.searchGroups("All", 10))
                .extracting(EntraGroup::displayName)
                .contains("All Staff");
    }

    @Test
    void invalidTokenFailsWith401WithoutRetry(GraphEmulator emulator) {
        GraphClient client = new GraphClient(
                emulator.graphBaseUrl(),
                () -> "not-a-token",
                Clock.systemUTC(),
                sleeps::add,
                GraphClient.Settings.DEFAULTS);

        assertThatThrownBy(client::users).isInstanceOfSatisfying(GraphException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.code()).isEqualTo("InvalidAuthenticationToken");
            assertThat(e.requestId()).isNotBlank();
            assertThat(e.getMessage()).doesNotContain("not-a-token");
        });
        assertThat(emulator.requestLog().count("^/v1\\.0/users")).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void sendsAFreshClientRequestIdEachTime(GraphEmulator emulator) {
        GraphClient client = fakeSleeping(emulator);
        client.countUsers();
        client.countUsers();

        Set<String> ids = new HashSet<>();
        emulator.requestLog()
                .matching("/\\$count")
                .forEach(r -> ids.add(r.headers().get("client-request-id")));
        assertThat(ids).hasSize(2).doesNotContainNull();
    }

    static void assertMembersMatchTenant(Tenant tenant, List<EntraGroup> groups) {
        Set<String> groupIds = tenant.groups().stream()
                .map(io.switchboard.emulator.EntraGroup::id)
                .collect(Collectors.toSet());
        assertThat(groups).hasSize(groupIds.size());
        for (EntraGroup group : groups) {
            List<String> members = tenant.members(group.id());
            assertThat(group.memberGroupIds())
                    .as(group.displayName())
                    .containsExactlyInAnyOrderElementsOf(
                            members.stream().filter(groupIds::contains).toList());
            assertThat(group.memberUserIds())
                    .as(group.displayName())
                    .containsExactlyInAnyOrderElementsOf(
                            members.stream().filter(m -> !groupIds.contains(m)).toList());
        }
    }
}
