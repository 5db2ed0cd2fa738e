package io.switchboard.emulator;

import io.switchboard.emulator.HttpMessages.Request;
import io.switchboard.emulator.HttpMessages.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Outlook endpoints of one mailbox (§4.4, §6): {@code /users/{id|upn}/contacts}, {@code /contactFolders} (nested
 * through {@code childFolders}, with the {@code contacts} well-known alias for the default folder), the per-folder
 * {@code /contacts/delta}, and {@code /mailboxSettings}; also under {@code /me}. Each request passes the mailbox checks
 * in Exchange's order: the user exists, has a mailbox, is within the per-mailbox limits, and the token may read the
 * folder (application {@code Contacts.Read}; delegated own mailbox, or a {@code *.Shared} scope and a mailbox or folder
 * shared with the signed-in user).
 */
final class ContactEndpoints {

    static final Set<String> CONTACTS_APP = Set.of("Contacts.Read", "Contacts.ReadWrite");
    static final Set<String> CONTACTS_OWN =
            Set.of("Contacts.Read", "Contacts.ReadWrite", "Contacts.Read.Shared", "Contacts.ReadWrite.Shared");
    static final Set<String> CONTACTS_SHARED = Set.of("Contacts.Read.Shared", "Contacts.ReadWrite.Shared");
    static final Set<String> MAILBOX_SETTINGS = Set.of("MailboxSettings.Read", "MailboxSettings.ReadWrite");
    static final List<String> CONTACT_PROPERTIES = List.of(
            "id",
            "createdDateTime",
            "lastModifiedDateTime",
            "changeKey",
            "categories",
            "parentFolderId",
            "birthday",
            "fileAs",
            "displayName",
            "givenName",
            "initials",
            "middleName",
            "nickName",
            "surname",
            "title",
            "jobTitle",
            "companyName",
            "department",
            "officeLocation",
            "businessHomePage",
            "homePhones",
            "mobilePhone",
            "businessPhones",
            "personalNotes",
            "emailAddresses",
            "imAddresses",
            "homeAddress",
            "businessAddress",
            "otherAddress");
    static final int DEFAULT_PAGE = 10;
    static final int MAX_PAGE = 1000;
    private static final String ACCESS_DENIED = "Access is denied. Check credentials and try again.";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_INSTANT;

    private final GraphEmulator emulator;

    ContactEndpoints(GraphEmulator emulator) {
        this.emulator = emulator;
    }

    /** Whether the path {@code s} (segments after {@code /v1.0}) is a mailbox path this class answers. */
    static boolean handles(String[] s) {
        if (s[0].equals("users") && s.length >= 3) {
            return isMailboxSegment(s[2]);
        }
        return s[0].equals("me") && s.length >= 2 && isMailboxSegment(s[1]);
    }

    private static boolean isMailboxSegment(String segment) {
        return segment.equals("contacts") || segment.equals("contactFolders") || segment.equals("mailboxSettings");
    }

    /** The preferences of a {@code Prefer} header that this endpoint honours. */
    private record Preferences(boolean immutableIds, Integer maxPageSize) {
        static Preferences of(Request request) {
            boolean immutable = false;
            Integer max = null;
            String header = request.header("prefer");
            if (header != null) {
                for (String raw : header.split(",")) {
                    String p = raw.trim();
                    if (p.replace(" ", "").equalsIgnoreCase("IdType=\"ImmutableId\"")) {
                        immutable = true;
                    } else if (p.toLowerCase(java.util.Locale.ROOT).startsWith("odata.maxpagesize=")) {
                        try {
                            max = Integer.parseInt(
                                    p.substring("odata.maxpagesize=".length()).trim());
                        } catch (NumberFormatException e) {
                            max = null;
                        }
                    }
                }
            }
            return new Preferences(immutable, max);
        }

        Response applied(Response response, boolean pageSizeApplied) {
            List<String> applied = new ArrayList<>();
            if (immutableIds) {
                applied.add("IdType=\"ImmutableId\"");
            }
            if (pageSizeApplied && maxPageSize != null) {
                applied.add("odata.maxpagesize=" + maxPageSize);
            }
            return applied.isEmpty() ? response : response.withHeader("Preference-Applied", String.join(", ", applied));
        }
    }

