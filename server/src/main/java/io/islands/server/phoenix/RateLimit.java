package io.islands.server.phoenix;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket: {@code rate} tokens per {@code per}, at most {@code burst} saved up. Used for
 * inbound frames per socket and, from a channel handler, for anything counted per socket (games
 * created per minute). Thread-safe: one small monitor (the callers of one bucket are one socket's
 * processes, so it is hardly ever contended).
 */
public final class RateLimit {
    private final double perNano;
    private final double burst;
    private final LongSupplier clock;
    private double tokens;
    private long last;

    /**
     * @param rate  tokens added per {@code per}, at least 1
     * @param per   the period
     * @param burst the most tokens saved up (and the start), at least 1
     */
    public RateLimit(int rate, Duration per, int burst) {
        this(rate, per, burst, System::nanoTime);
    }

    /** @param clock nanoseconds, for tests */
    public RateLimit(int rate, Duration per, int burst, LongSupplier clock) {
        if (rate < 1 || burst < 1 || per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("a rate limit needs rate >= 1, burst >= 1 and a positive period");
        }
        this.perNano = (double) rate / per.toNanos();
        this.burst = burst;
        this.clock = clock;
        this.tokens = burst;
        this.last = clock.getAsLong();
    }

    /** @return true and one token taken, or false when none is left (nothing taken) */
    public synchronized boolean tryTake() {
        long now = clock.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
