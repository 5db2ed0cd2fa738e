package io.switchboard.contacts;

import java.util.UUID;

/**
 * A mailbox in range of a part.
 *
 * @param id the Entra user id
 * @param address the UPN or mail, as results and {@code sourceMailbox} show it
 * @param extensionId the extension of a personal mailbox's user, else null
 */
public record Mailbox(Part part, String id, String address, String displayName, UUID extensionId) {}
