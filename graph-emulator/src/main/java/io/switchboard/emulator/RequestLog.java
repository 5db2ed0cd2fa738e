package io.switchboard.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The requests the emulator answered, oldest first. Thread-safe. */
public final class RequestLog {

    private static final List<String> HEADERS_OF_INTEREST =
            List.of("consistencylevel", "prefer", "client-request-id", "content-type", "authorization");

    private final List<RecordedRequest> entries = new ArrayList<>();

    /** All recorded requests. */
    public synchronized List<RecordedRequest> all() {
        return List.copyOf(entries);
    }

    /** The recorded requests whose target (path and query) contains a match of {@code regex}. */
    public synchronized List<RecordedRequest> matching(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return entries.stream().filter(r -> pattern.matcher(r.target()).find()).toList();
    }

    /** The number of recorded requests matching {@code regex}, as in {@link #matching}. */
    public int count(String regex) {
        return matching(regex).size();
    }

    /** Forgets every recorded request. */
    public synchronized void clear() {
        entries.clear();
    }

    void record(Instant at, HttpMessages.Request request, int status) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : HEADERS_OF_INTEREST) {
            String value = request.header(name);
            if (value != null) {
                if (name.equals("authorization")) {
                    int space = value.indexOf(' ');
                    value = space < 0 ? value : value.substring(0, space);
                }
                headers.put(name.toLowerCase(Locale.ROOT), value);
            }
        }
        RecordedRequest recorded = new RecordedRequest(
                at, request.method(), request.target(), status, Map.copyOf(headers), request.batchItem());
        synchronized (this) {
            entries.add(recorded);
        }
    }
}