    Response handle(Request request, Caller caller, String[] s) {
        String userKey;
        int i;
        if (s[0].equals("me")) {
            if (caller.application()) {
                return error(
                        request, 400, "BadRequest", "/me request is only valid with delegated authentication flow.");
            }
            userKey = caller.objectId();
            i = 1;
        } else {
            userKey = s[1];
            i = 2;
        }
        EntraUser user = emulator.tenant().read(() -> emulator.tenant().findUserUnlocked(userKey));
        if (user == null) {
            return error(request, 404, "ErrorInvalidUser", "The requested user '" + userKey + "' is invalid.");
        }
        if (!user.hasMailbox()) {
            return error(
                    request,
                    404,
                    "MailboxNotEnabledForRESTAPI",
                    "The mailbox is either inactive, soft-deleted, or is hosted on-premise.");
        }
        MailboxThrottle throttle = emulator.mailboxes().throttle();
        MailboxThrottle.Refusal refusal = throttle.enter(user.id());
        if (refusal != null) {
            Response r = error(request, 429, "ApplicationThrottled", refusal.message());
            return refusal.retryAfter() == null ? r : r.withHeader("Retry-After", refusal.retryAfter());
        }
        try {
            throttle.hold();
            Preferences prefs = Preferences.of(request);
            return route(request, caller, user, s, i, prefs);
        } finally {
            throttle.leave(user.id());
        }
    }

    private Response route(Request request, Caller caller, EntraUser user, String[] s, int i, Preferences prefs) {
        Mailboxes boxes = emulator.mailboxes();
        String owner = user.id();
        String defaultFolder = boxes.defaultFolderId(owner);
        switch (s[i]) {
            case "mailboxSettings" -> {
                return mailboxSettings(request, caller, user, s, i);
            }
            case "contacts" -> {
                if (s.length == i + 1) {
                    return contactList(request, caller, owner, defaultFolder, prefs);
                }
                if (s.length == i + 2) {
                    if (DeltaEndpoints.isDeltaSegment(s[i + 1])) {
                        return error(
                                request,
                                400,
                                "ErrorInvalidUrlQuery",
                                "Contacts delta is per folder: use /contactFolders/{id}/contacts/delta.");
                    }
                    return singleContact(request, caller, owner, s[i + 1], null, prefs);
                }
                return notFoundSegment(request, s[i + 2]);
            }
            case "contactFolders" -> {
                if (s.length == i + 1) {
                    return folderList(request, caller, owner, defaultFolder, "contactFolders");
                }
                String folderId = s[i + 1].equals("contacts") ? defaultFolder : s[i + 1];
                if (boxes.folder(owner, folderId).isEmpty()) {
                    return itemNotFound(request);
                }
                int j = i + 2;
                while (j + 1 < s.length && s[j].equals("childFolders")) {
                    String child = s[j + 1];
                    String parent = folderId;
                    if (boxes.folder(owner, child)
                            .filter(f -> parent.equals(f.parentFolderId()))
                            .isEmpty()) {
                        return itemNotFound(request);
                    }
                    folderId = child;
                    j += 2;
                }
                if (j == s.length) {
                    return singleFolder(request, caller, owner, folderId);
                }
                if (s[j].equals("childFolders") && j + 1 == s.length) {
                    return folderList(
                            request, caller, owner, folderId, "contactFolders('" + folderId + "')/childFolders");
                }
                if (s[j].equals("contacts")) {
                    if (j + 1 == s.length) {
                        return contactList(request, caller, owner, folderId, prefs);
                    }
                    if (j + 2 == s.length && DeltaEndpoints.isDeltaSegment(s[j + 1])) {
                        return delta(request, caller, owner, folderId, prefs);
                    }
                    if (j + 2 == s.length) {
                        return singleContact(request, caller, owner, s[j + 1], folderId, prefs);
                    }
                }
                return notFoundSegment(request, s[j]);
            }
            default -> {
                return notFoundSegment(request, s[i]);
            }
        }
    }

