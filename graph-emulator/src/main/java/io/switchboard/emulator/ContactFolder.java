package io.switchboard.emulator;

/**
 * An Outlook contact folder. The default Contacts folder has {@code defaultFolder} set and the mailbox root as its
 * parent; every other folder sits below it, nested to any depth. Folder ids do not change when a folder moves.
 */
public record ContactFolder(
        String id, String parentFolderId, String displayName, String mailboxId, boolean defaultFolder) {}
