package io.switchboard.emulator;

import java.time.Instant;

/**
 * An authorization code the authorize endpoint handed to a client, so a test can replay the client's callback.
 *
 * @param userId the object id of the user who signed in
 * @param callbackUrl the redirect URI with {@code code} and {@code state} in its query, as a browser would follow it
 *     (also for {@code form_post} and {@code fragment} requests)
 */
public record IssuedCode(
        String code,
        String userId,
        String redirectUri,
        String state,
        String nonce,
        String callbackUrl,
        Instant issuedAt) {}
