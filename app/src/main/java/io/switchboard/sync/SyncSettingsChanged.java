package io.switchboard.sync;

/**
 * The sync settings were saved, or the integration was enabled again: whatever follows them (the
 * change-notification subscriptions, M2) is brought in line. Published in the saving thread.
 *
 * @param what the settings document saved ({@code user-sync}, {@code group-sync}) or {@code integration}
 */
public record SyncSettingsChanged(String what) {}
