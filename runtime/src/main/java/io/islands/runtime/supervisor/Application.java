package io.islands.runtime.supervisor;

import io.islands.runtime.Down;
import io.islands.runtime.ExitException;
import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
import io.islands.runtime.MonitorRef;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.StartResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A supervision tree with a lifecycle tied to the JVM: a root {@link Supervisor}, and a JVM
 * shutdown hook that stops it in order (children in reverse start order, each with its own
 * shutdown, supervisors recursively) before the JVM exits. OTP's application, reduced to its
 * top supervisor.
 *
 * <table>
 *   <caption>Contract</caption>
 *   <tr><th>function</th><th>returns</th><th>errors</th></tr>
 *   <tr><td>{@link #start}</td><td>the running application; the shutdown hook is registered</td>
 *       <td>IllegalArgumentException for invalid flags or children; {@link ExitException} with the start error's reason
 *       ({@code {shutdown, FailedToStartChild}}) when the root supervisor fails to start (nothing is left running)</td></tr>
 *   <tr><td>{@link #stop}</td><td>once the whole tree has exited; idempotent and thread-safe: later or concurrent
 *       calls wait for the same stop; removes the shutdown hook. A process of the tree may call it: it is stopped
 *       in its turn while it waits</td><td>-</td></tr>
 *   <tr><td>{@link #exitReason}</td><td>completes with the root supervisor's exit reason: {@code shutdown} after
 *       {@link #stop} or the hook, or when the root gave up (restart intensity)</td><td>-</td></tr>
 * </table>
 *
 * <p>Design note: the fields are final except {@code stopRequested}, guarded by {@code this}.
 * The tree is stopped by whichever thread calls {@link #stop} first (the shutdown hook's thread
 * at JVM exit); a small watcher process monitors the root and completes {@link #exitReason}.
 * A root that gives up is not restarted: the application is then down, the hook does nothing.
 */
public final class Application {
    private final String name;
    private final Pid root;
    private final Thread hook;
    private final CompletableFuture<ExitReason> exited = new CompletableFuture<>();
    private boolean stopRequested;

    private Application(String name, Pid root) {
        this.name = name;
        this.root = root;
        this.hook = Thread.ofPlatform().name("shutdown " + name).unstarted(this::stop);
    }

    /** Starts the root supervisor, watches it, registers the shutdown hook. See the contract. */
    public static Application start(String name, SupervisorFlags flags, List<ChildSpec> children) {
        if (name == null) {
            throw new IllegalArgumentException("application: name must not be null");
        }
        StartResult result = GenServer.start(new SupervisorServer(flags, Supervisor.validate(flags, children)),
                GenServer.StartOptions.DEFAULT.withLabel(name));
        Application app = new Application(name, result.pid());
        // the watcher's monitor is in place before start returns: a stop right after the start
        // must not find a dead root to monitor (its reason would read noproc, not shutdown)
        java.util.concurrent.CountDownLatch watching = new java.util.concurrent.CountDownLatch(1);
        Proc.spawn(() -> {
            MonitorRef ref = Proc.monitor(app.root);
            watching.countDown();
            app.exited.complete(Proc.receive(Down.class, d -> d.ref() == ref, null).orElseThrow().reason());
        });
        boolean interrupted = false;
        while (watching.getCount() > 0) {
            try {
                watching.await();
            } catch (InterruptedException e) {
                interrupted = true; // keep waiting: the monitor is set at once; restore the flag after
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().addShutdownHook(app.hook);
        return app;
    }

    public String name() {
        return name;
    }

    /** @return the root supervisor */
    public Pid supervisor() {
        return root;
    }

    /** @return completes with the root supervisor's exit reason */
    public CompletableFuture<ExitReason> exitReason() {
        return exited;
    }

    /** Stops the tree in order and waits until it has exited. See the contract. */
    public void stop() {
        boolean first;
        synchronized (this) {
            first = !stopRequested;
            stopRequested = true;
        }
        if (first) {
            if (Thread.currentThread() != hook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException jvmShuttingDown) {
                    // the hook runs (or ran) anyway; it will find the stop requested
                }
            }
            try {
                GenServer.stop(root, ExitReason.shutdown(), null);
            } catch (ExitException alreadyDown) {
                // noproc: the root gave up or was stopped by someone else
            }
        }
        if (Proc.current().isPresent()) {
            // inside a process (maybe one of this tree): wait at a safe point, so that the
            // shutdown signal of its own supervisor can still end it
            MonitorRef ref = Proc.monitor(root);
            Proc.receive(Down.class, d -> d.ref() == ref, null);
        } else {
            exited.join();
        }
    }

    /** The registered JVM shutdown hook (for tests: run it by hand, as the JVM would). */
    Thread shutdownHook() {
        return hook;
    }

    @Override
    public String toString() {
        return "Application[" + name + ", " + root + "]";
    }
}
