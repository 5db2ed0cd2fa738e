package io.switchboard.trigger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one {@code change_window} row every instance shares: the gathered events, the last poll,
 * the last problem keeping subscriptions, and the lease of the instance keeping them. Every claim
 * is a conditional update, so no row stays locked while Graph is called.
 */
@Repository
class WindowRow {

    /** How long a lease on keeping the subscriptions lasts when its holder dies before giving it back. */
    static final Duration LEASE = Duration.ofMinutes(5);

    record Window(Instant openedAt, int events, Instant polledAt, String problem) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    WindowRow(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Window read() {
        return jdbc.sql("SELECT opened_at, events, polled_at, problem FROM change_window WHERE id = 1")
                .query((rs, n) -> new Window(
                        instant(rs.getObject("opened_at", OffsetDateTime.class)),
                        rs.getInt("events"),
                        instant(rs.getObject("polled_at", OffsetDateTime.class)),
                        rs.getString("problem")))
                .single();
    }

    /** Adds events to the window; {@code at} opens it when no change is pending. */
    void add(int events, Instant at) {
        jdbc.sql("UPDATE change_window SET events = events + ?, opened_at = COALESCE(opened_at, ?) WHERE id = 1")
                .params(events, utc(at))
                .update();
    }

    void clear() {
        jdbc.sql("UPDATE change_window SET opened_at = NULL, events = 0 WHERE id = 1")
                .update();
    }

    void clearWithProblem() {
        jdbc.sql("UPDATE change_window SET opened_at = NULL, events = 0, problem = NULL WHERE id = 1")
                .update();
    }

    /** Empties the window this instance read; false when another instance claimed it first. */
    boolean claim(Window window) {
        return jdbc.sql("UPDATE change_window SET opened_at = NULL, events = 0 WHERE id = 1 AND opened_at = ?"
                                + " AND events = ?")
                        .params(utc(window.openedAt()), window.events())
                        .update()
                > 0;
    }

    /** Moves the last poll from {@code polledAt} to {@code now}; false when another instance polled first. */
    boolean claimPoll(Instant polledAt, Instant now) {
        return (polledAt == null
                        ? jdbc.sql("UPDATE change_window SET polled_at = ? WHERE id = 1 AND polled_at IS NULL")
                                .param(utc(now))
                                .update()
                        : jdbc.sql("UPDATE change_window SET polled_at = ? WHERE id = 1 AND polled_at = ?")
                                .params(utc(now), utc(polledAt))
                                .update())
                > 0;
    }

    /** What last went wrong keeping the subscriptions; null when nothing did. */
    void setProblem(String problem) {
        jdbc.sql("UPDATE change_window SET problem = ? WHERE id = 1")
                .param(clip(problem))
                .update();
    }

    /** Takes the lease on keeping the subscriptions, unless another instance holds a live one. */
    boolean takeLease() {
        Instant now = clock.instant();
        return jdbc.sql(
                                "UPDATE change_window SET kept_until = ? WHERE id = 1 AND (kept_until IS NULL OR kept_until < ?)")
                        .params(utc(now.plus(LEASE)), utc(now))
                        .update()
                > 0;
    }

    void releaseLease() {
        jdbc.sql("UPDATE change_window SET kept_until = NULL WHERE id = 1").update();
    }

    private static String clip(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
