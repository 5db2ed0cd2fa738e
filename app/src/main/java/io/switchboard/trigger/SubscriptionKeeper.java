package io.switchboard.trigger;

import io.switchboard.entra.ChangeSubscriptions;
import io.switchboard.entra.EntraConnected;
import io.switchboard.entra.EntraConnection;
import io.switchboard.entra.EntraUnavailable;
import io.switchboard.entra.SubscriptionLifecycleNotified;
import io.switchboard.sync.IntegrationStopRequested;
import io.switchboard.sync.SyncSettingsChanged;
import io.switchboard.trigger.ChangeTrigger.EffectiveMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps the Graph change-notification subscriptions (M2): created when the trigger is active,
 * renewed a day before they expire, deleted when the trigger, both syncs or the integration are
 * switched off. Lifecycle notifications renew or recreate the subscription and run a delta sync,
 * since changes in the gap may have gone unnoticed. One instance at a time holds the lease on the
 * window row; Graph is called with no database transaction open.
 */
@Component
class SubscriptionKeeper {

    /** How long a subscription is asked for; Graph allows under 29 days for users and groups. */
    static final Duration LIFETIME = Duration.ofDays(3);

    /** A subscription with less than this left is renewed. */
    static final Duration RENEW_BEFORE = Duration.ofDays(1);

    private static final Duration WAIT_FOR_LEASE = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(SubscriptionKeeper.class);

    private final TriggerState state;
    private final WindowRow window;
    private final ChangeSubscriptions subscriptions;
    private final EntraConnection connection;
    private final ChangeDebounce debounce;
    private final TaskExecutor executor;
    private final Clock clock;

    SubscriptionKeeper(
            TriggerState state,
            WindowRow window,
            ChangeSubscriptions subscriptions,
            EntraConnection connection,
            ChangeDebounce debounce,
            @Qualifier("applicationTaskExecutor") TaskExecutor executor,
            Clock clock) {
        this.state = state;
        this.window = window;
        this.subscriptions = subscriptions;
        this.connection = connection;
        this.debounce = debounce;
        this.executor = executor;
        this.clock = clock;
    }

    /** A new connection starts without subscriptions: make them as soon as the connection is committed. */
    @TransactionalEventListener(fallbackExecution = true)
    void onConnected(EntraConnected connected) {
        executor.execute(() -> {
            try {
                maintain();
            } catch (RuntimeException e) {
                log.warn("Subscribing to changes after connecting failed: {}", e.toString());
            }
        });
    }

    @EventListener
    void onSettingsChanged(SyncSettingsChanged changed) {
        maintain();
    }

    @EventListener
    void onStopRequested(IntegrationStopRequested requested) {
        removeSubscriptions();
    }

    @EventListener
    void onLifecycle(SubscriptionLifecycleNotified notified) {
        executor.execute(() -> handleLifecycle(notified));
    }

    /** Renews or recreates the subscription as the event asks, then syncs what the gap may have hidden. */
    void handleLifecycle(SubscriptionLifecycleNotified notified) {
        try {
            switch (notified.event()) {
                case REAUTHORIZATION_REQUIRED -> {
                    if (subscriptions
                            .renew(notified.subscriptionId(), clock.instant().plus(LIFETIME))
                            .isEmpty()) {
                        maintain();
                    }
                }
                case SUBSCRIPTION_REMOVED -> {
                    subscriptions.forget(notified.subscriptionId());
                    maintain();
                }
                case MISSED -> {
                    // Nothing to repair on the subscription; the delta sync below catches up.
                }
            }
        } catch (EntraUnavailable e) {
            String problem = "Renewing the change-notification subscription failed: " + e.getMessage();
            log.warn(problem);
            window.setProblem(problem);
        }
        if (state.effectiveMode() != EffectiveMode.OFF) {
            debounce.gather(state.settings().eventThreshold());
        }
    }

    /**
     * Brings the subscriptions in line with the settings: creates what is wanted and missing,
     * renews what expires within a day, deletes what is no longer wanted. One instance at a time.
     */
    void maintain() {
        underLease(() -> {
            boolean wanted = state.wantsSubscriptions();
            Instant now = clock.instant();
            Set<String> covered = new HashSet<>();
            String problem = null;
            for (ChangeSubscriptions.Subscription s : subscriptions.list()) {
                if (!wanted || !TriggerState.RESOURCES.contains(s.resource()) || covered.contains(s.resource())) {
                    removeQuietly(s.id());
                    continue;
                }
                if (!s.expiresAt().isAfter(now)) {
                    subscriptions.forget(s.id());
                    continue;
                }
                if (s.expiresAt().isBefore(now.plus(RENEW_BEFORE))) {
                    try {
                        if (subscriptions.renew(s.id(), now.plus(LIFETIME)).isEmpty()) {
                            continue;
                        }
                    } catch (EntraUnavailable e) {
                        problem = "Renewing the change-notification subscription failed: " + e.getMessage();
                    }
                }
                covered.add(s.resource());
            }
            if (wanted) {
                for (String resource : List.of("users", "groups")) {
                    if (covered.contains(resource)) {
                        continue;
                    }
                    try {
                        subscriptions.create(resource, now.plus(LIFETIME));
                    } catch (EntraUnavailable e) {
                        problem = "Microsoft Graph could not subscribe this PBX to changes of " + resource + ": "
                                + e.getMessage();
                        log.warn(problem);
                    }
                }
            }
            window.setProblem(problem);
        });
    }

    /** Deletes every subscription, while the tokens to do so still exist (before a disconnect). */
    void removeSubscriptions() {
        underLease(() -> {
            subscriptions.list().forEach(s -> removeQuietly(s.id()));
            window.clearWithProblem();
        });
    }

    private void removeQuietly(String id) {
        if (connection.connected()) {
            subscriptions.delete(id);
        } else {
            subscriptions.forget(id);
        }
    }

    /** Runs {@code work} holding the lease, waiting for another instance's keeping to end first. */
    private void underLease(Runnable work) {
        long deadline = System.nanoTime() + WAIT_FOR_LEASE.toNanos();
        while (!window.takeLease()) {
            if (System.nanoTime() > deadline) {
                log.warn("The change-notification subscriptions are being kept elsewhere for too long; skipped");
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        try {
            work.run();
        } finally {
            window.releaseLease();
        }
    }
}
