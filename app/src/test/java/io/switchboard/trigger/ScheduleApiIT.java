package io.switchboard.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.Api.Answer;
import io.switchboard.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

class ScheduleApiIT extends IntegrationTest {

    @Test
    void defaultsToDailyAtHalfPastMidnightInThePbxTimeZone_M1() {
        api.patch("/api/v1/settings", "{\"timeZone\":\"Asia/Shanghai\"}");

        Answer schedule = api.get("/api/v1/integration/schedule");

        assertThat(schedule.text("frequency")).isEqualTo("DAILY");
        assertThat(schedule.text("time")).isEqualTo("00:30");
        assertThat(schedule.text("timeZone")).isEqualTo("Asia/Shanghai");
        assertThat(schedule.text("nextRunAt")).isEqualTo("2026-11-22T16:30:00Z");
    }

    @Test
    void changesToWeeklyKeepingOmittedFields_M1() {
        Answer weekly =
                api.put("/api/v1/integration/schedule", "{\"frequency\":\"WEEKLY\",\"weekdays\":[\"TUESDAY\"]}");

        assertThat(weekly.status()).isEqualTo(200);
        assertThat(weekly.text("time")).isEqualTo("00:30");
        assertThat(weekly.text("nextRunAt")).isEqualTo("2026-11-24T00:30:00Z");
        Answer changed = api.put("/api/v1/integration/schedule", "{\"time\":\"06:15\"}");
        assertThat(changed.text("frequency")).isEqualTo("WEEKLY");
        java.time.OffsetDateTime pending = jdbc.sql(
                        "SELECT execution_time FROM scheduled_tasks WHERE task_name = 'scheduled-sync'")
                .query(java.time.OffsetDateTime.class)
                .single();
        assertThat(pending.toInstant())
                .as("the cluster-wide job moved to the new next run (X6)")
                .isEqualTo(java.time.Instant.parse(changed.text("nextRunAt")));
        assertThat(api.get("/api/v1/integration/schedule").text("time")).isEqualTo("06:15");
    }

    @Test
    void refusesABadSchedule_M1() {
        Answer bad = api.put("/api/v1/integration/schedule", "{\"frequency\":\"WEEKLY\"}");

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text("detail")).contains("weekdays");
        assertThat(api.put("/api/v1/integration/schedule", "{\"time\":\"7pm\"}").status())
                .isEqualTo(400);
        assertThat(api.put("/api/v1/integration/schedule", "{\"weekdays\":[\"FUNDAY\"]}")
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/v1/integration/schedule").text("frequency")).isEqualTo("DAILY");
    }
}
