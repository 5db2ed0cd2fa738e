package io.switchboard.trigger.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.directory.PbxSettingsService;
import io.switchboard.shared.MergePatch;
import io.switchboard.trigger.ScheduleSettings;
import io.switchboard.trigger.SyncSchedule;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/integration/schedule")
@Tag(name = "Schedule", description = "When the scheduled sync runs, in the PBX time zone (M1)")
class ScheduleController {

    /** The schedule with, for reading only, the time zone it follows and its next run. */
    record ScheduleView(
            SyncSchedule.Frequency frequency,
            String time,
            List<DayOfWeek> weekdays,
            String timeZone,
            Instant nextRunAt) {}

    private final ScheduleSettings schedule;
    private final PbxSettingsService pbx;
    private final JsonMapper mapper;

    ScheduleController(ScheduleSettings schedule, PbxSettingsService pbx, JsonMapper mapper) {
        this.schedule = schedule;
        this.pbx = pbx;
        this.mapper = mapper;
    }

    @GetMapping
    ScheduleView get() {
        SyncSchedule current = schedule.get();
        return new ScheduleView(
                current.frequency(),
                current.time(),
                current.weekdays(),
                pbx.get().timeZone(),
                schedule.nextRun());
    }

    @PutMapping
    @Operation(summary = "Change the schedule; omitted fields keep their value")
    ScheduleView put(@RequestBody JsonNode document) {
        schedule.set(MergePatch.apply(mapper, schedule.get(), document, SyncSchedule.class));
        return get();
    }
}
