package io.switchboard.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Protocol knobs of one emulator instance; the defaults follow Microsoft's documented values. Written only by {@link
 * GraphEmulator.Builder} before start-up, read-only afterwards.
 */
final class Settings {
    int defaultPageSize = 100;
    int maxPageSize = 999;
    int deltaPageSize = 200;
    int deltaMemberChunk = 50;
    Duration deltaTokenLifetime = Duration.ofDays(7);
    Duration authCodeLifetime = Duration.ofMinutes(10);
    Duration refreshTokenInactivity = Duration.ofDays(90);
    Duration fixedAccessTokenLifetime;
    final List<String> extraGraphHosts = new ArrayList<>();
    boolean shuffleBatchResponses = true;
    boolean allowHttpLoopbackNotifications = true;
    Duration validationTimeout = Duration.ofSeconds(10);
    Duration deliveryTimeout = Duration.ofSeconds(3);
    int deliveryRetries = 3;
    Duration deliveryRetryBase = Duration.ofMillis(200);
    Duration notificationBatchWindow = Duration.ofMillis(50);
    Duration replicationDelay = Duration.ZERO;
    int resourceUnitBudget;
    int presenceRequestBudget = 1_500;
    boolean onePresenceSubscriptionPerUser;

    int defaultPageSize() {
        return defaultPageSize;
    }

    int maxPageSize() {
        return maxPageSize;
    }

    int deltaPageSize() {
        return deltaPageSize;
    }

    int deltaMemberChunk() {
        return deltaMemberChunk;
    }

    Duration deltaTokenLifetime() {
        return deltaTokenLifetime;
    }

    Duration authCodeLifetime() {
        return authCodeLifetime;
    }

    Duration refreshTokenInactivity() {
        return refreshTokenInactivity;
    }

    Duration fixedAccessTokenLifetime() {
        return fixedAccessTokenLifetime;
    }

    List<String> extraGraphHosts() {
        return extraGraphHosts;
    }

    boolean shuffleBatchResponses() {
        return shuffleBatchResponses;
    }

    boolean allowHttpLoopbackNotifications() {
        return allowHttpLoopbackNotifications;
    }

    Duration validationTimeout() {
        return validationTimeout;
    }

    Duration deliveryTimeout() {
        return deliveryTimeout;
    }

    int deliveryRetries() {
        return deliveryRetries;
    }

    Duration deliveryRetryBase() {
        return deliveryRetryBase;
    }

    Duration replicationDelay() {
        return replicationDelay;
    }

    Duration notificationBatchWindow() {
        return notificationBatchWindow;
    }
}
