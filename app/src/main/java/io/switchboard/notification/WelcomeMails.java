package io.switchboard.notification;

import io.switchboard.directory.Extension;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Queues the welcome mail of a newly created extension (U5). The mail is written to the outbox in
 * the caller's transaction, so it exists exactly when the extension does, and is sent only after
 * that transaction commits. An extension is welcomed at most once, however often a sync is retried.
 */
@Service
public class WelcomeMails {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final WelcomeMailDispatcher dispatcher;
    private final Clock clock;

    WelcomeMails(JdbcClient jdbc, JdbcTemplate batch, WelcomeMailDispatcher dispatcher, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** Queues the welcome of these extensions, each unless it was queued before, in one JDBC batch. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueueAll(List<Extension> extensions) {
        if (extensions.isEmpty()) {
            return;
        }
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        int[] inserted = batch.batchUpdate(
                INSERT, extensions.stream().map(e -> row(e, now)).toList());
        boolean pending = false;
        for (int i = 0; i < inserted.length; i++) {
            pending |= inserted[i] != 0 && extensions.get(i).email() != null;
        }
        if (pending) {
            dispatchAfterCommit();
        }
    }

    /** Queues the welcome of this extension unless it was queued before; true when newly queued. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean enqueue(Extension extension) {
        int inserted = jdbc.sql(INSERT)
                .params(row(extension, clock.instant().atOffset(ZoneOffset.UTC)))
                .update();
        if (inserted == 1 && extension.email() != null) {
            dispatchAfterCommit();
        }
        return inserted == 1;
    }

    private static final String INSERT = "INSERT INTO welcome_mail (extension_id, recipient, number, display_name,"
            + " state, attempts, next_attempt_at, last_error, created_at)"
            + " SELECT ?, ?, ?, ?, ?, 0, ?, ?, ? WHERE NOT EXISTS"
            + " (SELECT 1 FROM welcome_mail WHERE extension_id = ?)";

    private static Object[] row(Extension extension, OffsetDateTime now) {
        WelcomeMailState state = extension.email() == null ? WelcomeMailState.SKIPPED : WelcomeMailState.PENDING;
        String name = ((extension.firstName() == null ? "" : extension.firstName()) + " "
                        + (extension.lastName() == null ? "" : extension.lastName()))
                .strip();
        return new Object[] {
            extension.id(),
            extension.email(),
            extension.number(),
            name.isEmpty() ? null : name,
            state.name(),
            now,
            state == WelcomeMailState.SKIPPED ? "The extension has no email address." : null,
            now,
            extension.id()
        };
    }

    private void dispatchAfterCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                dispatcher.dispatchSoon();
            }
        });
    }

    @Transactional(readOnly = true)
    public Optional<WelcomeMail> find(UUID extensionId) {
        return jdbc.sql("SELECT extension_id, recipient, number, state, attempts, sent_at, last_error"
                        + " FROM welcome_mail WHERE extension_id = ?")
                .param(extensionId)
                .query(WelcomeMails::map)
                .optional();
    }

    private static WelcomeMail map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime sent = rs.getObject("sent_at", OffsetDateTime.class);
        return new WelcomeMail(
                rs.getObject("extension_id", UUID.class),
                rs.getString("recipient"),
                rs.getString("number"),
                WelcomeMailState.valueOf(rs.getString("state")),
                rs.getInt("attempts"),
                sent == null ? null : sent.toInstant(),
                rs.getString("last_error"));
    }
}