    // ---- access

    /** Null when the caller may read the folder, else the 403 Exchange gives. */
    private Response access(Request request, Caller caller, String owner, String folderId) {
        boolean allowed;
        if (caller.application()) {
            allowed = caller.hasAny(Set.of(), CONTACTS_APP);
        } else if (owner.equals(caller.objectId())) {
            allowed = caller.hasAny(CONTACTS_OWN, Set.of());
        } else {
            allowed = caller.hasAny(CONTACTS_SHARED, Set.of())
                    && emulator.mailboxes().canRead(owner, folderId, caller.objectId());
        }
        return allowed ? null : error(request, 403, "ErrorAccessDenied", ACCESS_DENIED);
    }

    // ---- mailbox settings

    private Response mailboxSettings(Request request, Caller caller, EntraUser user, String[] s, int i) {
        boolean allowed = caller.application()
                ? caller.hasAny(Set.of(), MAILBOX_SETTINGS)
                : caller.hasAny(MAILBOX_SETTINGS, Set.of())
                        && emulator.mailboxes().mailboxSharedWith(user.id(), caller.objectId());
        if (!allowed) {
            return error(request, 403, "ErrorAccessDenied", ACCESS_DENIED);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("archiveFolder", null);
        settings.put("timeZone", "UTC");
        settings.put("delegateMeetingMessageDeliveryOptions", "sendToDelegateOnly");
        settings.put("dateFormat", "M/d/yyyy");
        settings.put("timeFormat", "h:mm tt");
        settings.put("userPurpose", emulator.mailboxes().purpose(user.id()));
        Map<String, Object> language = new LinkedHashMap<>();
        language.put("locale", user.preferredLanguage() == null ? "en-US" : user.preferredLanguage());
        language.put("displayName", null);
        settings.put("language", language);
        String context = emulator.baseUrl() + "/v1.0/$metadata#users('" + user.id() + "')/mailboxSettings";
        if (s.length == i + 2) {
            if (!settings.containsKey(s[i + 1])) {
                return notFoundSegment(request, s[i + 1]);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("@odata.context", context + "/" + s[i + 1]);
            body.put("value", settings.get(s[i + 1]));
            return Response.json(200, body);
        }
        if (s.length > i + 2) {
            return notFoundSegment(request, s[i + 2]);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", context);
        String select = request.query().get("$select");
        if (select == null || select.isBlank()) {
            body.putAll(settings);
        } else {
            for (String raw : select.split(",")) {
                String name = raw.trim();
                if (!settings.containsKey(name)) {
                    return error(
                            request,
                            400,
                            "RequestBroker--ParseUri",
                            "Could not find a property named '" + name
                                    + "' on type 'microsoft.graph.mailboxSettings'.");
                }
                body.put(name, settings.get(name));
            }
        }
        return Response.json(200, body);
    }

    // ---- folders

    private Response singleFolder(Request request, Caller caller, String owner, String folderId) {
        Response denied = access(request, caller, owner, folderId);
        if (denied != null) {
            return denied;
        }
        ContactFolder folder = emulator.mailboxes().folder(owner, folderId).orElseThrow();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "@odata.context", emulator.baseUrl() + "/v1.0/$metadata#users('" + owner + "')/contactFolders/$entity");
        body.putAll(render(folder));
        return Response.json(200, body);
    }

    private Response folderList(Request request, Caller caller, String owner, String parentId, String contextPath) {
        Response denied = access(request, caller, owner, parentId);
        if (denied != null) {
            return denied;
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (ContactFolder f : emulator.mailboxes().folders(owner)) {
            if (parentId.equals(f.parentFolderId())) {
                items.add(render(f));
            }
        }
        return page(request, items, "users('" + owner + "')/" + contextPath, null);
    }

    private static Map<String, Object> render(ContactFolder folder) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", folder.id());
        json.put("displayName", folder.displayName());
        json.put("parentFolderId", folder.parentFolderId());
        return json;
    }

    // ---- contacts

    private Response contactList(Request request, Caller caller, String owner, String folderId, Preferences prefs) {
        Response denied = access(request, caller, owner, folderId);
        if (denied != null) {
            return denied;
        }
        Object select = select(request);
        if (select instanceof Response r) {
            return r;
        }
        @SuppressWarnings("unchecked")
        List<String> fields = (List<String>) select;
        List<Map<String, Object>> items = new ArrayList<>();
        for (MailboxContact c : emulator.mailboxes().contacts(owner, folderId)) {
            items.add(render(c, prefs.immutableIds(), fields));
        }
        String context = folderId.equals(emulator.mailboxes().defaultFolderId(owner))
                ? "users('" + owner + "')/contacts"
                : "users('" + owner + "')/contactFolders('" + folderId + "')/contacts";
        return prefs.applied(page(request, items, context, fields), false);
    }

    private Response singleContact(
            Request request, Caller caller, String owner, String contactId, String folderId, Preferences prefs) {
        MailboxContact contact = emulator.mailboxes().contact(owner, contactId).orElse(null);
        if (contact == null || folderId != null && !folderId.equals(contact.folderId())) {
            return itemNotFound(request);
        }
        Response denied = access(request, caller, owner, contact.folderId());
        if (denied != null) {
            return denied;
        }
        Object select = select(request);
        if (select instanceof Response r) {
            return r;
        }
        @SuppressWarnings("unchecked")
        List<String> fields = (List<String>) select;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", emulator.baseUrl() + "/v1.0/$metadata#users('" + owner + "')/contacts/$entity");
        body.putAll(render(contact, prefs.immutableIds(), fields));
        return prefs.applied(Response.json(200, body), false);
    }

    /** The selected property names (null = all), or a 400 for an unknown one. */
    private Object select(Request request) {
        String select = request.query().get("$select");
        if (select == null || select.isBlank()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (String raw : select.split(",")) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!CONTACT_PROPERTIES.contains(name)) {
                return error(
                        request,
                        400,
                        "RequestBroker--ParseUri",
                        "Could not find a property named '" + name + "' on type 'microsoft.graph.contact'.");
            }
            names.add(name);
        }
        return names;
    }

    /** A contact in Graph's shape; {@code id} and {@code @odata.etag} are always present. */
    static Map<String, Object> render(MailboxContact c, boolean immutableIds, List<String> select) {
        OutlookContact d = c.data();
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("id", immutableIds ? c.immutableId() : c.restId());
        all.put("createdDateTime", TIMESTAMP.format(c.createdDateTime().truncatedTo(ChronoUnit.SECONDS)));
        all.put(
                "lastModifiedDateTime",
                TIMESTAMP.format(c.lastModifiedDateTime().truncatedTo(ChronoUnit.SECONDS)));
        all.put("changeKey", c.changeKey());
        all.put("categories", d.categories());
        all.put("parentFolderId", c.folderId());
        all.put("birthday", null);
        all.put("fileAs", fileAs(d));
        all.put("displayName", d.displayName());
        all.put("givenName", d.givenName());
        all.put("initials", null);
        all.put("middleName", d.middleName());
        all.put("nickName", d.nickName());
        all.put("surname", d.surname());
        all.put("title", null);
        all.put("jobTitle", d.jobTitle());
        all.put("companyName", d.companyName());
        all.put("department", d.department());
        all.put("officeLocation", null);
        all.put("businessHomePage", null);
        all.put("homePhones", d.homePhones());
        all.put("mobilePhone", d.mobilePhone());
        all.put("businessPhones", d.businessPhones());
        all.put("personalNotes", d.personalNotes() == null ? "" : d.personalNotes());
        List<Map<String, Object>> mails = new ArrayList<>();
        for (OutlookContact.EmailAddress e : d.emailAddresses()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.name());
            m.put("address", e.address());
            mails.add(m);
        }
        all.put("emailAddresses", mails);
        all.put("imAddresses", List.of());
        all.put("homeAddress", Map.of());
        all.put("businessAddress", Map.of());
        all.put("otherAddress", Map.of());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("@odata.etag", "W/\"" + c.changeKey() + "\"");
        if (select == null) {
            json.putAll(all);
        } else {
            json.put("id", all.get("id"));
            for (String name : select) {
                json.put(name, all.get(name));
            }
        }
        return json;
    }

