package io.switchboard.testing;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.switchboard.SwitchboardApplication;
import io.switchboard.trigger.SyncSchedule;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * Base of the integration tests: the whole service on a random port, over a real database of its
 * own (H2, or PostgreSQL in the second run), driven through HTTP as a client would. Every test
 * starts from an empty directory and default settings.
 */
@SpringBootTest(
        classes = {SwitchboardApplication.class, IntegrationTest.TestClock.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabase.class)
public abstract class IntegrationTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(START);
        }
    }

    /** The test clock's time at the start of every test. */
    public static final Instant START = Instant.parse("2026-11-22T08:00:00Z");

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected MutableClock clock;

    @Autowired
    private io.switchboard.security.SignInThrottle signInThrottle;

    @Autowired
    private Scheduler scheduler;

    protected Api api;

    @BeforeEach
    void startFromEmptyDirectory() {
        clock.set(START);
        signInThrottle.forgetAll();
        jdbc.sql("DELETE FROM audit_event").update();
        jdbc.sql("DELETE FROM integration_sign_in").update();
        jdbc.sql("UPDATE integration SET client_id = NULL, tenant_id = NULL, client_secret = NULL,"
                        + " client_secret_expires_at = NULL, cloud = 'GLOBAL', login_endpoint = NULL, graph_endpoint = NULL,"
                        + " mode = 'DELEGATED', enabled = TRUE, status = 'NOT_CONNECTED', status_reason = NULL,"
                        + " refresh_token = NULL, authorization_account = NULL")
                .update();
        jdbc.sql("DELETE FROM held_deletion").update();
        jdbc.sql("UPDATE sync_lock SET run_id = NULL, follow_up = NULL").update();
        jdbc.sql("DELETE FROM sync_result").update();
        jdbc.sql("DELETE FROM sync_run").update();
        jdbc.sql("DELETE FROM welcome_mail").update();
        jdbc.sql("DELETE FROM sync_setting").update();
        jdbc.sql("DELETE FROM graph_subscription").update();
        jdbc.sql("UPDATE change_window SET opened_at = NULL, events = 0, polled_at = NULL, problem = NULL,"
                        + " kept_until = NULL")
                .update();
        // Change-triggered sync is on by default; the tests that are not about it switch it off, so
        // no subscription or poll of theirs adds Graph requests they count.
        jdbc.sql("INSERT INTO sync_setting (name, document, updated_at) VALUES ('change-trigger',"
                        + " '{\"enabled\":false}', CURRENT_TIMESTAMP)")
                .update();
        jdbc.sql("DELETE FROM entra_group_member").update();
        jdbc.sql("DELETE FROM entra_group").update();
        jdbc.sql("DELETE FROM entra_user").update();
        jdbc.sql("DELETE FROM tenant_mirror_state").update();
        jdbc.sql("DELETE FROM contact").update();
        jdbc.sql("DELETE FROM phonebook").update();
        jdbc.sql("DELETE FROM extension_group").update();
        jdbc.sql("DELETE FROM extension").update();
        jdbc.sql("UPDATE pbx_settings SET extension_capacity = 1000, time_zone = 'UTC',"
                        + " public_base_url = 'http://localhost:8080', default_country = 'US'")
                .update();
        // The scheduled sync's next execution follows the test clock, which earlier tests moved.
        jdbc.sql("UPDATE scheduled_tasks SET execution_time = ? WHERE task_name = 'scheduled-sync'")
                .param(SyncSchedule.DEFAULT
                        .nextAfter(clock.instant(), java.time.ZoneOffset.UTC)
                        .atOffset(java.time.ZoneOffset.UTC))
                .update();
        // db-scheduler waits between polls by the test clock: a wait begun while an earlier test had
        // moved the clock ahead would last until the clock got there again, so it is cut short.
        scheduler.triggerCheckForDueExecutions();
        api = new Api(port).signIn();
    }

    /**
     * Stores a sync part's settings as the settings API would have saved them ({@code user-sync},
     * {@code group-sync}, …), without the run a save through the API may start.
     */
    protected void storeSyncSetting(String name, String document) {
        jdbc.sql("INSERT INTO sync_setting (name, document, updated_at) VALUES (?, ?, CURRENT_TIMESTAMP)")
                .params(name, document)
                .update();
    }
}
