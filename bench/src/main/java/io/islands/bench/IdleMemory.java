package io.islands.bench;

import io.islands.runtime.GenServer;
import io.islands.runtime.InitResult;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.server.cli.Cli;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Heap per idle GenServer: starts N servers that hold a small state and wait in their receive
 * loop, forces GC, and divides the growth of the used heap by N. Prints progress to stderr and
 * one result line to stdout.
 */
@Command(name = "idle-memory", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Heap bytes per idle GenServer with N alive.")
public final class IdleMemory implements Callable<Integer> {
    @Option(names = "--n", paramLabel = "N", description = "processes alive at once")
    int n = 1_000_000;

    @Spec
    CommandSpec spec;

    private IdleMemory() {}

    /** The idle server: state is one Integer, as small as a real process gets. */
    static final class Idle implements GenServer<Integer> {
        @Override
        public InitResult<Integer> init() {
            return InitResult.ok(0);
        }
    }

    @Override
    public Integer call() throws Exception {
        Cli.inRange(spec, "--n", n, 1, 100_000_000);
        long before = usedAfterGc();
        List<Pid> pids = new ArrayList<>(n);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            pids.add(GenServer.start(new Idle()).pid());
            if ((i + 1) % 100_000 == 0) {
                System.err.printf("started %,d / %,d%n", i + 1, n);
            }
        }
        double startSecs = (System.nanoTime() - t0) / 1e9;
        long after = usedAfterGc();
        long pidList = 4L * n + 16; // the ArrayList's own array of references (compressed oops)
        double perProcess = (after - before - pidList) / (double) n;
        System.out.printf("idle GenServers: %,d alive (Proc.count=%,d); heap per process: %.0f bytes; "
                        + "started in %.1f s (%,.0f starts/s)%n",
                n, Proc.count(), perProcess, startSecs, n / startSecs);
        for (Pid p : pids) {
            Proc.exit(p, io.islands.runtime.ExitReason.kill());
        }
        return Cli.OK;
    }

    static long usedAfterGc() throws InterruptedException {
        var mem = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200); // let concurrent GC phases settle; a measurement pause, not synchronization
            used = Math.min(used, mem.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
