package io.switchboard.entra.graph;

import io.switchboard.entra.OutlookItem;
import io.switchboard.entra.OutlookRead;
import io.switchboard.entra.OutlookRead.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads Outlook resources (contact folders, contacts, their per-folder delta, mailbox settings)
 * of many mailboxes through {@code $batch} (reference §3.4, §6): 20 requests per batch and at most
 * 4 of one mailbox in a batch (Outlook's per-mailbox concurrency, §3.5); nextLinks are followed in
 * later batches; throttled items alone are retried after the longest {@code Retry-After} among
 * them, up to the client's attempts, and then reported {@link Status#TRANSIENT}. Every request asks
 * for immutable ids.
 */
public final class OutlookBatch {

    /** One GET of a batch: {@code mailbox} is the user id its per-mailbox limits count against. */
    public record Get(String key, String mailbox, String url) {}

    static final int PER_MAILBOX = 4;
    private static final Set<Integer> RETRYABLE = Set.of(429, 500, 502, 503, 504);
    private static final Map<String, String> HEADERS =
            Map.of("Prefer", "IdType=\"ImmutableId\", odata.maxpagesize=500");

    private final GraphClient graph;
    private final JsonMapper json = JsonMapper.builder().build();

    public OutlookBatch(GraphClient graph) {
        this.graph = graph;
    }

    private static final class Pending {
        final Get get;
        String url;
        final List<OutlookItem> items = new ArrayList<>();
        int attempts;
        OutlookRead done;

        Pending(Get get) {
            this.get = get;
            this.url = get.url();
        }
    }

    /** Reads every request to its last page; the answers by key. */
    public Map<String, OutlookRead> read(List<Get> gets) {
        Map<String, Pending> all = new LinkedHashMap<>();
        gets.forEach(g -> all.put(g.key(), new Pending(g)));
        List<Pending> open = new ArrayList<>(all.values());
        while (!open.isEmpty()) {
            Duration wait = Duration.ZERO;
            for (List<Pending> chunk : chunks(open)) {
                wait = max(wait, send(chunk));
            }
            open = all.values().stream().filter(p -> p.done == null).toList();
            if (!open.isEmpty() && !wait.isZero()) {
                graph.pause(wait);
            }
        }
        Map<String, OutlookRead> answers = new LinkedHashMap<>();
        all.forEach((k, p) -> answers.put(k, p.done));
        return answers;
    }

    /** Batches of up to 20 with at most {@link #PER_MAILBOX} requests of one mailbox each. */
    static List<List<Pending>> chunks(List<Pending> open) {
        List<List<Pending>> chunks = new ArrayList<>();
        List<Pending> rest = new ArrayList<>(open);
        while (!rest.isEmpty()) {
            List<Pending> chunk = new ArrayList<>();
            Map<String, Integer> perMailbox = new HashMap<>();
            List<Pending> later = new ArrayList<>();
            for (Pending p : rest) {
                int n = perMailbox.getOrDefault(p.get.mailbox(), 0);
                if (chunk.size() < GraphClient.BATCH_LIMIT && n < PER_MAILBOX) {
                    chunk.add(p);
                    perMailbox.put(p.get.mailbox(), n + 1);
                } else {
                    later.add(p);
                }
            }
            chunks.add(chunk);
            rest = later;
        }
        return chunks;
    }

    /** Sends one batch; answers how long to wait before the throttled items go again (zero: none). */
    private Duration send(List<Pending> chunk) {
        ObjectNode body = json.createObjectNode();
        ArrayNode requests = body.putArray("requests");
        for (int i = 0; i < chunk.size(); i++) {
            ObjectNode request = requests.addObject()
                    .put("id", String.valueOf(i))
                    .put("method", "GET")
                    .put("url", relative(chunk.get(i).url));
            ObjectNode headers = request.putObject("headers");
            HEADERS.forEach(headers::put);
        }
        JsonNode answer;
        try {
            answer = graph.send(
                    "POST", "/$batch", Map.of("Content-Type", "application/json"), json.writeValueAsString(body));
        } catch (GraphException e) {
            if (e.status() == 401 || e.status() == 400) {
                throw e;
            }
            chunk.forEach(p -> p.done = new OutlookRead(Status.TRANSIENT, null, null, e.status(), e.code()));
            return Duration.ZERO;
        }
        Duration wait = Duration.ZERO;
        boolean withoutRetryAfter = false;
        int attempt = 0;
        for (JsonNode item : answer.path("responses")) {
            int index = Integer.parseInt(Objects.requireNonNullElse(text(item, "id"), "-1"));
            if (index < 0 || index >= chunk.size()) {
                throw new GraphException(200, "invalidResponse", "unexpected $batch item id", null);
            }
            Pending p = chunk.get(index);
            int status = item.path("status").asInt();
            JsonNode page = item.path("body");
            if (status / 100 == 2) {
                page.path("value").forEach(v -> p.items.add(toItem(v)));
                if (page.has("userPurpose")) {
                    p.items.add(purpose(text(page, "userPurpose")));
                } else if (!page.has("value") && page.has("id")) {
                    p.items.add(toItem(page));
                }
                String next = text(page, "@odata.nextLink");
                if (next != null) {
                    p.url = next;
                    p.attempts = 0;
                } else {
                    p.done = new OutlookRead(Status.OK, p.items, text(page, "@odata.deltaLink"), status, null);
                }
                continue;
            }
            String code = text(page.path("error"), "code");
            if (RETRYABLE.contains(status)) {
                p.attempts++;
                attempt = Math.max(attempt, p.attempts);
                if (p.attempts >= graph.maxAttempts()) {
                    p.done = new OutlookRead(Status.TRANSIENT, null, null, status, code);
                    continue;
                }
                Optional<Duration> retryAfter = graph.retryAfter(header(item.path("headers"), "Retry-After"));
                if (retryAfter.isPresent()) {
                    wait = max(wait, retryAfter.get());
                } else {
                    withoutRetryAfter = true;
                }
                continue;
            }
            p.done = new OutlookRead(classify(status, code), null, null, status, code);
        }
        for (Pending p : chunk) {
            if (p.done == null && p.attempts == 0 && !answered(answer, chunk.indexOf(p))) {
                p.done = new OutlookRead(Status.TRANSIENT, null, null, 0, "missingResponse");
            }
        }
        if (withoutRetryAfter) {
            wait = max(wait, graph.backoff(Math.max(1, attempt)));
        }
        return wait;
    }

    private static boolean answered(JsonNode answer, int index) {
        for (JsonNode item : answer.path("responses")) {
            if (String.valueOf(index).equals(text(item, "id"))) {
                return true;
            }
        }
        return false;
    }

    static Status classify(int status, String code) {
        if (status == 410
                || "SyncStateNotFound".equalsIgnoreCase(code)
                || "SyncStateInvalid".equalsIgnoreCase(code)
                || "ErrorInvalidSyncStateData".equalsIgnoreCase(code)) {
            return Status.RESYNC;
        }
        if ("MailboxNotEnabledForRESTAPI".equalsIgnoreCase(code)
                || "ErrorInvalidUser".equalsIgnoreCase(code)
                || "ResourceNotFound".equalsIgnoreCase(code)) {
            return Status.NO_MAILBOX;
        }
        if (status == 403 || status == 404 || status == 401) {
            return Status.DENIED;
        }
        return Status.TRANSIENT;
    }

    /** A nextLink or deltaLink is absolute; a batch wants it relative to the version root. */
    private String relative(String url) {
        String root = graph.graphRoot();
        if (url.startsWith(root)) {
            return url.substring(root.length());
        }
        int v = url.indexOf("/v1.0/");
        return v >= 0 && url.startsWith("http") ? url.substring(v + "/v1.0".length()) : url;
    }

    /** A mailboxSettings answer: {@code id} "userPurpose", {@code displayName} its value (§4.4). */
    private static OutlookItem purpose(String value) {
        return new OutlookItem("userPurpose", false, null, value, null, null, null, null, null, null, null, null);
    }

    static OutlookItem toItem(JsonNode n) {
        boolean removed = n.has("@removed");
        String email = null;
        for (JsonNode e : n.path("emailAddresses")) {
            String address = text(e, "address");
            if (address != null && !address.isBlank()) {
                email = address;
                break;
            }
        }
        return new OutlookItem(
                text(n, "id"),
                removed,
                text(n, "parentFolderId"),
                text(n, "displayName"),
                text(n, "givenName"),
                text(n, "surname"),
                text(n, "companyName"),
                text(n, "jobTitle"),
                email,
                text(n, "mobilePhone"),
                strings(n.path("homePhones")),
                strings(n.path("businessPhones")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : array) {
            if (!v.isNull()) {
                out.add(v.asString());
            }
        }
        return out;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.isMissingNode() ? null : v.asString();
    }

    private static String header(JsonNode headers, String name) {
        if (headers != null && headers.isObject()) {
            for (Map.Entry<String, JsonNode> e : headers.properties()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isNull()) {
                    return e.getValue().asString();
                }
            }
        }
        return null;
    }
}
