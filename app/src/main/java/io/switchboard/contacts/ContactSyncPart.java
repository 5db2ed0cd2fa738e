package io.switchboard.contacts;

import io.switchboard.contacts.ContactState.FolderLink;
import io.switchboard.contacts.MailboxRead.Folder;
import io.switchboard.contacts.MailboxRead.FolderStatus;
import io.switchboard.directory.Extension;
import io.switchboard.directory.Phonebook;
import io.switchboard.directory.SyncedContacts;
import io.switchboard.directory.SyncedDirectory;
import io.switchboard.entra.EntraConnection;
import io.switchboard.entra.EntraUser;
import io.switchboard.entra.IntegrationMode;
import io.switchboard.entra.OutlookItem;
import io.switchboard.entra.OutlookRead;
import io.switchboard.entra.OutlookReader;
import io.switchboard.entra.OutlookReader.Request;
import io.switchboard.reconcile.Action;
import io.switchboard.reconcile.ObjectType;
import io.switchboard.shared.ProblemCode;
import io.switchboard.sync.GuardSettings;
import io.switchboard.sync.Outcome;
import io.switchboard.sync.RuleSettings;
import io.switchboard.sync.RunPart;
import io.switchboard.sync.SyncKind;
import io.switchboard.sync.SyncResult;
import io.switchboard.sync.SyncRuns;
import io.switchboard.sync.SyncSettingsStore;
import io.switchboard.sync.TenantMirror;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Outlook contacts part of every sync run (O1–O4): finds the in-range mailboxes, reads them
 * through {@code $batch} (each folder's delta after the first run, the folder tree on a full run,
 * daily, or when a delta round saw a contact leave a folder), plans with {@link ContactPlanner},
 * and unless previewing applies the plan and remembers the folders' delta links.
 */
@Component
class ContactSyncPart implements RunPart {

    /** How long a mailbox's folder tree is trusted before it is listed again on a delta run. */
    static final Duration TREE_LIFETIME = Duration.ofHours(24);

    /** How long "this user has no mailbox" is trusted before a delta run asks Outlook again. */
    static final Duration NO_MAILBOX_LIFETIME = Duration.ofHours(24);

    private static final int CHUNK = 500;
    private static final String DEFAULT = OutlookReader.DEFAULT_FOLDER;

    private final SyncSettingsStore store;
    private final EntraConnection connection;
    private final OutlookReader outlook;
    private final SyncedDirectory directory;
    private final TenantMirror mirror;
    private final RuleSettings rules;
    private final SyncedContacts contacts;
    private final ContactState state;
    private final GuardSettings guard;
    private final SyncRuns runs;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ContactSyncPart(
            SyncSettingsStore store,
            EntraConnection connection,
            OutlookReader outlook,
            SyncedDirectory directory,
            TenantMirror mirror,
            RuleSettings rules,
            SyncedContacts contacts,
            ContactState state,
            GuardSettings guard,
            SyncRuns runs,
            TransactionTemplate transactions,
            Clock clock) {
        this.store = store;
        this.connection = connection;
        this.outlook = outlook;
        this.directory = directory;
        this.mirror = mirror;
        this.rules = rules;
        this.contacts = contacts;
        this.state = state;
        this.guard = guard;
        this.runs = runs;
        this.transactions = transactions;
        this.clock = clock;
    }

    private ContactSyncSettings settings() {
        return store.read(ContactSync.NAME, ContactSyncSettings.class).orElse(ContactSyncSettings.DEFAULT);
    }

    @Override
    public boolean active() {
        if (!connection.enabled()) {
            return false;
        }
        ContactSyncSettings s = settings();
        return s.personal().enabled() || s.sharedMailboxes().enabled();
    }

