package io.islands.bench.harness;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * The disk's own limits, measured in the directory the durable stores use, so that a store's figure
 * can be read as a fraction of them: how many 4 KiB write + fdatasync round trips it completes per
 * second (what one group commit costs at least), and its sequential write bandwidth (what bytes per
 * save cost once the commits are large).
 *
 * @param fsyncsPerSec 4 KiB overwrite + {@code force(false)} round trips per second, one after the other
 * @param fsyncP50Us median round trip
 * @param fsyncP99Us 99th percentile round trip
 * @param bytesPerSec sequential writes of 1 MiB blocks, then one {@code force(true)}, over the whole time
 */
record DiskLimits(double fsyncsPerSec, double fsyncP50Us, double fsyncP99Us, double bytesPerSec) {
    private static final int BLOCK = 4096;
    private static final int CHUNK = 1 << 20;

    /**
     * Measures in {@code dir} (a temporary file, deleted after).
     *
     * @param window how long the fsync loop runs
     * @param sequentialMiB how much the bandwidth test writes
     */
    static DiskLimits measure(Path dir, Duration window, int sequentialMiB) throws IOException {
        Path file = Files.createTempFile(dir, "disk-limits", ".bin");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer block = ByteBuffer.allocateDirect(BLOCK);
            ch.write(block, 0);
            ch.force(true); // the file exists with its first block: the loop below measures data syncs only
            long[] samples = new long[1 << 16];
            int n = 0;
            long end = System.nanoTime() + window.toNanos();
            long t0 = System.nanoTime();
            while (n < samples.length && System.nanoTime() < end) {
                long s = System.nanoTime();
                block.clear();
                block.putLong(0, n);
                ch.write(block, 0);
                ch.force(false);
                samples[n++] = System.nanoTime() - s;
            }
            double fsyncSecs = (System.nanoTime() - t0) / 1e9;
            long[] sorted = Arrays.copyOf(samples, n);
            Arrays.sort(sorted);
            ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
            long w0 = System.nanoTime();
            for (int i = 0; i < sequentialMiB; i++) {
                chunk.clear();
                chunk.putLong(0, i);
                while (chunk.hasRemaining()) {
                    ch.write(chunk, BLOCK + (long) i * CHUNK + chunk.position());
                }
            }
            ch.force(true);
            double writeSecs = (System.nanoTime() - w0) / 1e9;
            return new DiskLimits(n / fsyncSecs, sorted[n / 2] / 1e3, sorted[Math.min(n - 1, (int) (n * 0.99))] / 1e3,
                    sequentialMiB * (double) CHUNK / writeSecs);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** @return the two lines of results: the fsync round trip and the bandwidth (ops/s: MiB/s) */
    java.util.List<ScenarioResult> results() {
        return java.util.List.of(
                new ScenarioResult("disk", "disk", fsyncsPerSec, fsyncP50Us, fsyncP99Us, null,
                        Map.of("measure", "fsync_4k", "n", 1, "what", "4 KiB overwrite + fdatasync, one after the other")),
                new ScenarioResult("disk", "disk", bytesPerSec / CHUNK, null, null, null,
                        Map.of("measure", "sequential_write_mib_s", "n", 1, "bytes_per_sec", bytesPerSec,
                                "what", "1 MiB writes, then fsync")));
    }

    /** @return bytes this process has caused to be written to storage so far (Linux {@code /proc/self/io}), or -1 */
    static long processWriteBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                if (line.startsWith("write_bytes:")) {
                    return Long.parseLong(line.substring("write_bytes:".length()).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: no figure
        }
        return -1;
    }
}
