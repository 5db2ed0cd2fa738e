package io.switchboard.contacts;

import io.switchboard.contacts.MailboxRead.Folder;
import io.switchboard.contacts.MailboxRead.FolderStatus;
import io.switchboard.directory.ContactInput;
import io.switchboard.directory.SyncedContacts.Stored;
import io.switchboard.directory.SyncedContacts.Write;
import io.switchboard.entra.OutlookItem;
import io.switchboard.reconcile.Action;
import io.switchboard.reconcile.ObjectType;
import io.switchboard.shared.ProblemCode;
import io.switchboard.sync.Outcome;
import io.switchboard.sync.SyncResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiPredicate;

/**
 * Plans Outlook contacts (O1–O3): pure, no framework, no I/O. Given what a run read of each
 * in-range mailbox and the contacts already synced, it answers what to write and remove and what
 * to report. A contact keeps its PBX id as long as its Outlook (immutable) id lives in a readable
 * folder of the same mailbox, whichever folder. Only a definite answer removes anything: a
 * complete read without the contact, a delta {@code @removed}, a folder or mailbox that is no
 * longer shared, deleted or out of range; a transient failure removes nothing of its mailbox or
 * folder.
 */
public final class ContactPlanner {

    static final int NAME_MAX = 100;
    static final int COMPANY_MAX = 128;
    static final int EMAIL_MAX = 254;
    static final int PHONE_MAX = 40;
    static final int JOB_TITLE_MAX = 128;

    private ContactPlanner() {}

    /**
     * @param reads what was read of each in-range mailbox
     * @param stored every contact synced from Outlook now
     * @param partsPlanned the parts switched on: stored contacts of a part not planned stay as they are
     * @param phonebookId the synced phonebook the shared part writes to (null when that part is off)
     * @param guard whether removing {@code n} of {@code total} synced contacts needs an admin (X2)
     */
    public static ContactPlan plan(
            List<MailboxRead> reads,
            List<Stored> stored,
            Set<Part> partsPlanned,
            UUID phonebookId,
            BiPredicate<Integer, Integer> guard) {
        List<ContactPlan.Upsert> upserts = new ArrayList<>();
        List<ContactPlan.Removal> removals = new ArrayList<>();
        List<SyncResult> reports = new ArrayList<>();
        Map<String, List<Stored>> storedByMailbox = new HashMap<>();
        for (Stored s : stored) {
            storedByMailbox
                    .computeIfAbsent(key(partOf(s), s.sourceOwner()), k -> new ArrayList<>())
                    .add(s);
        }
        Set<String> inRange = new HashSet<>();
        for (MailboxRead read : reads) {
            Mailbox mailbox = read.mailbox();
            String key = key(mailbox.part(), mailbox.id());
            inRange.add(key);
            List<Stored> here = storedByMailbox.getOrDefault(key, List.of());
            switch (read.status()) {
                case TRANSIENT ->
                    reports.add(mailboxResult(
                            mailbox,
                            Outcome.FAILED,
                            ProblemCode.SOURCE_UNREADABLE,
                            "Outlook could not be read now (busy or unreachable); nothing of this mailbox changed. The"
                                    + " next sync tries again."));
                case NO_MAILBOX -> {
                    reports.add(mailboxResult(
                            mailbox,
                            Outcome.SKIPPED,
                            ProblemCode.NO_MAILBOX,
                            "This user has no Exchange Online mailbox, so there are no Outlook contacts to sync."));
                    here.forEach(s -> removals.add(removal(s, mailbox.address(), "the user no longer has a mailbox")));
                }
                case DENIED -> {
                    reports.add(denied(mailbox));
                    here.forEach(s -> removals.add(removal(
                            s,
                            mailbox.address(),
                            mailbox.part() == Part.PERSONAL
                                    ? "the user no longer shares the Contacts folder"
                                    : "the shared mailbox can no longer be read")));
                }
                case READ -> planMailbox(read, here, phonebookId, upserts, removals, reports);
            }
        }
        for (Map.Entry<String, List<Stored>> e : storedByMailbox.entrySet()) {
            if (inRange.contains(e.getKey())) {
                continue;
            }
            for (Stored s : e.getValue()) {
                if (partsPlanned.contains(partOf(s))) {
                    removals.add(removal(
                            s,
                            s.sourceMailbox(),
                            partOf(s) == Part.PERSONAL
                                    ? "the user is no longer in range of personal contact sync, or no longer synced"
                                    : "the shared mailbox is no longer in range"));
                }
            }
        }
        long syncedCount =
                stored.stream().filter(s -> partsPlanned.contains(partOf(s))).count();
        if (!removals.isEmpty() && guard.test(removals.size(), (int) syncedCount)) {
            for (ContactPlan.Removal r : removals) {
                SyncResult d = r.result();
                reports.add(new SyncResult(
                        d.objectType(),
                        d.sourceId(),
                        d.displayName(),
                        Action.DELETE,
                        Outcome.HELD,
                        null,
                        "Held by the accidental-deletion guard: " + removals.size() + " of " + syncedCount
                                + " synced contacts would be removed. " + d.reason(),
                        d.owner()));
            }
            return new ContactPlan(upserts, List.of(), reports, true);
        }
        return new ContactPlan(upserts, removals, reports, false);
    }

