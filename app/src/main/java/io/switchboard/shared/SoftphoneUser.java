package io.switchboard.shared;

import java.util.UUID;

/**
 * The principal of a softphone session or client token: a synced user signed in with Microsoft,
 * known by the extension it landed on. Controllers under {@code /api/v1/me/**} take it with
 * {@code @AuthenticationPrincipal SoftphoneUser}; an administrator's session never carries one.
 */
public record SoftphoneUser(UUID extensionId, String entraObjectId) {}
