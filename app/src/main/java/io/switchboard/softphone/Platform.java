package io.switchboard.softphone;

/** Which softphone client signs in: the web client in a browser, or the mobile app. */
public enum Platform {
    WEB,
    MOBILE;

    String registrationId() {
        return this == WEB ? SoftphoneRegistrations.WEB : SoftphoneRegistrations.MOBILE;
    }
}