    /**
     * Personal part: changed synced users, and changed groups of a {@code GROUPS} range. Shared
     * part: the chosen mailboxes, or with range {@code ALL} any changed user that is not a synced
     * one (it may be a new shared mailbox).
     */
    @Override
    public int relevant(Set<String> userIds, Set<String> groupIds) {
        if (!active() || userIds.isEmpty() && groupIds.isEmpty()) {
            return 0;
        }
        ContactSyncSettings s = settings();
        Set<String> synced = directory.syncedUserIds(userIds);
        Set<String> users = new HashSet<>();
        Set<String> groups = new HashSet<>();
        if (s.personal().enabled()) {
            users.addAll(synced);
            if (s.personal().range() == ContactSyncSettings.PersonalRange.GROUPS) {
                Set<String> range = rules.users().nestedGroups()
                        ? mirror.withNestedGroups(s.personal().groupIds())
                        : new HashSet<>(s.personal().groupIds());
                groupIds.stream().filter(range::contains).forEach(groups::add);
            }
        }
        if (s.sharedMailboxes().enabled()) {
            if (s.sharedMailboxes().range() == ContactSyncSettings.MailboxRange.MAILBOXES) {
                userIds.stream()
                        .filter(s.sharedMailboxes().mailboxIds()::contains)
                        .forEach(users::add);
            } else {
                userIds.stream().filter(id -> !synced.contains(id)).forEach(users::add);
            }
        }
        return users.size() + groups.size();
    }

    @Override
    public void run(Context context) {
        ContactSyncSettings settings = settings();
        boolean application = connection.view().mode() == IntegrationMode.APPLICATION;
        Set<Part> planned = EnumSet.noneOf(Part.class);
        List<SyncResult> early = new ArrayList<>();
        List<Mailbox> mailboxes = new ArrayList<>();
        Map<String, EntraUser> users = new HashMap<>();
        mirror.users().forEach(u -> users.put(u.id(), u));
        if (settings.personal().enabled()) {
            planned.add(Part.PERSONAL);
            mailboxes.addAll(personalMailboxes(settings.personal(), users));
        }
        Set<String> dropWhenDenied = new HashSet<>();
        if (settings.sharedMailboxes().enabled()) {
            planned.add(Part.SHARED);
            mailboxes.addAll(sharedMailboxes(settings.sharedMailboxes(), users, application, dropWhenDenied, early));
        }
        boolean full = context.kind() == SyncKind.FULL;
        Reading reading = new Reading(mailboxes, full);
        List<MailboxRead> reads = reading.reads().stream()
                .filter(r -> !(r.status() == MailboxRead.Status.DENIED
                        && dropWhenDenied.contains(r.mailbox().id())))
                .toList();
        UUID phonebookId = null;
        if (planned.contains(Part.SHARED)) {
            String name = settings.sharedMailboxes().phonebookName();
            phonebookId = context.dryRun()
                    ? contacts.sharedPhonebook().map(Phonebook::id).orElse(null)
                    : transactions.execute(
                            status -> contacts.upsertSharedPhonebook(name).id());
        }
        var deletionGuard = guard.get();
        ContactPlan plan = ContactPlanner.plan(
                reads, contacts.all(), planned, phonebookId, (n, total) -> deletionGuard.holds(n, total));
        if (!context.dryRun()) {
            apply(context.runId(), plan);
            if (!plan.held()) {
                transactions.executeWithoutResult(status -> {
                    runs.fence(context.runId());
                    state.replace(reading.links(reads), reading.listedAt(reads), reading.noMailbox(reads));
                });
            }
        }
        List<SyncResult> results = new ArrayList<>(early);
        results.addAll(plan.results());
        for (int from = 0; from < results.size(); from += 1000) {
            context.results().accept(results.subList(from, Math.min(results.size(), from + 1000)));
        }
    }

