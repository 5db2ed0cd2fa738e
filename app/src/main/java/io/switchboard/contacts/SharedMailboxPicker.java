package io.switchboard.contacts;

import io.switchboard.entra.EntraConnection;
import io.switchboard.entra.EntraUnavailable;
import io.switchboard.entra.EntraUser;
import io.switchboard.entra.IntegrationMode;
import io.switchboard.entra.OutlookRead;
import io.switchboard.entra.OutlookReader;
import io.switchboard.entra.OutlookReader.Request;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The shared-mailbox picker (O2): the tenant's shared mailboxes whose name starts with the query,
 * told apart as O2 says (accounts Exchange created disabled with a mail; application mode also
 * checks {@code userPurpose} {@code shared}), each saying whether the authorization account can
 * read its contacts. Two {@code $batch} rounds per page of candidates.
 */
@Service
public class SharedMailboxPicker {

    /** One entry. */
    public record Entry(String id, String displayName, String mail, boolean readable) {}

    static final int MAX = 200;

    private final EntraConnection connection;
    private final OutlookReader outlook;

    SharedMailboxPicker(EntraConnection connection, OutlookReader outlook) {
        this.connection = connection;
        this.outlook = outlook;
    }

    public List<Entry> find(String query) {
        if (!connection.connected()) {
            throw new EntraUnavailable("The integration is not connected, so the tenant cannot be searched.");
        }
        List<EntraUser> candidates = outlook.searchUsers(query, 999).stream()
                .filter(u -> !u.accountEnabled() && u.mail() != null)
                .limit(MAX)
                .toList();
        boolean application = connection.view().mode() == IntegrationMode.APPLICATION;
        List<Request> requests = new ArrayList<>();
        for (EntraUser u : candidates) {
            requests.add(Request.defaultFolder("read|" + u.id(), u.id()));
            if (application) {
                requests.add(Request.purpose("purpose|" + u.id(), u.id()));
            }
        }
        Map<String, OutlookRead> answers = outlook.read(requests);
        List<Entry> entries = new ArrayList<>();
        for (EntraUser u : candidates) {
            if (application) {
                OutlookRead purpose = answers.get("purpose|" + u.id());
                boolean shared = purpose != null
                        && purpose.ok()
                        && purpose.items().stream().anyMatch(i -> "shared".equalsIgnoreCase(i.displayName()));
                if (!shared) {
                    continue;
                }
            }
            OutlookRead read = answers.get("read|" + u.id());
            entries.add(new Entry(u.id(), u.displayName(), u.mail(), read != null && read.ok()));
        }
        entries.sort(Comparator.comparing(Entry::displayName, Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER)));
        return entries;
    }
}
