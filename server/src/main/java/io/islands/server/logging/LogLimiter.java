package io.islands.server.logging;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Rate limit for one kind of warning: at most {@code burst} lines per {@code interval}; the
 * lines refused in between are counted and the next line allowed says how many were left out.
 * A client that repeats a bad frame a million times writes a few lines, not a million.
 *
 * <p>Design note: one small monitor; callers are socket processes logging refusals, which are
 * rare next to their other work, so contention is not a concern.
 */
public final class LogLimiter {
    private final int burst;
    private final long intervalNanos;
    private final LongSupplier clock;
    private long windowStart;
    private int inWindow;
    private long suppressed;

    /** @param burst lines allowed per interval, at least 1 */
    public LogLimiter(int burst, Duration interval) {
        this(burst, interval, System::nanoTime);
    }

    /** @param clock nanoseconds, for tests */
    public LogLimiter(int burst, Duration interval, LongSupplier clock) {
        if (burst < 1) {
            throw new IllegalArgumentException("burst needs at least 1: " + burst);
        }
        this.burst = burst;
        this.intervalNanos = interval.toNanos();
        this.clock = clock;
        this.windowStart = clock.getAsLong();
    }

    /**
     * @return -1 when this line must be left out; else the number of lines left out since the
     *     last one allowed (0 most of the time), to be said in the line
     */
    public synchronized long allow() {
        long now = clock.getAsLong();
        if (now - windowStart >= intervalNanos) {
            windowStart = now;
            inWindow = 0;
        }
        if (inWindow >= burst) {
            suppressed++;
            return -1;
        }
        inWindow++;
        long left = suppressed;
        suppressed = 0;
        return left;
    }

    /** @return {@code ""} or {@code " (N similar lines left out)"} for a count from {@link #allow()} */
    public static String leftOut(long count) {
        return count <= 0 ? "" : " (" + count + " similar lines left out)";
    }
}
