package io.switchboard.notification;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The welcome-mail outbox's retries as a db-scheduler task every {@code
 * switchboard.mail.poll-interval}: one instance at a time sends what is due. {@code
 * switchboard.jobs.recurring=false} leaves it out, so the tests send when they mean to.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "switchboard.jobs.recurring", havingValue = "true", matchIfMissing = true)
class WelcomeMailJobs {

    static final String OUTBOX = "welcome-mail-outbox";

    private static final Logger log = LoggerFactory.getLogger(WelcomeMailJobs.class);

    @Bean
    RecurringTask<Void> welcomeMailOutboxTask(
            WelcomeMailDispatcher dispatcher, @Value("${switchboard.mail.poll-interval:PT30S}") Duration pollInterval) {
        return Tasks.recurring(OUTBOX, Schedules.fixedDelay(pollInterval)).execute((instance, context) -> {
            try {
                dispatcher.dispatchDue();
            } catch (RuntimeException e) {
                log.warn("Sending the due welcome mails failed: {}", e.toString());
            }
        });
    }
}
