package io.islands.bench.harness;

import java.util.Arrays;

/** Latency samples in nanoseconds, for percentiles. One writer per instance; merge to combine. */
final class Latencies {
    private long[] samples = new long[1 << 16];
    private int size;

    void add(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    int count() {
        return size;
    }

    Latencies merge(Latencies other) {
        for (int i = 0; i < other.size; i++) {
            add(other.samples[i]);
        }
        return this;
    }

    /** @return the q-quantile (0..1) in microseconds, or null with no samples */
    Double percentileUs(double q) {
        if (size == 0) {
            return null;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int idx = (int) Math.min(size - 1, Math.ceil(q * size) - 1);
        return sorted[Math.max(0, idx)] / 1000.0;
    }
}
