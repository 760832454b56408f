package io.islands.server.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cluster's meters (docs/cluster.md, "Metrics"): {@code islands_cluster_members} (the JGroups
 * view's size), {@code islands_cluster_claims_total} (games claimed by this node),
 * {@code islands_cluster_takeovers_total} (claims of a game another node had owned: a failover
 * or a hand-off), {@code islands_cluster_forwarded_seconds} (calls forwarded to their owner: count
 * and latency), {@code islands_cluster_leases_lost_total}. Counts are kept here (atomics) and read
 * by the registry's functions, so the cluster works before it is bound. Thread-safe.
 */
final class ClusterMetrics implements MeterBinder {
    private final AtomicInteger members = new AtomicInteger();
    private final AtomicLong claims = new AtomicLong();
    private final AtomicLong takeovers = new AtomicLong();
    private final AtomicLong leasesLost = new AtomicLong();
    private volatile Timer forwarded;

    void members(int n) {
        members.set(n);
    }

    void claimed(boolean takeover) {
        claims.incrementAndGet();
        if (takeover) {
            takeovers.incrementAndGet();
        }
    }

    void leaseLost() {
        leasesLost.incrementAndGet();
    }

    void forwarded(long nanos) {
        Timer t = forwarded;
        if (t != null) {
            t.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    long claims() {
        return claims.get();
    }

    long takeovers() {
        return takeovers.get();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("islands.cluster.members", members, AtomicInteger::get)
                .description("members of this node's cluster view, itself included").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("islands.cluster.claims", claims, AtomicLong::get)
                .description("games claimed by this node").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("islands.cluster.takeovers", takeovers, AtomicLong::get)
                .description("claims of a game that another node had owned (failover or hand-off)").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("islands.cluster.leases.lost", leasesLost, AtomicLong::get)
                .description("times this node lost its cluster lease (it stopped acting as owner)").register(registry);
        forwarded = Timer.builder("islands.cluster.forwarded")
                .description("game calls forwarded to the owning node, from the request to its reply")
                .serviceLevelObjectives(Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1),
                        Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(50),
                        Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(5))
                .register(registry);
    }
}
