package io.islands.bench.harness;

import java.lang.management.ManagementFactory;

/** Used heap after full collections, for bytes-per-thing figures. */
final class Heap {
    private Heap() {}

    static long usedAfterGc() {
        var mem = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(150); // lets concurrent GC phases finish: a measurement pause, not synchronization
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, mem.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