    private static String fileAs(OutlookContact d) {
        if (d.surname() != null && d.givenName() != null) {
            return d.surname() + ", " + d.givenName();
        }
        return d.displayName() == null ? "" : d.displayName();
    }

    /** One page of {@code items} by {@code $top} (default 10, at most 1000) and {@code $skip}. */
    private Response page(Request request, List<Map<String, Object>> items, String context, List<String> select) {
        Map<String, String> q = request.query();
        int top = DEFAULT_PAGE;
        int skip = 0;
        try {
            if (q.containsKey("$top")) {
                top = Integer.parseInt(q.get("$top"));
            }
            if (q.containsKey("$skip")) {
                skip = Integer.parseInt(q.get("$skip"));
            }
        } catch (NumberFormatException e) {
            return error(request, 400, "ErrorInvalidUrlQuery", "The value of $top or $skip is not a valid number.");
        }
        if (top < 1 || skip < 0) {
            return error(request, 400, "ErrorInvalidUrlQuery", "The value of $top or $skip is out of range.");
        }
        top = Math.min(top, MAX_PAGE);
        for (String unsupported : List.of("$filter", "$orderby", "$search", "$expand")) {
            if (q.containsKey(unsupported)) {
                return error(
                        request,
                        400,
                        "ErrorInvalidUrlQuery",
                        "The query parameter '" + unsupported
                                + "' is not supported by the emulator's contact endpoints.");
            }
        }
        int from = Math.min(skip, items.size());
        int to = Math.min(from + top, items.size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "@odata.context",
                emulator.baseUrl() + "/v1.0/$metadata#" + context
                        + (select == null ? "" : "(" + String.join(",", select) + ")"));
        body.put("value", items.subList(from, to));
        if (to < items.size()) {
            Map<String, String> params = new LinkedHashMap<>(q);
            params.remove("$skip");
            params.put("$top", String.valueOf(top));
            params.put("$skip", String.valueOf(to));
            body.put("@odata.nextLink", emulator.baseUrl() + request.path() + "?" + HttpMessages.query(params));
        }
        return Response.json(200, body);
    }

