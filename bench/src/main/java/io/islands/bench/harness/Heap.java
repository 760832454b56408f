package io.islands.bench.harness;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Used heap after full collections, for bytes-per-thing figures: this JVM's, or another JVM's and its resident memory. */
final class Heap {
    private static final long JCMD_SECONDS = 120;

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

    /**
     * The live heap of another JVM on this machine: the total of {@code jcmd PID GC.class_histogram}
     * (which runs a full collection first, then counts every live object's bytes).
     *
     * @return live bytes
     * @throws IOException if jcmd cannot attach, answers no total, or takes over {@value #JCMD_SECONDS} s (it is then killed)
     */
    static long liveBytesOf(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), "GC.class_histogram"))
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        var reading = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }, r -> Thread.ofVirtual().start(r));
        if (!p.waitFor(JCMD_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("jcmd " + pid + " GC.class_histogram took over " + JCMD_SECONDS + " s");
        }
        String out = reading.join();
        List<String> total = out.lines().filter(l -> l.startsWith("Total")).toList();
        if (p.exitValue() != 0 || total.isEmpty()) {
            throw new IOException("jcmd " + pid + " GC.class_histogram exited " + p.exitValue() + ": "
                    + out.substring(Math.max(0, out.length() - 500)));
        }
        String[] fields = total.getLast().trim().split("\\s+");
        return Long.parseLong(fields[fields.length - 1]);
    }

    /**
     * @return the resident memory of process {@code pid} ({@code VmRSS} of /proc/PID/status), in
     *     bytes; -1 where /proc does not say (not Linux, or the process is gone)
     */
    static long rssOf(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024; // "VmRSS:   123456 kB"
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
