package io.switchboard.entra.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts webhook requests nobody should believe (forged or unreadable) and writes at most one
 * summary line per kind per {@link #INTERVAL}, so a flood of forged requests cannot flood the log.
 */
@Component
class ForgedRequestLog {

    static final Duration INTERVAL = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(ForgedRequestLog.class);

    /** What was refused. */
    enum Kind {
        NOTIFICATION("change notification item(s) whose clientState matched none of our subscriptions"),
        LIFECYCLE("lifecycle notification item(s) whose clientState matched none of our subscriptions"),
        UNREADABLE("webhook request(s) whose body was not a Graph notification collection");

        private final String words;

        Kind(String words) {
            this.words = words;
        }
    }

    private static final class Tally {
        long items;
        long requests;
        Instant since;
        Instant lastLine;
    }

    private final Clock clock;
    private final Map<Kind, Tally> tallies = new EnumMap<>(Kind.class);

    ForgedRequestLog(Clock clock) {
        this.clock = clock;
        for (Kind kind : Kind.values()) {
            tallies.put(kind, new Tally());
        }
    }

    /** Counts {@code items} refused in one request, and writes the summary when the interval allows. */
    void refused(Kind kind, long items) {
        Instant now = clock.instant();
        String line;
        synchronized (this) {
            Tally tally = tallies.get(kind);
            if (tally.since == null) {
                tally.since = now;
            }
            tally.items += items;
            tally.requests++;
            line = due(kind, tally, now);
        }
        if (line != null) {
            log.warn(line);
        }
    }

    /** Writes what was counted since the last line, once the interval has passed. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void flush() {
        Instant now = clock.instant();
        for (Kind kind : Kind.values()) {
            String line;
            synchronized (this) {
                Tally tally = tallies.get(kind);
                line = tally.requests == 0 ? null : due(kind, tally, now);
            }
            if (line != null) {
                log.warn(line);
            }
        }
    }

    private static String due(Kind kind, Tally tally, Instant now) {
        if (tally.lastLine != null && now.isBefore(tally.lastLine.plus(INTERVAL))) {
            return null;
        }
        String line = "Ignored " + tally.items + " " + kind.words + " in " + tally.requests
                + " request(s) to the Graph webhook since " + tally.since + " (at most one such line a minute)";
        tally.items = 0;
        tally.requests = 0;
        tally.since = null;
        tally.lastLine = now;
        return line;
    }
}
