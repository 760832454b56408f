package io.islands.storage.cluster;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * How a node holds its membership.
 *
 * @param lease how long a renewal keeps the node live by the database's clock (default 3 s)
 * @param renewEvery how often the lease is renewed (default 1 s); less than {@code lease - margin}
 * @param margin how long before its lease ends by its own clock a node whose renewals fail stops
 *     acting as owner and reports {@link LeaseEvent.Lost} (default 500 ms)
 * @param nanoClock the node's monotonic clock, {@link System#nanoTime} unless a test drives it
 */
public record ClusterOptions(Duration lease, Duration renewEvery, Duration margin, LongSupplier nanoClock) {
    public ClusterOptions {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(renewEvery, "renewEvery");
        Objects.requireNonNull(margin, "margin");
        Objects.requireNonNull(nanoClock, "nanoClock");
        if (renewEvery.isNegative() || renewEvery.isZero() || margin.isNegative()
                || renewEvery.compareTo(lease.minus(margin)) >= 0) {
            throw new IllegalArgumentException("need 0 < renewEvery < lease - margin, margin >= 0: lease " + lease
                    + ", renewEvery " + renewEvery + ", margin " + margin);
        }
    }

    /** A lease of 3 s renewed every second, lost 500 ms before its end; the system clock. */
    public static ClusterOptions defaults() {
        return new ClusterOptions(Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofMillis(500), System::nanoTime);
    }

    public ClusterOptions withLease(Duration lease, Duration renewEvery, Duration margin) {
        return new ClusterOptions(lease, renewEvery, margin, nanoClock);
    }

    public ClusterOptions withNanoClock(LongSupplier clock) {
        return new ClusterOptions(lease, renewEvery, margin, clock);
    }
}
