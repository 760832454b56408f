package io.islands.bench.harness;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        return size == 0 ? null : quantileUs(sorted(), q);
    }

    /**
     * The percentiles beside p50/p99 that the plots draw, under the OTP side's param names
     * ({@code p75_us}, {@code p999_us} = p99.9, ...), and {@code max_us}; empty with no samples.
     */
    Map<String, Object> distribution() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (size == 0) {
            return out;
        }
        long[] sorted = sorted();
        for (String p : List.of("10", "75", "90", "95", "995", "999")) {
            out.put("p" + p + "_us", quantileUs(sorted, Double.parseDouble(p.substring(0, 2) + "." + p.substring(2)) / 100));
        }
        out.put("max_us", sorted[size - 1] / 1000.0);
        return out;
    }

    private long[] sorted() {
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        return sorted;
    }

    private static double quantileUs(long[] sorted, double q) {
        int idx = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, idx)] / 1000.0;
    }
}
