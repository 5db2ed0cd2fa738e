package io.switchboard.entra;

import io.switchboard.entra.graph.GraphException;
import io.switchboard.entra.graph.OutlookBatch;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Reads the Outlook side of many mailboxes at once (O1, O2; reference §6), each request through
 * {@code $batch}: a folder's child folders, a folder's contacts delta (from the start, or from the
 * link of the last round), and a mailbox's {@code userPurpose}. A failure of one request is that
 * request's answer; the whole read fails ({@link EntraUnavailable}) only when Graph refuses the
 * batch itself.
 */
@Component
public class OutlookReader {

    /** The well-known name of a mailbox's default Contacts folder. */
    public static final String DEFAULT_FOLDER = "contacts";

    /** One request: {@code key} names its answer; {@code mailbox} is the user id whose limits it counts against. */
    public record Request(String key, String mailbox, String url) {

        /** The child folders of a folder ({@link #DEFAULT_FOLDER} for the default one). */
        public static Request childFolders(String key, String mailbox, String folderId) {
            return new Request(
                    key, mailbox, "/users/" + mailbox + "/contactFolders/" + folderId + "/childFolders?$top=500");
        }

        /** A folder's contacts delta: the next round of {@code deltaLink}, or a first round when null. */
        public static Request contactsDelta(String key, String mailbox, String folderId, String deltaLink) {
            return new Request(
                    key,
                    mailbox,
                    deltaLink != null
                            ? deltaLink
                            : "/users/" + mailbox + "/contactFolders/" + folderId + "/contacts/delta?$select="
                                    + "id,parentFolderId,displayName,givenName,surname,companyName,jobTitle,"
                                    + "emailAddresses,mobilePhone,homePhones,businessPhones");
        }

        /** A mailbox's {@code userPurpose} (application mode, §4.4). */
        public static Request purpose(String key, String mailbox) {
            return new Request(key, mailbox, "/users/" + mailbox + "/mailboxSettings?$select=userPurpose");
        }

        /** The default Contacts folder itself: whether the caller may read it. */
        public static Request defaultFolder(String key, String mailbox) {
            return new Request(key, mailbox, "/users/" + mailbox + "/contactFolders/" + DEFAULT_FOLDER);
        }
    }

    private final GraphCalls calls;

    OutlookReader(GraphCalls calls) {
        this.calls = calls;
    }

    /** Up to {@code top} users whose display name starts with {@code prefix} (the shared-mailbox picker, O2). */
    public List<EntraUser> searchUsers(String prefix, int top) {
        try {
            return calls.call(graph -> graph.searchUsers(prefix == null ? "" : prefix.strip(), top));
        } catch (GraphException e) {
            throw new EntraUnavailable("Microsoft Graph refused to search the tenant (HTTP " + e.status() + ").");
        }
    }

    /** Answers every request by its key. */
    public Map<String, OutlookRead> read(List<Request> requests) {
        if (requests.isEmpty()) {
            return Map.of();
        }
        List<OutlookBatch.Get> gets = requests.stream()
                .map(r -> new OutlookBatch.Get(r.key(), r.mailbox(), r.url()))
                .toList();
        try {
            return calls.call(graph -> new OutlookBatch(graph).read(gets));
        } catch (GraphException e) {
            throw new EntraUnavailable("Microsoft Graph refused to read Outlook (HTTP " + e.status()
                    + (e.code() == null || e.code().isEmpty() ? "" : ", " + e.code())
                    + "). Nothing was changed on the PBX.");
        }
    }
}
