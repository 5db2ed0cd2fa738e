package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.reconcile.Change.CreateExtension;
import io.switchboard.reconcile.Change.CreateGroup;
import io.switchboard.reconcile.Plan;
import io.switchboard.shared.ProblemCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link PlannerBenchmark}'s code in the default suite, on 2,000 users and 200 groups with one
 * measured plan: the generated tenant plans as the benchmark expects (an extension per user but
 * those whose email an older account holds in another case, U11; the 63 groups in range), and
 * a repeat full sync of what the first plan made changes nothing.
 */
class PlannerBenchmarkSmokeTest {

    @Test
    void theBenchmarksTenantPlansAndItsRepeatChangesNothing_U11() {
        List<Plan> plans = PlannerBenchmark.run(new PlannerBenchmark.Size(2_000, 200, 0, 1));
        Plan first = plans.get(0);

        long created = first.changes().stream()
                .filter(CreateExtension.class::isInstance)
                .count();
        long emailTaken = first.failures().stream()
                .filter(f -> f.code() == ProblemCode.EMAIL_TAKEN)
                .count();
        assertThat(emailTaken)
                .as("same addresses in another case go to the older account")
                .isPositive();
        assertThat(created).isBetween(1_900L, 2_000L - emailTaken);
        assertThat(first.changes().stream().filter(CreateGroup.class::isInstance))
                .hasSize(PlannerBenchmark.GROUPS_IN_SCOPE);
        assertThat(plans.get(1).changes()).isEmpty();
    }
}
