package io.islands.bench.harness;

/** A one-line progress bar on stderr for long steps. */
final class Progress {
    private final String label;
    private final long total;
    private int shown = -1;

    Progress(String label, long total) {
        this.label = label;
        this.total = Math.max(1, total);
    }

    void step(long done) {
        int pct = (int) (100 * done / total);
        if (pct != shown) {
            shown = pct;
            int bars = pct / 4;
            System.err.printf("\r  %-28s [%-25s] %3d%%", label, "#".repeat(bars), pct);
            if (done >= total) {
                System.err.println();
            }
        }
    }
}
