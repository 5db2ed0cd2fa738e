package io.switchboard.presence;

import io.switchboard.entra.EntraUnavailable;
import io.switchboard.entra.TeamsPresenceGraph;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The users whose presence a notification said changed, waiting to be read: basic notifications
 * carry no presence, so one {@code getPresencesByUserId} per 650 users notified together fetches
 * it. Work runs on one thread of its own, so the notification URL answers 202 at once; users
 * notified while a read is running are read together next. A read that fails leaves the users to
 * the poll, which finds the change by itself.
 */
@Component
class PresenceInbox implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PresenceInbox.class);

    private final TeamsPresenceGraph graph;
    private final PresenceApplier applier;
    private final PresenceSubscriptions subscriptions;
    private final PresenceLoop loop;
    private final Clock clock;
    private final Map<String, Instant> waiting = new LinkedHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "presence-inbox");
        thread.setDaemon(true);
        return thread;
    });

    PresenceInbox(
            TeamsPresenceGraph graph,
            PresenceApplier applier,
            PresenceSubscriptions subscriptions,
            PresenceLoop loop,
            Clock clock) {
        this.graph = graph;
        this.applier = applier;
        this.subscriptions = subscriptions;
        this.loop = loop;
        this.clock = clock;
    }

    /** Queues users notified now. */
    void notified(List<String> userIds) {
        Instant now = clock.instant();
        synchronized (waiting) {
            userIds.forEach(id -> waiting.putIfAbsent(id.toLowerCase(java.util.Locale.ROOT), now));
        }
        if (scheduled.compareAndSet(false, true)) {
            worker.execute(this::drain);
        }
    }

    private void drain() {
        scheduled.set(false);
        Map<String, Instant> batch;
        synchronized (waiting) {
            batch = new LinkedHashMap<>(waiting);
            waiting.clear();
        }
        List<String> ids = new ArrayList<>(batch.keySet());
        for (int from = 0; from < ids.size(); from += TeamsPresenceGraph.CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + TeamsPresenceGraph.CHUNK));
            Instant since =
                    chunk.stream().map(batch::get).min(Instant::compareTo).orElse(clock.instant());
            try {
                applier.countRequest();
                applier.apply(graph.read(chunk), since, PresenceApplier.Source.NOTIFICATION);
            } catch (EntraUnavailable | TeamsPresenceGraph.Throttled e) {
                log.info(
                        "Could not read the presence of {} notified users ({}); the poll will",
                        chunk.size(),
                        e.getMessage());
            } catch (RuntimeException e) {
                log.warn("Reading notified presence failed", e);
            }
        }
    }

    /** Acts on a lifecycle event of one of our subscriptions (reference §8.5). */
    void lifecycle(String subscriptionId, String event) {
        worker.execute(() -> {
            try {
                var held = subscriptions.find(subscriptionId);
                if (held.isEmpty()) {
                    return;
                }
                switch (event) {
                    case "reauthorizationRequired" -> {
                        if (!subscriptions.reauthorize(subscriptionId)) {
                            recreate(held.get());
                        }
                    }
                    case "subscriptionRemoved" -> {
                        subscriptions.forget(subscriptionId);
                        recreate(held.get());
                    }
                    case "missed" -> loop.read(held.get().userIds(), clock.instant());
                    default -> {}
                }
            } catch (RuntimeException e) {
                log.warn("Acting on the presence subscription's {} event failed: {}", event, e.getMessage());
            }
        });
    }

    private void recreate(PresenceSubscriptions.Held lost) {
        subscriptions.forget(lost.id());
        loop.dueNow();
        loop.tick();
    }

    /** Waits until the work queued so far is done (tests and shutdown). */
    void settle() throws Exception {
        worker.submit(() -> {}).get();
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
