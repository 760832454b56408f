package io.islands.server.observer;

import io.islands.server.observer.Views.LoadSample;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The samples behind the observer's load charts: the last {@code capacity} samples, oldest
 * first. Counters (moves, restarts, crashes) arrive as totals since the start and leave as what
 * happened since the previous sample; after a gap longer than {@code maxGapMillis} (nobody
 * watched, so nobody sampled) a total only becomes the new baseline, so that a gap never shows
 * as a spike.
 *
 * <p>Not thread-safe: the feed's one thread adds, and reads a copy ({@link #samples}).
 */
final class LoadHistory {
    /** What the charts are made of, as sampled: gauges now, counters since the start. */
    record Reading(long at, int processes, long memoryBytes, long moves, long restarts, long crashes) {}

    private final int capacity;
    private final long maxGapMillis;
    private final ArrayDeque<LoadSample> samples = new ArrayDeque<>();
    private Reading previous;

    LoadHistory(int capacity, long maxGapMillis) {
        if (capacity < 1 || maxGapMillis < 1) {
            throw new IllegalArgumentException("capacity and maxGapMillis must be positive");
        }
        this.capacity = capacity;
        this.maxGapMillis = maxGapMillis;
    }

    /** @return the new sample, or null when {@code r} only set the baseline (first reading, or after a gap) */
    LoadSample add(Reading r) {
        Reading before = previous;
        previous = r;
        long dt = before == null ? -1 : r.at() - before.at();
        if (dt <= 0 || dt > maxGapMillis) {
            return null;
        }
        LoadSample s = new LoadSample(r.at(), r.processes(), r.memoryBytes(),
                Math.max(0, r.moves() - before.moves()) * 1000.0 / dt,
                Math.max(0, r.restarts() - before.restarts()), Math.max(0, r.crashes() - before.crashes()));
        if (samples.size() == capacity) {
            samples.removeFirst();
        }
        samples.addLast(s);
        return s;
    }

    /** @return a copy of the kept samples, oldest first */
    List<LoadSample> samples() {
        return List.copyOf(samples);
    }
}
