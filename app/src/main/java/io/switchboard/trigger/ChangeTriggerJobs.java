package io.switchboard.trigger;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The change trigger's recurring work as db-scheduler tasks on the application's clock: the tick
 * (a due window fires, a due poll runs) and the upkeep of the subscriptions. The database hands
 * each execution to one instance. {@code switchboard.jobs.recurring=false} leaves them out, so
 * the integration tests call {@link ChangeTrigger#fireIfDue()}, {@link ChangeTrigger#pollIfDue()}
 * and {@link ChangeTrigger#maintain()} themselves and nothing races them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "switchboard.jobs.recurring", havingValue = "true", matchIfMissing = true)
class ChangeTriggerJobs {

    static final String TICK = "change-trigger-tick";
    static final String UPKEEP = "change-trigger-upkeep";

    private static final Logger log = LoggerFactory.getLogger(ChangeTriggerJobs.class);

    @Bean
    RecurringTask<Void> changeTriggerTick(ChangeDebounce debounce, DeltaPolling polling) {
        return Tasks.recurring(TICK, Schedules.fixedDelay(Duration.ofSeconds(15)))
                .execute((instance, context) -> {
                    try {
                        debounce.fireIfDue();
                        polling.pollIfDue();
                    } catch (RuntimeException e) {
                        log.warn("Change trigger tick failed: {}", e.toString());
                    }
                });
    }

    @Bean
    RecurringTask<Void> changeTriggerUpkeep(SubscriptionKeeper keeper) {
        return Tasks.recurring(UPKEEP, Schedules.fixedDelay(Duration.ofMinutes(10)))
                .execute((instance, context) -> {
                    try {
                        keeper.maintain();
                    } catch (RuntimeException e) {
                        log.warn("Keeping the change-notification subscriptions failed: {}", e.toString());
                    }
                });
    }
}
