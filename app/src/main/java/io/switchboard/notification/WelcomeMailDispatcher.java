package io.switchboard.notification;

import io.switchboard.directory.PbxSettingsService;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends due welcome mails. Each mail is first claimed with a conditional update, so among several
 * instances exactly one sends it; a failure is retried with a doubling delay up to the attempt
 * limit. A claim left behind by an instance that died is never sent again but marked
 * {@link WelcomeMailState#UNCERTAIN}: a duplicate welcome is worse than a missing one.
 */
@Component
class WelcomeMailDispatcher {

    static final Duration STUCK_AFTER = Duration.ofMinutes(10);
    private static final int BATCH = 50;
    private static final Logger log = LoggerFactory.getLogger(WelcomeMailDispatcher.class);

    private record Due(UUID extensionId, String recipient, String number, String displayName, int attempts) {}

    private final JdbcClient jdbc;
    private final ObjectProvider<JavaMailSender> sender;
    private final PbxSettingsService settings;
    private final MailProperties properties;
    private final TaskExecutor executor;
    private final Clock clock;

    WelcomeMailDispatcher(
            JdbcClient jdbc,
            ObjectProvider<JavaMailSender> sender,
            PbxSettingsService settings,
            MailProperties properties,
            @Qualifier("applicationTaskExecutor") TaskExecutor executor,
            Clock clock) {
        this.jdbc = jdbc;
        this.sender = sender;
        this.settings = settings;
        this.properties = properties;
        this.executor = executor;
        this.clock = clock;
    }

    void dispatchSoon() {
        executor.execute(this::dispatchDue);
    }

    /** Sends every due mail; returns how many were accepted by the SMTP server. */
    synchronized int dispatchDue() {
        Instant now = clock.instant();
        jdbc.sql(
                        "UPDATE welcome_mail SET state = 'UNCERTAIN', last_error = ? WHERE state = 'SENDING' AND claimed_at < ?")
                .params(
                        "The instance sending this mail stopped before it knew whether the mail was accepted; it is"
                                + " not sent again.",
                        utc(now.minus(STUCK_AFTER)))
                .update();
        List<Due> due = jdbc.sql("SELECT extension_id, recipient, number, display_name, attempts FROM welcome_mail"
                        + " WHERE state = 'PENDING' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT " + BATCH)
                .param(utc(now))
                .query((rs, n) -> new Due(
                        rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)))
                .list();
        int sent = 0;
        for (Due mail : due) {
            int claimed = jdbc.sql("UPDATE welcome_mail SET state = 'SENDING', claimed_at = ?"
                            + " WHERE extension_id = ? AND state = 'PENDING'")
                    .params(utc(clock.instant()), mail.extensionId())
                    .update();
            if (claimed == 1 && send(mail)) {
                sent++;
            }
        }
        return sent;
    }

    private boolean send(Due mail) {
        JavaMailSender smtp = sender.getIfAvailable();
        if (smtp == null) {
            failed(mail, "No SMTP server is configured (spring.mail.host), so the welcome mail cannot be sent.", true);
            return false;
        }
        try {
            MimeMessage message = smtp.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(properties.from());
            helper.setTo(mail.recipient());
            WelcomeMailText text = WelcomeMailText.of(
                    mail.number(),
                    mail.displayName(),
                    mail.recipient(),
                    settings.get().publicBaseUrl());
            helper.setSubject(text.subject());
            helper.setText(text.body());
            smtp.send(message);
        } catch (MailException | MessagingException e) {
            failed(mail, "The SMTP server refused or could not be reached: " + e.getMessage(), false);
            return false;
        }
        jdbc.sql("UPDATE welcome_mail SET state = 'SENT', attempts = attempts + 1, sent_at = ?, last_error = NULL"
                        + " WHERE extension_id = ?")
                .params(utc(clock.instant()), mail.extensionId())
                .update();
        log.info("Sent the welcome mail of extension {}", mail.number());
        return true;
    }

    private void failed(Due mail, String reason, boolean permanent) {
        int attempts = mail.attempts() + 1;
        boolean giveUp = permanent || attempts >= properties.maxAttempts();
        Duration wait = properties.retryDelay().multipliedBy(1L << Math.min(attempts - 1, 10));
        String error = reason.length() > 500 ? reason.substring(0, 500) : reason;
        jdbc.sql(
                        "UPDATE welcome_mail SET state = ?, attempts = ?, next_attempt_at = ?, last_error = ?, claimed_at = NULL"
                                + " WHERE extension_id = ?")
                .params(
                        giveUp ? "FAILED" : "PENDING",
                        attempts,
                        utc(clock.instant().plus(wait)),
                        error,
                        mail.extensionId())
                .update();
        log.warn("Welcome mail of extension {} failed (attempt {}): {}", mail.number(), attempts, error);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
