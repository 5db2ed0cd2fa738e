package io.switchboard.sync;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The thread that beats a running sync's heartbeat (X6) and retries recording a run's end, owned by
 * Spring and shut down with it. Not a scheduler bean itself, so {@code @Scheduled} work never lands on it.
 */
@Component
class SyncHeartbeats implements DisposableBean {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "sync-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    ScheduledExecutorService executor() {
        return executor;
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
