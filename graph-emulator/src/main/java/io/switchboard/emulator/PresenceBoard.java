package io.switchboard.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The Teams presence of the tenant's users, as {@code /users/{id}/presence}, {@code /communications/presences} and
 * {@code getPresencesByUserId} read it, and the script that changes it: one user, many users in one step, or many
 * changes spread over real time (a benchmark's "1,000 changes over a minute"). Every change that alters a user's
 * availability or activity is recorded with its time and reaches the presence subscriptions that cover the user.
 *
 * <p>A user has Teams when it is a member (not a guest) with a mailbox, unless {@link #setTeams} says otherwise;
 * Graph reports {@code PresenceUnknown} for everyone else. A Teams user starts {@code Offline}/{@code Offline}.
 * Thread-safe.
 */
public final class PresenceBoard implements AutoCloseable {

    /** One applied change: {@code at} is the emulator clock's time when it became visible on every endpoint. */
    public record Change(String userId, Presence before, Presence after, Instant at) {}

    /** A change planned by {@link #spread}: applied {@code offset} after the call. */
    public record Planned(String userId, Presence presence, Duration offset) {}

    /** The changes {@link #spread} planned, and a future completed once the last one is applied. */
    public record Script(List<Planned> changes, CompletableFuture<Void> done) {
        /** Stops the changes not yet applied. */
        public void cancel() {
            done.cancel(false);
        }
    }

    private final Tenant tenant;
    private final Clock clock;
    private final Map<String, Presence> presence = new ConcurrentHashMap<>();
    private final Map<String, Boolean> teams = new ConcurrentHashMap<>();
    private final List<Change> history = new CopyOnWriteArrayList<>();
    private final List<Consumer<List<Change>>> listeners = new CopyOnWriteArrayList<>();
    private final PresenceThrottle throttle;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "graph-emulator-presence-script");
        t.setDaemon(true);
        return t;
    });

    PresenceBoard(Tenant tenant, Clock clock, int requestBudget) {
        this.tenant = tenant;
        this.clock = clock;
        this.throttle = new PresenceThrottle(clock, requestBudget);
    }

    /** The presence Graph reports for this user; {@link Presence#UNKNOWN} for a user without Teams. */
    public Presence get(String userId) {
        EntraUser user = tenant.user(userId).orElse(null);
        if (user == null || !hasTeams(user)) {
            return Presence.UNKNOWN;
        }
        return presence.getOrDefault(userId, Presence.OFFLINE);
    }

    /** Whether the user has Teams (and so a presence other than {@code PresenceUnknown}). */
    public boolean hasTeams(String userId) {
        return tenant.user(userId).map(this::hasTeams).orElse(false);
    }

    /** Gives a user Teams or takes it away (default: members with a mailbox have it). */
    public void setTeams(String userId, boolean value) {
        tenant.user(userId).orElseThrow(() -> new NoSuchElementException("no active user " + userId));
        teams.put(userId, value);
    }

    /** Sets one user's presence; see {@link #setAll}. */
    public Change set(String userId, Presence value) {
        List<Change> applied = setAll(Map.of(userId, value));
        return applied.isEmpty() ? null : applied.get(0);
    }

    /** Sets one user's presence from Graph's values, checked against the documented lists. */
    public Change set(String userId, String availability, String activity) {
        return set(userId, Presence.of(availability, activity));
    }

    /**
     * Changes many users' presence in one step; the ones whose value really changes are recorded and notified
     * together. Values are not checked, so a test can send values Graph may add later (e.g. {@code Focusing}).
     *
     * @throws NoSuchElementException for an unknown user
     * @throws IllegalStateException for a user without Teams
     */
    public List<Change> setAll(Map<String, Presence> values) {
        Map<String, Presence> checked = new LinkedHashMap<>();
        values.forEach((userId, value) -> {
            EntraUser user =
                    tenant.user(userId).orElseThrow(() -> new NoSuchElementException("no active user " + userId));
            if (!hasTeams(user)) {
                throw new IllegalStateException("user " + userId + " has no Teams; its presence is PresenceUnknown");
            }
            checked.put(userId, value);
        });
        List<Change> applied = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.instant();
            checked.forEach((userId, value) -> {
                Presence before = presence.getOrDefault(userId, Presence.OFFLINE);
                if (!before.equals(value)) {
                    presence.put(userId, value);
                    applied.add(new Change(userId, before, value, now));
                }
            });
            history.addAll(applied);
        }
        if (!applied.isEmpty()) {
            List<Change> published = List.copyOf(applied);
            listeners.forEach(l -> l.accept(published));
        }
        return applied;
    }

    /**
     * Plans {@code count} changes to users picked at random (seeded) among {@code userIds} (null: every Teams user),
     * each to a {@link Presence#TYPICAL} value other than the one it will have, evenly spread over {@code over} of
     * real time from now, and applies them in the background.
     */
    public Script spread(Collection<String> userIds, int count, Duration over, long seed) {
        List<String> pool = new ArrayList<>();
        for (String id : userIds != null
                ? userIds
                : tenant.users().stream().map(EntraUser::id).toList()) {
            if (hasTeams(id)) {
                pool.add(id);
            }
        }
        if (pool.isEmpty() || count < 1) {
            throw new IllegalArgumentException("spread needs at least one Teams user and one change");
        }
        Random random = new Random(seed);
        Map<String, Presence> planned = new ConcurrentHashMap<>();
        List<Planned> changes = new ArrayList<>(count);
        long step = count == 1 ? 0 : over.toNanos() / (count - 1);
        for (int i = 0; i < count; i++) {
            String userId = pool.get(random.nextInt(pool.size()));
            Presence current = planned.getOrDefault(userId, get(userId));
            int last = Presence.TYPICAL.size() - 1;
            Presence next = Presence.TYPICAL.get(random.nextInt(last));
            if (next.equals(current)) {
                next = Presence.TYPICAL.get(last);
            }
            planned.put(userId, next);
            changes.add(new Planned(userId, next, Duration.ofNanos(step * i)));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicInteger remaining = new AtomicInteger(count);
        List<ScheduledFuture<?>> tasks = new ArrayList<>(count);
        for (Planned p : changes) {
            tasks.add(scheduler.schedule(
                    () -> {
                        if (done.isDone()) {
                            return;
                        }
                        try {
                            set(p.userId(), p.presence());
                        } catch (RuntimeException e) {
                            // the user was deleted or lost Teams meanwhile: the change no longer applies
                        }
                        if (remaining.decrementAndGet() == 0) {
                            done.complete(null);
                        }
                    },
                    p.offset().toNanos(),
                    TimeUnit.NANOSECONDS));
        }
        done.whenComplete((v, e) -> {
            if (done.isCancelled()) {
                tasks.forEach(t -> t.cancel(false));
            }
        });
        return new Script(List.copyOf(changes), done);
    }

    /** Every applied change since start-up or the last {@link #clearHistory()}, oldest first. */
    public List<Change> history() {
        return List.copyOf(history);
    }

    public void clearHistory() {
        history.clear();
    }

    /**
     * The presence endpoints' request budget per 30-second window (Graph: 1,500 per app and tenant); 0 switches the
     * throttling off. Takes effect at once.
     */
    public void requestBudget(int requestsPer30Seconds) {
        throttle.budget(requestsPer30Seconds);
    }

    public int requestBudget() {
        return throttle.budget();
    }

    PresenceThrottle throttle() {
        return throttle;
    }

    void addListener(Consumer<List<Change>> listener) {
        listeners.add(listener);
    }

    /** The reported presence of a user already read under the tenant's lock (null user: unknown id). */
    Presence reported(EntraUser user) {
        if (user == null || !hasTeams(user)) {
            return Presence.UNKNOWN;
        }
        return presence.getOrDefault(user.id(), Presence.OFFLINE);
    }

    private boolean hasTeams(EntraUser user) {
        Boolean explicit = teams.get(user.id());
        return explicit != null ? explicit : user.hasMailbox() && "Member".equals(user.userType());
    }

    static boolean isGuid(String value) {
        return value != null
                && value.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