    private static void planMailbox(
            MailboxRead read,
            List<Stored> here,
            UUID phonebookId,
            List<ContactPlan.Upsert> upserts,
            List<ContactPlan.Removal> removals,
            List<SyncResult> reports) {
        Mailbox mailbox = read.mailbox();
        Map<String, Folder> folders = new LinkedHashMap<>();
        Map<String, OutlookItem> seen = new LinkedHashMap<>();
        Map<String, String> seenFolder = new HashMap<>();
        Set<String> removedIds = new HashSet<>();
        for (Folder f : read.folders()) {
            folders.put(f.folderId(), f);
            if (f.status() == FolderStatus.DENIED) {
                reports.add(new SyncResult(
                        ObjectType.CONTACT_FOLDER,
                        f.folderId(),
                        f.displayName(),
                        Action.NONE,
                        Outcome.FAILED,
                        ProblemCode.FOLDER_NOT_SHARED,
                        "The contact folder \"" + (f.displayName() == null ? f.folderId() : f.displayName())
                                + "\" is not shared with the authorization account, so its contacts are not synced."
                                + " Share it (Read) in Outlook, or use application mode.",
                        mailbox.address()));
            }
            if (f.status() == FolderStatus.TRANSIENT) {
                reports.add(new SyncResult(
                        ObjectType.CONTACT_FOLDER,
                        f.folderId(),
                        f.displayName(),
                        Action.NONE,
                        Outcome.FAILED,
                        ProblemCode.SOURCE_UNREADABLE,
                        "This contact folder could not be read now (busy or unreachable); its contacts stay as they"
                                + " are. The next sync tries again.",
                        mailbox.address()));
            }
            if (f.status() != FolderStatus.READ) {
                continue;
            }
            for (OutlookItem item : f.items()) {
                if (item.id() == null) {
                    continue;
                }
                if (item.removed()) {
                    removedIds.add(item.id());
                } else {
                    seen.put(item.id(), item);
                    seenFolder.put(item.id(), f.folderId());
                }
            }
        }
        Map<String, Stored> bySource = new HashMap<>();
        here.forEach(s -> bySource.put(s.sourceId(), s));
        for (Map.Entry<String, OutlookItem> e : seen.entrySet()) {
            OutlookItem item = e.getValue();
            Stored existing = bySource.get(item.id());
            ContactInput details = details(item);
            String name = displayName(item, details);
            ProblemCode invalid = validate(details);
            if (invalid != null) {
                reports.add(new SyncResult(
                        ObjectType.CONTACT,
                        item.id(),
                        name,
                        Action.NONE,
                        Outcome.FAILED,
                        invalid,
                        invalid == ProblemCode.CONTACT_NAME_MISSING
                                ? "This Outlook contact has no first or last name, so it is not synced. Give it a"
                                        + " name in Outlook."
                                : "This Outlook contact has no mobile, home or business phone with a digit, so it is"
                                        + " not synced. Add a phone number in Outlook.",
                        mailbox.address()));
                if (existing != null) {
                    removals.add(removal(existing, mailbox.address(), "it no longer has a name and a phone"));
                }
                continue;
            }
            Write write = new Write(
                    existing == null ? null : existing.id(),
                    mailbox.part() == Part.PERSONAL ? mailbox.extensionId() : null,
                    mailbox.part() == Part.SHARED ? phonebookId : null,
                    item.id(),
                    mailbox.id(),
                    mailbox.address(),
                    seenFolder.get(item.id()),
                    details);
            if (existing == null) {
                upserts.add(new ContactPlan.Upsert(
                        write,
                        contactResult(
                                item.id(),
                                name,
                                Action.CREATE,
                                Outcome.CREATED,
                                "Synced from Outlook",
                                mailbox.address())));
            } else if (same(existing, write)) {
                reports.add(contactResult(
                        item.id(), name, Action.NONE, Outcome.UNCHANGED, "Already in sync.", mailbox.address()));
            } else {
                upserts.add(new ContactPlan.Upsert(
                        write,
                        contactResult(
                                item.id(),
                                name,
                                Action.UPDATE,
                                Outcome.UPDATED,
                                Objects.equals(existing.sourceFolder(), write.sourceFolder())
                                        ? "Changed in Outlook"
                                        : "Moved to another Outlook folder",
                                mailbox.address())));
            }
        }
        for (Stored s : here) {
            if (seen.containsKey(s.sourceId())) {
                continue;
            }
            Folder folder = folders.get(s.sourceFolder());
            if (folder == null) {
                removals.add(removal(s, mailbox.address(), "its Outlook folder no longer exists"));
            } else if (folder.status() == FolderStatus.DENIED) {
                removals.add(removal(s, mailbox.address(), "its Outlook folder is no longer shared"));
            } else if (folder.status() == FolderStatus.GONE) {
                removals.add(removal(s, mailbox.address(), "its Outlook folder no longer exists"));
            } else if (folder.status() == FolderStatus.READ
                    && (folder.complete() || removedIds.contains(s.sourceId()))) {
                removals.add(removal(s, mailbox.address(), "it was deleted in Outlook"));
            }
        }
    }

