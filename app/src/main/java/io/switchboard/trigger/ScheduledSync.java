package io.switchboard.trigger;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import io.switchboard.entra.EntraConnection;
import io.switchboard.pbx.PbxSettingsReader;
import io.switchboard.shared.ProblemException;
import io.switchboard.sync.SyncService;
import io.switchboard.sync.SyncTrigger;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The scheduled sync (M1) as a db-scheduler recurring task: the database hands each execution to
 * exactly one instance (X6), and the next one is computed from the stored schedule in the PBX's
 * time zone when an execution completes, or at once when the admin changes the schedule.
 */
@Configuration(proxyBeanMethods = false)
class ScheduledSync {

    static final String TASK = "scheduled-sync";

    private static final Logger log = LoggerFactory.getLogger(ScheduledSync.class);

    /** The stored schedule, read afresh for every next execution. */
    static final class StoredSchedule implements Schedule {

        private final ScheduleSettings schedule;
        private final PbxSettingsReader pbx;

        StoredSchedule(ScheduleSettings schedule, PbxSettingsReader pbx) {
            this.schedule = schedule;
            this.pbx = pbx;
        }

        @Override
        public Instant getNextExecutionTime(ExecutionComplete done) {
            return schedule.get().nextAfter(done.getTimeDone(), pbx.get().zone());
        }

        @Override
        public Instant getInitialExecutionTime(Instant now) {
            return schedule.get().nextAfter(now, pbx.get().zone());
        }

        @Override
        public boolean isDeterministic() {
            return false;
        }
    }

    /** db-scheduler reads time from the application's clock, so both agree on when a run is due. */
    @Bean
    com.github.kagkarlsson.scheduler.Clock schedulerClock(Clock clock) {
        return clock::instant;
    }

    @Bean
    RecurringTask<Void> scheduledSyncTask(
            ScheduleSettings schedule, PbxSettingsReader pbx, SyncService sync, EntraConnection connection) {
        return Tasks.recurring(TASK, new StoredSchedule(schedule, pbx)).execute((instance, context) -> {
            if (!connection.connected()) {
                return;
            }
            try {
                sync.runNow(SyncTrigger.SCHEDULE);
            } catch (ProblemException e) {
                // Disabled, nothing to sync, or the run was removed meanwhile: the schedule goes on.
                log.info("Scheduled sync not run: {}", e.getMessage());
            }
        });
    }

    /** Moves the pending execution to the schedule's next run, after the admin changed it. */
    static void reschedule(ObjectProvider<SchedulerClient> scheduler, Instant next) {
        SchedulerClient client = scheduler.getIfAvailable();
        if (client != null) {
            client.reschedule(TaskInstanceId.of(TASK, RecurringTask.INSTANCE), next);
        }
    }
}
