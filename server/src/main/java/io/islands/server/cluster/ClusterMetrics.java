package io.islands.server.cluster;

import io.islands.storage.cluster.ClusterCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The cluster's meters (docs/cluster.md, "Metrics"): {@code islands_cluster_members} (the JGroups
 * view's size), {@code islands_cluster_claims_total}, {@code islands_cluster_takeovers_total} and
 * {@code islands_cluster_fenced_out_total} (the cluster store's {@link ClusterCounters}),
 * {@code islands_cluster_forwarded_seconds} (calls forwarded to their owner: count and latency),
 * {@code islands_cluster_leases_lost_total}. Counts are kept here (atomics) or by the store, and
 * read by the registry's functions, so the cluster works before it is bound. Thread-safe.
 */
final class ClusterMetrics implements MeterBinder {
    private final AtomicInteger members = new AtomicInteger();
    private final AtomicLong leasesLost = new AtomicLong();
    private final Supplier<ClusterCounters> store;
    private volatile Timer forwarded;

    ClusterMetrics(Supplier<ClusterCounters> store) {
        this.store = store;
    }

    void members(int n) {
        members.set(n);
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

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("islands.cluster.members", members, AtomicInteger::get)
                .description("members of this node's cluster view, itself included").register(registry);
        FunctionCounter.builder("islands.cluster.claims", store, s -> s.get().claims())
                .description("claims of games by this node").register(registry);
        FunctionCounter.builder("islands.cluster.takeovers", store, s -> s.get().takeovers())
                .description("claims of a game whose owner was not live any more (a failover)").register(registry);
        FunctionCounter.builder("islands.cluster.fenced.out", store, s -> s.get().fencedOut())
                .description("saves and deletes of this node's games refused by their fence (stale owner)").register(registry);
        FunctionCounter.builder("islands.cluster.leases.lost", leasesLost, AtomicLong::get)
                .description("times this node lost its cluster lease (it stopped acting as owner)").register(registry);
        forwarded = Timer.builder("islands.cluster.forwarded")
                .description("game calls forwarded to the owning node, from the request to its reply")
                .serviceLevelObjectives(Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1),
                        Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(50),
                        Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(5))
                .register(registry);
    }
}
