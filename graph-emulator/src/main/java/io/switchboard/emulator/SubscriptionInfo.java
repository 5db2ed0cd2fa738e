package io.switchboard.emulator;

import java.time.Instant;

/**
 * A change-notification subscription as the emulator holds it.
 *
 * @param paused whether delivery is paused because a {@code reauthorizationRequired} event is unanswered
 */
public record SubscriptionInfo(
        String id,
        String resource,
        String changeType,
        String notificationUrl,
        String lifecycleNotificationUrl,
        String clientState,
        Instant expirationDateTime,
        boolean delegated,
        boolean paused) {}