    private void apply(UUID runId, ContactPlan plan) {
        List<SyncedContacts.Write> writes =
                plan.upserts().stream().map(ContactPlan.Upsert::write).toList();
        for (int from = 0; from < writes.size(); from += CHUNK) {
            List<SyncedContacts.Write> chunk = writes.subList(from, Math.min(writes.size(), from + CHUNK));
            transactions.executeWithoutResult(status -> {
                runs.fence(runId);
                contacts.write(chunk);
            });
        }
        List<UUID> removals = plan.removals().stream().map(r -> r.stored().id()).toList();
        for (int from = 0; from < removals.size(); from += CHUNK) {
            List<UUID> chunk = removals.subList(from, Math.min(removals.size(), from + CHUNK));
            transactions.executeWithoutResult(status -> {
                runs.fence(runId);
                contacts.delete(chunk);
            });
        }
    }

    /** The synced users in range of personal contact sync (O1): all of them, or those in the groups. */
    private List<Mailbox> personalMailboxes(ContactSyncSettings.Personal settings, Map<String, EntraUser> users) {
        List<Extension> synced = directory.extensions().stream()
                .filter(e -> e.synced() && e.sourceId() != null)
                .toList();
        Set<String> inGroups = null;
        if (settings.range() == ContactSyncSettings.PersonalRange.GROUPS) {
            Set<String> groups = rules.users().nestedGroups()
                    ? mirror.withNestedGroups(settings.groupIds())
                    : new HashSet<>(settings.groupIds());
            inGroups = new HashSet<>();
            Map<String, Set<String>> groupsOf =
                    mirror.groupsOf(synced.stream().map(Extension::sourceId).toList());
            for (Map.Entry<String, Set<String>> e : groupsOf.entrySet()) {
                if (e.getValue().stream().anyMatch(groups::contains)) {
                    inGroups.add(e.getKey());
                }
            }
        }
        List<Mailbox> mailboxes = new ArrayList<>();
        for (Extension e : synced) {
            if (inGroups != null && !inGroups.contains(e.sourceId())) {
                continue;
            }
            EntraUser u = users.get(e.sourceId());
            String address = u == null ? null : u.userPrincipalName() != null ? u.userPrincipalName() : u.mail();
            String name = u != null && u.displayName() != null
                    ? u.displayName()
                    : (e.firstName() == null ? "" : e.firstName()) + " " + (e.lastName() == null ? "" : e.lastName());
            mailboxes.add(new Mailbox(Part.PERSONAL, e.sourceId(), address, name.strip(), e.id()));
        }
        return mailboxes;
    }

    /**
     * The shared mailboxes in range (O2): the chosen ones, or every one the tenant has. Shared
     * mailboxes are the accounts Exchange creates disabled with a mail; application mode also
     * confirms {@code userPurpose} {@code shared} (so rooms and equipment stay out). In delegated
     * mode, range ALL means every readable one: an unreadable one is left out, not reported.
     */
    private List<Mailbox> sharedMailboxes(
            ContactSyncSettings.SharedMailboxes settings,
            Map<String, EntraUser> users,
            boolean application,
            Set<String> dropWhenDenied,
            List<SyncResult> early) {
        List<Mailbox> mailboxes = new ArrayList<>();
        if (settings.range() == ContactSyncSettings.MailboxRange.MAILBOXES) {
            for (String id : settings.mailboxIds()) {
                EntraUser u = users.get(id);
                if (u == null) {
                    early.add(new SyncResult(
                            ObjectType.MAILBOX,
                            id,
                            id,
                            Action.NONE,
                            Outcome.FAILED,
                            ProblemCode.MAILBOX_NOT_ACCESSIBLE,
                            "No account with this id exists in the tenant any more; remove it from the chosen shared"
                                    + " mailboxes.",
                            null));
                    continue;
                }
                mailboxes.add(shared(u));
            }
            return mailboxes;
        }
        List<EntraUser> candidates = users.values().stream()
                .filter(u -> !u.accountEnabled() && u.mail() != null)
                .toList();
        if (application) {
            Map<String, OutlookRead> purposes = outlook.read(candidates.stream()
                    .map(u -> Request.purpose(u.id(), u.id()))
                    .toList());
            for (EntraUser u : candidates) {
                OutlookRead read = purposes.get(u.id());
                boolean shared = read != null
                        && read.ok()
                        && read.items().stream().anyMatch(i -> "shared".equalsIgnoreCase(i.displayName()));
                if (shared || read == null || read.status() == OutlookRead.Status.TRANSIENT) {
                    mailboxes.add(shared(u));
                }
            }
        } else {
            candidates.forEach(u -> {
                mailboxes.add(shared(u));
                dropWhenDenied.add(u.id());
            });
        }
        return mailboxes;
    }

