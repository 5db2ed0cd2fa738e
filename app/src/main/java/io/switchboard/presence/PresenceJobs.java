package io.switchboard.presence;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Beats {@link PresenceLoop#tick()} every second on a thread of its own: db-scheduler polls its
 * table every few seconds, too coarse for presence. Every instance beats; the lease in the
 * database lets one of them work (ADR 0020). {@code switchboard.jobs.recurring=false} leaves it
 * out, so the integration tests tick themselves.
 */
@Component
@ConditionalOnProperty(name = "switchboard.jobs.recurring", havingValue = "true", matchIfMissing = true)
class PresenceJobs implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PresenceJobs.class);

    private final PresenceLoop loop;
    private final ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "presence-beat");
        thread.setDaemon(true);
        return thread;
    });

    PresenceJobs(PresenceLoop loop) {
        this.loop = loop;
    }

    @Override
    public void afterPropertiesSet() {
        beat.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    private long lastWarning;

    /** A failing beat (the database away, say) is told once a minute, not every second. */
    private void tick() {
        try {
            loop.tick();
        } catch (RuntimeException e) {
            long now = System.nanoTime();
            if (lastWarning == 0 || now - lastWarning > TimeUnit.MINUTES.toNanos(1)) {
                lastWarning = now;
                log.warn("Teams presence tick failed: {}", e.toString());
            }
        }
    }

    @Override
    public void destroy() {
        beat.shutdownNow();
    }
}
