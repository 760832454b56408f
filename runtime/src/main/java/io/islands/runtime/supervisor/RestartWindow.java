package io.islands.runtime.supervisor;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * OTP's {@code add_restart}: the restarts of the last {@code period}, as monotonic timestamps.
 * Owned by one supervisor process; not thread-safe.
 */
final class RestartWindow {
    /** The clock of every supervisor outside tests: {@link System#nanoTime()}. */
    static final LongSupplier SYSTEM_CLOCK = System::nanoTime;

    private final int limit;
    private final long periodNanos;
    private final LongSupplier nanoClock;
    /** Allocated at the first restart: a million children that never crash cost no deque. */
    private ArrayDeque<Long> stamps;

    /**
     * @param nanoClock a monotonic clock in nanoseconds, read once per {@link #add()} on the
     *     owner's thread ({@link #SYSTEM_CLOCK}, or a test's hand-moved clock)
     */
    RestartWindow(int limit, Duration period, LongSupplier nanoClock) {
        this.limit = limit;
        this.periodNanos = toNanos(period);
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /**
     * Records a restart now: drops the stamps older than {@code now - period}, adds now.
     *
     * @return false when the window now holds more than {@code limit} restarts
     */
    boolean add() {
        if (limit == Integer.MAX_VALUE) {
            return true; // unlimited: no bookkeeping
        }
        if (stamps == null) {
            stamps = new ArrayDeque<>(Math.min(limit + 1, 8));
        }
        long now = nanoClock.getAsLong();
        long threshold = now - periodNanos;
        while (!stamps.isEmpty() && stamps.peekFirst() - threshold < 0) {
            stamps.pollFirst();
        }
        stamps.addLast(now);
        return stamps.size() <= limit;
    }

    /** @return restarts in the window as last computed */
    int size() {
        return stamps == null ? 0 : stamps.size();
    }

    private static long toNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2;
        }
    }

    /** Checks a limit and its period, naming {@code owner} and the fields in the error. */
    static void validate(String owner, String limitField, int limit, String periodField, Duration period) {
        if (limit < 0) {
            throw new IllegalArgumentException(owner + ": " + limitField + " must not be negative: " + limit);
        }
        if (period == null) {
            throw new IllegalArgumentException(owner + ": " + periodField + " must not be null");
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException(owner + ": " + periodField + " must be positive: " + period);
        }
    }
}
