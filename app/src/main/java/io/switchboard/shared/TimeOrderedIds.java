package io.switchboard.shared;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Row ids that grow with time (the layout of RFC 9562's version 7: 48 bits of Unix milliseconds, a
 * 12-bit sequence, 62 random bits), so rows created together sit together in the primary key's
 * index instead of landing on random pages: a sync that creates 100,000 extensions appends to the
 * index (issue 15 point 4). Strictly increasing within one process, even within one millisecond.
 */
public final class TimeOrderedIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static long lastMillis;
    private static int sequence;

    private TimeOrderedIds() {}

    public static UUID next() {
        long millis;
        int seq;
        synchronized (TimeOrderedIds.class) {
            millis = Math.max(System.currentTimeMillis(), lastMillis);
            if (millis == lastMillis) {
                sequence++;
                if (sequence > 0xFFF) {
                    millis++;
                    sequence = 0;
                }
            } else {
                sequence = 0;
            }
            lastMillis = millis;
            seq = sequence;
        }
        long high = (millis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | seq;
        long low = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
