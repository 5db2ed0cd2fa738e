package io.switchboard.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Runs {@link ListWalkBenchmark} (issue 15 point 9) and prints its figures; it asserts only that every object was
 * served, never a rate. Its size comes from {@code -Demulator.benchmark.users} and {@code -Demulator.benchmark.groups}
 * (default a 3,000-user smoke run).
 */
class ListWalkBenchmarkTest {

    @Test
    void aListWalkServesEveryUserGroupAndMemberAndReportsItsRate() {
        int users = Integer.getInteger("emulator.benchmark.users", 3_000);
        int groups = Integer.getInteger("emulator.benchmark.groups", 100);
        int rounds = Integer.getInteger("emulator.benchmark.rounds", 1);
        ListWalkBenchmark.Result result = ListWalkBenchmark.run(users, groups, rounds);
        System.out.println(result.report());
        assertThat(result.userCount()).isEqualTo(users);
        assertThat(result.userPages()).isEqualTo((users + 998) / 999);
        assertThat(result.groupCount()).isEqualTo(groups);
        assertThat(result.memberCount()).isGreaterThan(users / 2);
    }
}
