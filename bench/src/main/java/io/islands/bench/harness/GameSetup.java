package io.islands.bench.harness;

import io.islands.engine.process.DemoFleet;
import io.islands.engine.process.Games;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Brings games to their first turn with the book's demo placement, on two threads. */
final class GameSetup {
    /** Cells that are water on a demo board: guessing them is a legal miss, so games never end. */
    static final List<int[]> WATER = water();

    private GameSetup() {}

    private static List<int[]> water() {
        boolean[][] land = new boolean[11][11];
        int[][] cells = {{1, 1}, {1, 2}, {2, 2}, {3, 1}, {3, 2}, {1, 5}, {1, 7}, {2, 7}, {3, 7}, {3, 8},
            {5, 2}, {5, 3}, {6, 1}, {6, 2}, {5, 5}, {5, 6}, {6, 5}, {6, 6}};
        for (int[] c : cells) {
            land[c[0]][c[1]] = true;
        }
        List<int[]> out = new ArrayList<>();
        for (int r = 1; r <= 10; r++) {
            for (int c = 1; c <= 10; c++) {
                if (!land[r][c]) {
                    out.add(new int[] {r, c});
                }
            }
        }
        return List.copyOf(out);
    }

    static void playReady(Games games, String name) {
        DemoFleet.setUp(games, name, "p2");
    }

    /** Sets up games g0..g(n-1) (prefix + i) ready for player 1's first guess. */
    static void playReady(Games games, String prefix, int n) throws InterruptedException {
        Progress progress = new Progress("setting up " + n + " games", n);
        AtomicLong done = new AtomicLong();
        Thread[] workers = new Thread[2];
        for (int w = 0; w < workers.length; w++) {
            int first = w;
            workers[w] = Thread.ofPlatform().start(() -> {
                for (int i = first; i < n; i += workers.length) {
                    playReady(games, prefix + i);
                    long d = done.incrementAndGet();
                    if (d % 1000 == 0 || d == n) {
                        synchronized (progress) {
                            progress.step(d);
                        }
                    }
                }
            });
        }
        for (Thread t : workers) {
            t.join();
        }
    }
}