    private static Mailbox shared(EntraUser u) {
        return new Mailbox(
                Part.SHARED, u.id(), u.mail() != null ? u.mail() : u.userPrincipalName(), u.displayName(), null);
    }

    /** One run's reading of the mailboxes: folder trees where due, then each folder's delta. */
    private final class Reading {

        private final Map<String, Mailbox> byKey = new LinkedHashMap<>();
        private final Map<String, MailboxRead.Status> status = new HashMap<>();
        private final Map<String, Map<String, Folder>> folders = new HashMap<>();
        private final Map<String, Map<String, String>> names = new HashMap<>();
        private final Map<String, Map<String, String>> newLinks = new HashMap<>();
        private final Set<String> listed = new HashSet<>();
        private final Map<String, List<FolderLink>> known;
        private final Map<String, Instant> listedAt;
        private final Map<String, Instant> noMailbox;
        private final Set<String> stillNoMailbox = new HashSet<>();
        private final Instant now = clock.instant();

        Reading(List<Mailbox> mailboxes, boolean full) {
            known = state.folders();
            listedAt = state.listedAt();
            noMailbox = state.noMailbox();
            mailboxes.forEach(m -> byKey.put(key(m), m));
            if (!full) {
                noMailbox.forEach((k, checkedAt) -> {
                    if (byKey.containsKey(k)
                            && checkedAt.plus(NO_MAILBOX_LIFETIME).isAfter(now)) {
                        status.put(k, MailboxRead.Status.NO_MAILBOX);
                        stillNoMailbox.add(k);
                    }
                });
            }
            List<String> toList = new ArrayList<>();
            for (String k : byKey.keySet()) {
                if (stillNoMailbox.contains(k)) {
                    continue;
                }
                Instant at = listedAt.get(k);
                if (full || at == null || at.plus(TREE_LIFETIME).isBefore(now)) {
                    toList.add(k);
                }
            }
            listTrees(toList);
            Map<String, Set<String>> toRead = new LinkedHashMap<>();
            for (String k : byKey.keySet()) {
                if (status.containsKey(k)) {
                    continue;
                }
                Set<String> fs = new java.util.LinkedHashSet<>();
                if (listed.contains(k)) {
                    fs.addAll(names.get(k).keySet());
                } else {
                    fs.add(DEFAULT);
                    known.getOrDefault(k, List.of()).forEach(f -> fs.add(f.folderId()));
                }
                toRead.put(k, fs);
            }
            readFolders(toRead, full);
            List<String> relist = new ArrayList<>();
            for (String k : toRead.keySet()) {
                if (!listed.contains(k)
                        && !status.containsKey(k)
                        && folders.getOrDefault(k, Map.of()).values().stream()
                                .anyMatch(f -> f.items().stream().anyMatch(OutlookItem::removed))) {
                    relist.add(k);
                }
            }
            if (!relist.isEmpty()) {
                listTrees(relist);
                Map<String, Set<String>> fresh = new LinkedHashMap<>();
                for (String k : relist) {
                    if (status.containsKey(k)) {
                        continue;
                    }
                    Set<String> added = new HashSet<>(names.get(k).keySet());
                    added.removeAll(folders.getOrDefault(k, Map.of()).keySet());
                    if (!added.isEmpty()) {
                        fresh.put(k, added);
                    }
                    folders.getOrDefault(k, new HashMap<>())
                            .keySet()
                            .retainAll(names.get(k).keySet());
                }
                readFolders(fresh, true);
            }
        }