    // ---- delta

    /** The state of a contacts delta or skip token: a range of the mailbox's change log for one folder. */
    private record Token(
            int generation,
            String owner,
            String folderId,
            long from,
            long to,
            int offset,
            long issuedAt,
            String select) {

        String encode() {
            String raw = String.join(
                    "|",
                    "c1",
                    Integer.toString(generation),
                    owner,
                    folderId,
                    Long.toString(from),
                    Long.toString(to),
                    Integer.toString(offset),
                    Long.toString(issuedAt),
                    select == null ? "*" : select);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Token decode(String token) {
            try {
                String[] p = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", -1);
                if (p.length != 9 || !p[0].equals("c1")) {
                    return null;
                }
                return new Token(
                        Integer.parseInt(p[1]),
                        p[2],
                        p[3],
                        Long.parseLong(p[4]),
                        Long.parseLong(p[5]),
                        Integer.parseInt(p[6]),
                        Long.parseLong(p[7]),
                        p[8].equals("*") ? null : p[8]);
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    private Response delta(Request request, Caller caller, String owner, String folderId, Preferences prefs) {
        Response denied = access(request, caller, owner, folderId);
        if (denied != null) {
            return denied;
        }
        Map<String, String> q = request.query();
        Mailboxes boxes = emulator.mailboxes();
        int generation = boxes.deltaGeneration();
        Instant now = emulator.clock().instant();
        String deltaToken = q.get("$deltatoken");
        String skipToken = q.get("$skiptoken");
        Token token;
        if (deltaToken != null || skipToken != null) {
            Token t = Token.decode(deltaToken != null ? deltaToken : skipToken);
            if (t == null || !t.owner().equals(owner) || !t.folderId().equals(folderId)) {
                return error(
                        request,
                        400,
                        "ErrorInvalidSyncStateData",
                        "The sync state data is corrupt or otherwise invalid.");
            }
            if (t.generation() != generation) {
                return error(
                        request,
                        410,
                        "SyncStateNotFound",
                        "The sync state generation is not found; generation=" + t.generation() + ";[highest="
                                + generation + "][" + generation + "].");
            }
            long head = boxes.read(owner, Mailboxes.Mailbox::head);
            token = deltaToken != null
                    ? new Token(generation, owner, folderId, t.from(), head, 0, now.toEpochMilli(), t.select())
                    : t;
        } else {
            Object select = select(request);
            if (select instanceof Response r) {
                return r;
            }
            long head = boxes.read(owner, Mailboxes.Mailbox::head);
            token = new Token(
                    generation,
                    owner,
                    folderId,
                    0,
                    head,
                    0,
                    now.toEpochMilli(),
                    select == null ? null : String.join(",", selectedNames(select)));
        }
        List<String> select =
                token.select() == null ? null : List.of(token.select().split(","));
        int pageSize =
                prefs.maxPageSize() == null ? DEFAULT_PAGE : Math.max(1, Math.min(prefs.maxPageSize(), MAX_PAGE));
        Token round = token;
        Map<String, Object> body = boxes.read(owner, m -> {
            LinkedHashMap<String, Mailboxes.Event> last = new LinkedHashMap<>();
            for (int k = (int) round.from(); k < round.to() && k < m.log.size(); k++) {
                Mailboxes.Event e = m.log.get(k);
                if (e.folderId().equals(folderId)) {
                    last.put(e.immutableId(), e);
                }
            }
            if (round.from() == 0) {
                last.values().removeIf(Mailboxes.Event::removed);
            }
            List<Mailboxes.Event> entries = new ArrayList<>(last.values());
            int start = Math.min(round.offset(), entries.size());
            int end = Math.min(start + pageSize, entries.size());
            List<Map<String, Object>> value = new ArrayList<>();
            for (Mailboxes.Event e : entries.subList(start, end)) {
                MailboxContact c = m.contacts.get(e.immutableId());
                if (c != null && c.folderId().equals(folderId)) {
                    value.add(render(c, prefs.immutableIds(), select));
                } else {
                    Map<String, Object> removed = new LinkedHashMap<>();
                    removed.put("@odata.type", "#microsoft.graph.contact");
                    removed.put("id", prefs.immutableIds() ? e.immutableId() : e.restId());
                    removed.put("@removed", Map.of("reason", "deleted"));
                    value.add(removed);
                }
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("@odata.context", emulator.baseUrl() + "/v1.0/$metadata#Collection(contact)");
            String base = emulator.baseUrl() + request.path() + "?";
            if (end < entries.size()) {
                Token next = new Token(
                        round.generation(),
                        owner,
                        folderId,
                        round.from(),
                        round.to(),
                        end,
                        round.issuedAt(),
                        round.select());
                json.put("@odata.nextLink", base + "$skiptoken=" + next.encode());
            } else {
                Token next = new Token(
                        round.generation(), owner, folderId, round.to(), -1, 0, now.toEpochMilli(), round.select());
                json.put("@odata.deltaLink", base + "$deltatoken=" + next.encode());
            }
            json.put("value", value);
            return json;
        });
        return prefs.applied(Response.json(200, body), prefs.maxPageSize() != null);
    }

    // ---- helpers

    @SuppressWarnings("unchecked")
    private static List<String> selectedNames(Object select) {
        return (List<String>) select;
    }

    private Response itemNotFound(Request request) {
        return error(request, 404, "ErrorItemNotFound", "The specified object was not found in the store.");
    }

    private Response notFoundSegment(Request request, String segment) {
        return error(request, 400, "BadRequest", "Resource not found for the segment '" + segment + "'.");
    }

    private Response error(Request request, int status, String code, String message) {
        return GraphErrors.error(request, emulator.clock().instant(), status, code, message);
    }
}