    /** The PBX fields of an Outlook contact, trimmed and cut to what the directory holds (mapping of API.md). */
    static ContactInput details(OutlookItem item) {
        String otherPhone = item.businessPhones().size() > 1
                ? item.businessPhones().get(1)
                : item.homePhones().size() > 1 ? item.homePhones().get(1) : null;
        return new ContactInput(
                clip(item.givenName(), NAME_MAX),
                clip(item.surname(), NAME_MAX),
                clip(item.companyName(), COMPANY_MAX),
                clip(item.email(), EMAIL_MAX),
                clip(item.mobilePhone(), PHONE_MAX),
                clip(item.homePhones().isEmpty() ? null : item.homePhones().get(0), PHONE_MAX),
                clip(
                        item.businessPhones().isEmpty()
                                ? null
                                : item.businessPhones().get(0),
                        PHONE_MAX),
                clip(otherPhone, PHONE_MAX),
                clip(item.jobTitle(), JOB_TITLE_MAX));
    }

    /** O3: a name with a visible character, and a mobile, home or business phone with a digit; null when valid. */
    static ProblemCode validate(ContactInput d) {
        if (!visible(d.firstName()) && !visible(d.lastName())) {
            return ProblemCode.CONTACT_NAME_MISSING;
        }
        if (!digit(d.mobilePhone()) && !digit(d.homePhone()) && !digit(d.businessPhone())) {
            return ProblemCode.CONTACT_PHONE_MISSING;
        }
        return null;
    }

    private static boolean visible(String s) {
        return s != null
                && s.codePoints()
                        .anyMatch(c -> !Character.isWhitespace(c)
                                && !Character.isSpaceChar(c)
                                && Character.getType(c) != Character.FORMAT
                                && Character.getType(c) != Character.CONTROL);
    }

    private static boolean digit(String s) {
        return s != null && s.codePoints().anyMatch(Character::isDigit);
    }

    private static String clip(String value, int max) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (v.isEmpty()) {
            return null;
        }
        return v.length() <= max ? v : v.substring(0, max);
    }

    private static boolean same(Stored s, Write w) {
        return s.details().equals(w.details())
                && Objects.equals(s.sourceFolder(), w.sourceFolder())
                && Objects.equals(s.sourceMailbox(), w.sourceMailbox())
                && Objects.equals(s.extensionId(), w.extensionId())
                && Objects.equals(s.phonebookId(), w.phonebookId());
    }

    static Part partOf(Stored s) {
        return s.extensionId() != null ? Part.PERSONAL : Part.SHARED;
    }

    private static String key(Part part, String mailboxId) {
        return part + "/" + mailboxId;
    }

    private static String displayName(OutlookItem item, ContactInput d) {
        String name = ((d.firstName() == null ? "" : d.firstName()) + " " + (d.lastName() == null ? "" : d.lastName()))
                .strip();
        if (!name.isEmpty()) {
            return name;
        }
        return item.displayName() == null || item.displayName().isBlank()
                ? "(no name)"
                : item.displayName().strip();
    }

    private static String storedName(Stored s) {
        ContactInput d = s.details();
        String name = ((d.firstName() == null ? "" : d.firstName()) + " " + (d.lastName() == null ? "" : d.lastName()))
                .strip();
        return name.isEmpty() ? "(no name)" : name;
    }

    private static ContactPlan.Removal removal(Stored s, String address, String why) {
        return new ContactPlan.Removal(
                s,
                contactResult(
                        s.sourceId(),
                        storedName(s),
                        Action.DELETE,
                        Outcome.DELETED,
                        "Removed from the PBX: " + why,
                        address == null ? s.sourceMailbox() : address));
    }

    private static SyncResult contactResult(
            String sourceId, String name, Action action, Outcome outcome, String reason, String owner) {
        return new SyncResult(ObjectType.CONTACT, sourceId, name, action, outcome, null, reason, owner);
    }

    private static SyncResult mailboxResult(Mailbox m, Outcome outcome, ProblemCode code, String reason) {
        return new SyncResult(
                ObjectType.MAILBOX, m.id(), m.displayName(), Action.NONE, outcome, code, reason, m.address());
    }

    private static SyncResult denied(Mailbox m) {
        return m.part() == Part.PERSONAL
                ? mailboxResult(
                        m,
                        Outcome.FAILED,
                        ProblemCode.CONTACTS_NOT_SHARED,
                        "This user has not shared the Contacts folder with the authorization account, so the user's"
                                + " Outlook contacts are not synced. Ask the user to share it (Outlook: Contacts >"
                                + " Share > Read), or switch the integration to application mode, which needs no"
                                + " sharing.")
                : mailboxResult(
                        m,
                        Outcome.FAILED,
                        ProblemCode.MAILBOX_NOT_ACCESSIBLE,
                        "The authorization account cannot read this shared mailbox's contacts. Make it a member of"
                                + " the shared mailbox (Full Access), or use application mode.");
    }
}
