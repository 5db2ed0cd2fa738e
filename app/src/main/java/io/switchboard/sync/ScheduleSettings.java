package io.switchboard.sync;

import io.switchboard.directory.PbxSettingsService;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The stored schedule of the scheduled sync (M1); daily at 00:30 until an admin changes it. */
@Service
public class ScheduleSettings {

    static final String NAME = "schedule";

    private final SyncSettingsStore store;
    private final PbxSettingsService pbx;
    private final Clock clock;

    ScheduleSettings(SyncSettingsStore store, PbxSettingsService pbx, Clock clock) {
        this.store = store;
        this.pbx = pbx;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public SyncSchedule get() {
        return store.read(NAME, SyncSchedule.class).orElse(SyncSchedule.DEFAULT);
    }

    @Transactional
    public SyncSchedule set(SyncSchedule schedule) {
        store.write(NAME, schedule);
        return schedule;
    }

    /** The next scheduled run after now, in the PBX's time zone as it is set now. */
    @Transactional(readOnly = true)
    public Instant nextRun() {
        return get().nextAfter(clock.instant(), pbx.get().zone());
    }
}
