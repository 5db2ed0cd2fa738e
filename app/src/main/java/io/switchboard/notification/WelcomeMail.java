package io.switchboard.notification;

import java.time.Instant;
import java.util.UUID;

/** One row of the welcome-mail outbox, as the API and tests read it. */
public record WelcomeMail(
        UUID extensionId,
        String recipient,
        String number,
        WelcomeMailState state,
        int attempts,
        Instant sentAt,
        String lastError) {}
