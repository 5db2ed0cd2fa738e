package io.switchboard.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The Exchange Online side of the tenant: per user mailbox its purpose ({@code mailboxSettings.userPurpose}), its
 * contact folders (the default Contacts folder and folders nested below it), its contacts, who it is shared with, and
 * a per-mailbox change log that drives the per-folder contacts delta. Whether a user has a mailbox at all is {@link
 * EntraUser#hasMailbox()}; a mailbox is created on first use. Thread-safe; every mutation is one atomic step.
 *
 * <p>Ids are Outlook-like, case-sensitive and deterministic for the same sequence of operations. Every contact has an
 * immutable id and a REST id; moving it to another folder gives it a new REST id and keeps the immutable id, as
 * Exchange does.
 */
public final class Mailboxes {

    /** The values of {@code userPurpose} (Graph's enum without {@code unknownFutureValue}). */
    public static final Set<String> PURPOSES = Set.of("user", "linked", "shared", "room", "equipment", "others");

    /** One entry of a mailbox's change log: a contact appeared or changed in a folder, or left it. */
    record Event(long seq, String folderId, String immutableId, String restId, boolean removed) {}

    static final class Mailbox {
        final String userId;
        final String rootId;
        final String defaultFolderId;
        String purpose = "user";
        final LinkedHashMap<String, ContactFolder> folders = new LinkedHashMap<>();
        final LinkedHashMap<String, MailboxContact> contacts = new LinkedHashMap<>();
        final Map<String, String> immutableByRestId = new HashMap<>();
        final Set<String> sharedWith = new HashSet<>();
        final Map<String, Set<String>> folderSharedWith = new HashMap<>();
        final List<Event> log = new ArrayList<>();

        Mailbox(String userId, String rootId, String defaultFolderId) {
            this.userId = userId;
            this.rootId = rootId;
            this.defaultFolderId = defaultFolderId;
            folders.put(defaultFolderId, new ContactFolder(defaultFolderId, rootId, "Contacts", userId, true));
        }

        long head() {
            return log.size();
        }

        void event(String folderId, MailboxContact contact, boolean removed) {
            log.add(new Event(log.size() + 1L, folderId, contact.immutableId(), contact.restId(), removed));
        }

        MailboxContact contact(String id) {
            MailboxContact byImmutable = contacts.get(id);
            if (byImmutable != null) {
                return byImmutable;
            }
            String immutable = immutableByRestId.get(id);
            return immutable == null ? null : contacts.get(immutable);
        }

        boolean inSubtree(String folderId, String ancestorId) {
            String current = folderId;
            while (current != null && folders.containsKey(current)) {
                if (current.equals(ancestorId)) {
                    return true;
                }
                current = folders.get(current).parentFolderId();
            }
            return false;
        }
    }

    private final Clock clock;
    private final Map<String, Mailbox> mailboxes = new HashMap<>();
    private final MailboxThrottle throttle;
    private final MessageDigest sha256 = newSha256();
    private long idCounter;
    private int deltaGeneration = 1;

    Mailboxes(Clock clock) {
        this.clock = clock;
        this.throttle = new MailboxThrottle(clock);
    }

    /** Per-mailbox throttling: limits, forced {@code ApplicationThrottled} answers, simulated service time. */
    public MailboxThrottle throttle() {
        return throttle;
    }

    // ---- purpose and sharing

    /** Sets {@code mailboxSettings.userPurpose} ({@code user}, {@code shared}, {@code room}, ...). */
    public synchronized void setPurpose(String userId, String purpose) {
        if (!PURPOSES.contains(purpose)) {
            throw new IllegalArgumentException("purpose must be one of " + PURPOSES);
        }
        mailbox(userId).purpose = purpose;
    }

    /** The mailbox's {@code userPurpose} ({@code user} unless set). */
    public synchronized String purpose(String userId) {
        return mailbox(userId).purpose;
    }

    /** Gives {@code withUserId} full access to the whole mailbox (every folder, also ones created later). */
    public synchronized void shareMailbox(String ownerId, String withUserId) {
        mailbox(ownerId).sharedWith.add(withUserId);
    }

    public synchronized void unshareMailbox(String ownerId, String withUserId) {
        mailbox(ownerId).sharedWith.remove(withUserId);
    }

    /** Shares one folder (not its sub-folders) with {@code withUserId}. */
    public synchronized void shareFolder(String ownerId, String folderId, String withUserId) {
        Mailbox m = mailbox(ownerId);
        requireFolder(m, folderId);
        m.folderSharedWith.computeIfAbsent(folderId, k -> new HashSet<>()).add(withUserId);
    }

    public synchronized void unshareFolder(String ownerId, String folderId, String withUserId) {
        Set<String> set = mailbox(ownerId).folderSharedWith.get(folderId);
        if (set != null) {
            set.remove(withUserId);
        }
    }

    /** Whether {@code userId} may read {@code folderId} of {@code ownerId}'s mailbox with a delegated token. */
    synchronized boolean canRead(String ownerId, String folderId, String userId) {
        if (ownerId.equals(userId)) {
            return true;
        }
        Mailbox m = mailbox(ownerId);
        return m.sharedWith.contains(userId)
                || m.folderSharedWith.getOrDefault(folderId, Set.of()).contains(userId);
    }

    /** Whether the whole mailbox is shared with {@code userId} (or is theirs). */
    synchronized boolean mailboxSharedWith(String ownerId, String userId) {
        return ownerId.equals(userId) || mailbox(ownerId).sharedWith.contains(userId);
    }

    // ---- folders

    /** The id of the mailbox's default Contacts folder. */
    public synchronized String defaultFolderId(String userId) {
        return mailbox(userId).defaultFolderId;
    }

    /** Creates a folder below {@code parentFolderId} (null = the default Contacts folder). */
    public synchronized ContactFolder addFolder(String userId, String parentFolderId, String displayName) {
        Mailbox m = mailbox(userId);
        String parent = parentFolderId == null
                ? m.defaultFolderId
                : requireFolder(m, parentFolderId).id();
        ContactFolder folder = new ContactFolder(newId("AQMkAD", userId), parent, displayName, userId, false);
        m.folders.put(folder.id(), folder);
        return folder;
    }

    public synchronized ContactFolder renameFolder(String userId, String folderId, String displayName) {
        Mailbox m = mailbox(userId);
        ContactFolder f = requireFolder(m, folderId);
        ContactFolder renamed = new ContactFolder(f.id(), f.parentFolderId(), displayName, userId, f.defaultFolder());
        m.folders.put(f.id(), renamed);
        return renamed;
    }

    /** Moves a folder (with everything below it) under another folder; ids stay. */
    public synchronized ContactFolder moveFolder(String userId, String folderId, String newParentId) {
        Mailbox m = mailbox(userId);
        ContactFolder f = requireFolder(m, folderId);
        requireFolder(m, newParentId);
        if (f.defaultFolder()) {
            throw new IllegalArgumentException("the default Contacts folder cannot move");
        }
        if (m.inSubtree(newParentId, folderId)) {
            throw new IllegalArgumentException("a folder cannot move below itself");
        }
        ContactFolder moved = new ContactFolder(f.id(), newParentId, f.displayName(), userId, false);
        m.folders.put(f.id(), moved);
        return moved;
    }

    /** Deletes a folder, its sub-folders and their contacts (each contact leaves its folder's delta). */
    public synchronized void deleteFolder(String userId, String folderId) {
        Mailbox m = mailbox(userId);
        ContactFolder f = requireFolder(m, folderId);
        if (f.defaultFolder()) {
            throw new IllegalArgumentException("the default Contacts folder cannot be deleted");
        }
        List<String> doomed = m.folders.keySet().stream()
                .filter(id -> m.inSubtree(id, folderId))
                .toList();
        for (MailboxContact c : List.copyOf(m.contacts.values())) {
            if (doomed.contains(c.folderId())) {
                removeContact(m, c);
            }
        }
        doomed.forEach(id -> {
            m.folders.remove(id);
            m.folderSharedWith.remove(id);
        });
    }

    /** Every folder of the mailbox, the default folder first. */
    public synchronized List<ContactFolder> folders(String userId) {
        return List.copyOf(mailbox(userId).folders.values());
    }

    public synchronized Optional<ContactFolder> folder(String userId, String folderId) {
        return Optional.ofNullable(mailbox(userId).folders.get(folderId));
    }

    // ---- contacts

    /** Adds a contact to a folder (null = the default Contacts folder). */
    public synchronized MailboxContact addContact(String userId, String folderId, OutlookContact data) {
        Mailbox m = mailbox(userId);
        String folder = folderId == null
                ? m.defaultFolderId
                : requireFolder(m, folderId).id();
        String immutable = newId("AAkALgAA", userId);
        MailboxContact c = new MailboxContact(
                immutable,
                newId("AAMkAD", userId),
                userId,
                folder,
                data,
                newChangeKey(),
                clock.instant(),
                clock.instant());
        m.contacts.put(immutable, c);
        m.immutableByRestId.put(c.restId(), immutable);
        m.event(folder, c, false);
        return c;
    }

    /** Changes a contact's fields; {@code contactId} is its immutable or current REST id. */
    public synchronized MailboxContact updateContact(
            String userId, String contactId, UnaryOperator<OutlookContact.Builder> change) {
        Mailbox m = mailbox(userId);
        MailboxContact c = requireContact(m, contactId);
        MailboxContact updated = new MailboxContact(
                c.immutableId(),
                c.restId(),
                userId,
                c.folderId(),
                change.apply(c.data().toBuilder()).build(),
                newChangeKey(),
                c.createdDateTime(),
                clock.instant());
        m.contacts.put(c.immutableId(), updated);
        m.event(c.folderId(), updated, false);
        return updated;
    }

    /** Moves a contact to another folder: it keeps its immutable id and gets a new REST id. */
    public synchronized MailboxContact moveContact(String userId, String contactId, String folderId) {
        Mailbox m = mailbox(userId);
        MailboxContact c = requireContact(m, contactId);
        String target = requireFolder(m, folderId).id();
        if (target.equals(c.folderId())) {
            return c;
        }
        m.event(c.folderId(), c, true);
        m.immutableByRestId.remove(c.restId());
        MailboxContact moved = new MailboxContact(
                c.immutableId(),
                newId("AAMkAD", userId),
                userId,
                target,
                c.data(),
                newChangeKey(),
                c.createdDateTime(),
                clock.instant());
        m.contacts.put(c.immutableId(), moved);
        m.immutableByRestId.put(moved.restId(), c.immutableId());
        m.event(target, moved, false);
        return moved;
    }

    /** Deletes a contact (hard delete: it leaves its folder's delta as {@code @removed}). */
    public synchronized void deleteContact(String userId, String contactId) {
        Mailbox m = mailbox(userId);
        removeContact(m, requireContact(m, contactId));
    }

    /** Every contact of the mailbox, in creation order. */
    public synchronized List<MailboxContact> contacts(String userId) {
        return List.copyOf(mailbox(userId).contacts.values());
    }

    /** The contacts of one folder (not of its sub-folders), in creation order. */
    public synchronized List<MailboxContact> contacts(String userId, String folderId) {
        return mailbox(userId).contacts.values().stream()
                .filter(c -> c.folderId().equals(folderId))
                .toList();
    }

    /** A contact by its immutable or current REST id. */
    public synchronized Optional<MailboxContact> contact(String userId, String contactId) {
        return Optional.ofNullable(mailbox(userId).contact(contactId));
    }

    /** The number of contacts over all mailboxes. */
    public synchronized int contactCount() {
        return mailboxes.values().stream().mapToInt(m -> m.contacts.size()).sum();
    }

    /**
     * Forgets every contacts delta state issued so far, as Exchange does when its sync-state cache is evicted: every
     * earlier deltaLink and nextLink then gets 410 {@code SyncStateNotFound}.
     */
    public synchronized void expireDeltaTokens() {
        deltaGeneration++;
    }

    // ---- package-private for the endpoints

    synchronized int deltaGeneration() {
        return deltaGeneration;
    }

    /** Runs {@code action} under the mailboxes' lock with the (possibly new) mailbox of {@code userId}. */
    synchronized <T> T read(String userId, java.util.function.Function<Mailbox, T> action) {
        return action.apply(mailbox(userId));
    }

    // ---- internals

    private void removeContact(Mailbox m, MailboxContact c) {
        m.event(c.folderId(), c, true);
        m.contacts.remove(c.immutableId());
        m.immutableByRestId.remove(c.restId());
    }

    private Mailbox mailbox(String userId) {
        return mailboxes.computeIfAbsent(
                userId, id -> new Mailbox(id, newId("AQMkAD", id + "/root"), newId("AQMkAD", id + "/contacts")));
    }

    private static ContactFolder requireFolder(Mailbox m, String folderId) {
        ContactFolder f = folderId == null ? null : m.folders.get(folderId);
        if (f == null) {
            throw new NoSuchElementException("no contact folder " + folderId + " in mailbox " + m.userId);
        }
        return f;
    }

    private static MailboxContact requireContact(Mailbox m, String contactId) {
        MailboxContact c = m.contact(contactId);
        if (c == null) {
            throw new NoSuchElementException("no contact " + contactId + " in mailbox " + m.userId);
        }
        return c;
    }

    private String newChangeKey() {
        return "EQAAABYAAA"
                + Base64.getEncoder()
                        .encodeToString(digest("changeKey|" + (++idCounter)))
                        .substring(0, 24);
    }

    private String newId(String prefix, String salt) {
        byte[] hash = digest(salt + "|" + (++idCounter));
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(hash) + "AAA=";
    }

    private byte[] digest(String text) {
        return sha256.digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
