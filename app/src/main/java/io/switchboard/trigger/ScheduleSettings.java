package io.switchboard.trigger;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import io.switchboard.entra.EntraConnection;
import io.switchboard.pbx.PbxSettingsReader;
import io.switchboard.sync.SyncSettingsStore;
import java.time.Clock;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The stored schedule of the scheduled sync (M1); daily at 00:30 until an admin changes it. */
@Service
public class ScheduleSettings {

    static final String NAME = "schedule";

    private final SyncSettingsStore store;
    private final PbxSettingsReader pbx;
    private final Clock clock;
    private final ObjectProvider<SchedulerClient> scheduler;
    private final EntraConnection connection;

    ScheduleSettings(
            SyncSettingsStore store,
            PbxSettingsReader pbx,
            Clock clock,
            ObjectProvider<SchedulerClient> scheduler,
            EntraConnection connection) {
        this.connection = connection;
        this.store = store;
        this.pbx = pbx;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    @Transactional(readOnly = true)
    public SyncSchedule get() {
        return store.read(NAME, SyncSchedule.class).orElse(SyncSchedule.DEFAULT);
    }

    /** Stores the schedule and moves the pending scheduled execution to its next run. */
    @Transactional
    public SyncSchedule set(SyncSchedule schedule) {
        SyncSettingsStore.requireEditable(connection);
        store.write(NAME, schedule);
        ScheduledSync.reschedule(
                scheduler, schedule.nextAfter(clock.instant(), pbx.get().zone()));
        return schedule;
    }

    /** The next scheduled run after now, in the PBX's time zone as it is set now. */
    @Transactional(readOnly = true)
    public Instant nextRun() {
        return get().nextAfter(clock.instant(), pbx.get().zone());
    }
}
