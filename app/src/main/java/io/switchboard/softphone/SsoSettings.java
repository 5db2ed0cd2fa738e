package io.switchboard.softphone;

/**
 * The softphone sign-in settings (S1).
 *
 * @param webRedirectUri the web client address Microsoft sends the browser back to; one of the
 *     integration's {@code ssoRedirectUris}
 */
public record SsoSettings(Boolean enabled, String webRedirectUri) {}
