package io.switchboard.entra.graph;

import java.time.Duration;

/** Waits between retries; injectable so tests need not sleep. */
@FunctionalInterface
public interface Sleeper {

    /** The production sleeper: {@link Thread#sleep(long)}. */
    Sleeper THREAD = d -> Thread.sleep(d.toMillis());

    /** Blocks for {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;
}
