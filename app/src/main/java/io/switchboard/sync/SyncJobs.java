package io.switchboard.sync;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sync module's recurring work as db-scheduler tasks: the janitor (X6) every {@code
 * switchboard.sync.janitor-interval}. {@code switchboard.jobs.recurring=false} leaves it out, so
 * the tests call {@link SyncJanitor#takeOverAbandonedRun()} themselves.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "switchboard.jobs.recurring", havingValue = "true", matchIfMissing = true)
class SyncJobs {

    static final String JANITOR = "sync-janitor";

    private static final Logger log = LoggerFactory.getLogger(SyncJobs.class);

    @Bean
    RecurringTask<Void> syncJanitorTask(SyncJanitor janitor, SyncProperties properties) {
        return Tasks.recurring(JANITOR, Schedules.fixedDelay(properties.janitorInterval()))
                .execute((instance, context) -> {
                    try {
                        janitor.takeOverAbandonedRun();
                    } catch (RuntimeException e) {
                        log.warn("Looking for an abandoned sync failed: {}", e.toString());
                    }
                });
    }
}
