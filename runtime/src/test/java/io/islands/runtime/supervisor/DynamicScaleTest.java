package io.islands.runtime.supervisor;

import static io.islands.runtime.supervisor.Procs.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * 100,000 children under one DynamicSupervisor: starting, terminating one and counting stay
 * O(1); the supervisor's shutdown stops them all concurrently. Times are printed, not asserted.
 */
class DynamicScaleTest {
    static final int N = 100_000;

    @Test
    void aHundredThousandChildrenStartAndStop() {
        Set<Pid> baseline = new HashSet<>(Proc.all());
        long warmup = startAndStop(20_000, false); // lets the JIT compile the start and stop paths
        System.out.printf("warm-up: 20,000 children stopped in %d ms%n", warmup);

        long stopMillis = startAndStop(N, true);

        System.out.printf("stopped %,d live children in %d ms%n", N, stopMillis);
        await().until(() -> baseline.containsAll(Proc.all()));
    }

    /** @return how long the supervisor took to stop with {@code n} live children, in ms */
    static long startAndStop(int n, boolean report) {
        Pid sup = Procs.started(DynamicSupervisor.start(DynamicSupervisor.Options.defaults()));
        long[] batches = Procs.inProcess(() -> {
            long[] nanos = new long[n / 10_000];
            for (int b = 0; b < nanos.length; b++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < 10_000; i++) {
                    DynamicSupervisor.startChild(sup, Worker.plain(b * 10_000 + i)).pid();
                }
                nanos[b] = System.nanoTime() - t0;
            }
            return nanos;
        });
        assertThat(DynamicSupervisor.countChildren(sup)).isEqualTo(new Counts(n, n, 0, n));
        if (report) {
            System.out.printf("started %,d children; per 10,000: first batch %d ms, last batch %d ms%n",
                    n, batches[0] / 1_000_000, batches[batches.length - 1] / 1_000_000);
            Pid some = DynamicSupervisor.whichChildren(sup).get(n / 2).pid().orElseThrow();
            long t0 = System.nanoTime();
            assertThat(DynamicSupervisor.terminateChild(sup, some).isOk()).isTrue();
            Pid added = DynamicSupervisor.startChild(sup, Worker.plain("one more")).pid();
            Counts counts = DynamicSupervisor.countChildren(sup);
            System.out.printf("with %,d children: terminateChild + startChild + countChildren took %d us%n",
                    n, (System.nanoTime() - t0) / 1_000);
            assertThat(counts).isEqualTo(new Counts(n, n, 0, n));
            assertThat(some.isAlive()).isFalse();
            assertThat(added.isAlive()).isTrue();
        }
        List<Pid> children = DynamicSupervisor.whichChildren(sup).stream().map(c -> c.pid().orElseThrow()).toList();
        long t0 = System.nanoTime();
        Supervisor.stop(sup);
        long stop = (System.nanoTime() - t0) / 1_000_000;
        assertThat(children).noneMatch(Pid::isAlive);
        return stop;
    }

}
