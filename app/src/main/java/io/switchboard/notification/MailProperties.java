package io.switchboard.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sender settings of the welcome mail; the SMTP server itself is Spring's {@code spring.mail.*}.
 *
 * @param from the From address ({@code SWITCHBOARD_MAIL_FROM})
 * @param maxAttempts how often delivery is tried before the mail is given up as failed
 * @param retryDelay the wait after the first failure; it doubles with each further one
 */
@ConfigurationProperties("switchboard.mail")
public record MailProperties(
        @DefaultValue("switchboard@localhost") String from,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("PT1M") Duration retryDelay) {}