        /** Lists the folder trees of the mailboxes, level by level, each level in batches. */
        private void listTrees(List<String> keys) {
            Map<String, String> parentOf = new HashMap<>();
            List<Request> level = new ArrayList<>();
            for (String k : keys) {
                listed.add(k);
                names.put(k, new LinkedHashMap<>());
                names.get(k).put(DEFAULT, "Contacts");
                level.add(Request.childFolders(k + "|" + DEFAULT, byKey.get(k).id(), DEFAULT));
            }
            while (!level.isEmpty()) {
                Map<String, OutlookRead> answers = outlook.read(level);
                List<Request> next = new ArrayList<>();
                for (Request r : level) {
                    String[] kf = r.key().split("\\|", 2);
                    String k = kf[0];
                    String folder = kf[1];
                    OutlookRead a = answers.get(r.key());
                    if (a.ok()) {
                        for (OutlookItem child : a.items()) {
                            if (child.id() != null && !names.get(k).containsKey(child.id())) {
                                names.get(k).put(child.id(), child.displayName());
                                parentOf.put(child.id(), folder);
                                next.add(Request.childFolders(
                                        k + "|" + child.id(), byKey.get(k).id(), child.id()));
                            }
                        }
                    } else if (folder.equals(DEFAULT)) {
                        status.put(k, mailboxStatus(a));
                    } else if (a.status() == OutlookRead.Status.TRANSIENT) {
                        folders.computeIfAbsent(k, x -> new LinkedHashMap<>())
                                .put(
                                        folder,
                                        new Folder(
                                                folder, names.get(k).get(folder), FolderStatus.TRANSIENT, false, null));
                    }
                }
                level = next;
            }
        }

        /** Reads each folder's contacts: its delta from the last link, or from the start when {@code full} or unknown. */
        private void readFolders(Map<String, Set<String>> toRead, boolean full) {
            Map<String, String> links = new HashMap<>();
            known.forEach((k, fs) -> fs.forEach(f -> links.put(k + "|" + f.folderId(), f.deltaLink())));
            List<Request> requests = new ArrayList<>();
            for (Map.Entry<String, Set<String>> e : toRead.entrySet()) {
                for (String folder : e.getValue()) {
                    Folder already = folders.getOrDefault(e.getKey(), Map.of()).get(folder);
                    if (already != null) {
                        continue;
                    }
                    String link = full ? null : links.get(e.getKey() + "|" + folder);
                    requests.add(Request.contactsDelta(
                            e.getKey() + "|" + folder + "|" + (link == null ? "full" : "delta"),
                            byKey.get(e.getKey()).id(),
                            folder,
                            link));
                }
            }
            for (int round = 0; round < 2 && !requests.isEmpty(); round++) {
                Map<String, OutlookRead> answers = outlook.read(requests);
                List<Request> again = new ArrayList<>();
                for (Request r : requests) {
                    String[] kfm = r.key().split("\\|", 3);
                    String k = kfm[0];
                    String folder = kfm[1];
                    boolean complete = kfm[2].equals("full");
                    OutlookRead a = answers.get(r.key());
                    String name = names.getOrDefault(k, Map.of())
                            .getOrDefault(folder, folder.equals(DEFAULT) ? "Contacts" : null);
                    if (a.ok()) {
                        put(k, new Folder(folder, name, FolderStatus.READ, complete, a.items()));
                        newLinks.computeIfAbsent(k, x -> new HashMap<>()).put(folder, a.deltaLink());
                    } else if (a.status() == OutlookRead.Status.RESYNC) {
                        again.add(Request.contactsDelta(
                                k + "|" + folder + "|full", byKey.get(k).id(), folder, null));
                    } else if (folder.equals(DEFAULT)) {
                        status.put(k, mailboxStatus(a));
                    } else if (a.status() == OutlookRead.Status.TRANSIENT) {
                        put(k, new Folder(folder, name, FolderStatus.TRANSIENT, false, null));
                    } else if ("ErrorItemNotFound".equalsIgnoreCase(a.code())) {
                        put(k, new Folder(folder, name, FolderStatus.GONE, false, null));
                    } else {
                        put(k, new Folder(folder, name, FolderStatus.DENIED, false, null));
                    }
                }
                requests = again;
            }
        }

        private void put(String k, Folder f) {
            folders.computeIfAbsent(k, x -> new LinkedHashMap<>()).put(f.folderId(), f);
        }

        private MailboxRead.Status mailboxStatus(OutlookRead a) {
            return switch (a.status()) {
                case NO_MAILBOX -> MailboxRead.Status.NO_MAILBOX;
                case DENIED -> MailboxRead.Status.DENIED;
                default -> MailboxRead.Status.TRANSIENT;
            };
        }

        List<MailboxRead> reads() {
            List<MailboxRead> reads = new ArrayList<>();
            for (Map.Entry<String, Mailbox> e : byKey.entrySet()) {
                MailboxRead.Status s = status.getOrDefault(e.getKey(), MailboxRead.Status.READ);
                List<Folder> fs = s == MailboxRead.Status.READ
                        ? new ArrayList<>(
                                folders.getOrDefault(e.getKey(), Map.of()).values())
                        : List.of();
                reads.add(new MailboxRead(e.getValue(), s, fs));
            }
            return reads;
        }

        /** The folder state after this run: new links where read, the old ones where a failure left them. */
        List<FolderLink> links(List<MailboxRead> reads) {
            List<FolderLink> links = new ArrayList<>();
            for (MailboxRead read : reads) {
                String k = key(read.mailbox());
                if (read.status() == MailboxRead.Status.TRANSIENT) {
                    links.addAll(known.getOrDefault(k, List.of()));
                    continue;
                }
                if (read.status() != MailboxRead.Status.READ) {
                    continue;
                }
                Map<String, String> old = new HashMap<>();
                known.getOrDefault(k, List.of()).forEach(f -> old.put(f.folderId(), f.deltaLink()));
                for (Folder f : read.folders()) {
                    String link = switch (f.status()) {
                        case READ -> newLinks.get(k).get(f.folderId());
                        case TRANSIENT -> old.get(f.folderId());
                        case DENIED -> null;
                        case GONE -> "";
                    };
                    if (!"".equals(link)) {
                        links.add(new FolderLink(
                                read.mailbox().part(), read.mailbox().id(), f.folderId(), link));
                    }
                }
            }
            return links;
        }

        /** The users without a mailbox: when checked, or when the check this run relied on was made. */
        Map<String, Instant> noMailbox(List<MailboxRead> reads) {
            Map<String, Instant> at = new HashMap<>();
            for (MailboxRead read : reads) {
                String k = key(read.mailbox());
                if (read.status() == MailboxRead.Status.NO_MAILBOX) {
                    at.put(k, stillNoMailbox.contains(k) ? noMailbox.get(k) : now);
                }
            }
            return at;
        }

        Map<String, Instant> listedAt(List<MailboxRead> reads) {
            Map<String, Instant> at = new HashMap<>();
            for (MailboxRead read : reads) {
                String k = key(read.mailbox());
                if (read.status() == MailboxRead.Status.READ && listed.contains(k)) {
                    at.put(k, now);
                } else if (read.status() == MailboxRead.Status.READ || read.status() == MailboxRead.Status.TRANSIENT) {
                    if (listedAt.containsKey(k)) {
                        at.put(k, listedAt.get(k));
                    }
                }
            }
            return at;
        }

        private static String key(Mailbox m) {
            return m.part() + "/" + m.id();
        }
    }
}
