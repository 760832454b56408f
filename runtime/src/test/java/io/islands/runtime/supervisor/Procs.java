package io.islands.runtime.supervisor;

import io.islands.runtime.Down;
import io.islands.runtime.ExitReason;
import io.islands.runtime.MonitorRef;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.StartResult;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** Test helpers: run code inside a process, watch a process's exit, read a supervisor. */
final class Procs {
    private Procs() {}

    /** Runs {@code body} inside a new process and returns its result (or rethrows its failure). */
    static <T> T inProcess(Callable<T> body) {
        CompletableFuture<T> out = new CompletableFuture<>();
        Proc.spawn(() -> {
            try {
                out.complete(body.call());
            } catch (Throwable t) {
                out.completeExceptionally(t);
            }
        });
        return join(out);
    }

    /**
     * Monitors {@code pid} from a helper process; returns once the monitor is in place.
     *
     * @return completes with {@code pid}'s exit reason
     */
    static CompletableFuture<ExitReason> exitOf(Pid pid) {
        CompletableFuture<ExitReason> reason = new CompletableFuture<>();
        CompletableFuture<Void> watching = new CompletableFuture<>();
        Proc.spawn(() -> {
            MonitorRef ref = Proc.monitor(pid);
            watching.complete(null);
            reason.complete(Proc.receive(Down.class, d -> d.ref() == ref, null).orElseThrow().reason());
        });
        join(watching);
        return reason;
    }

    /** @return Awaitility polling every 5 ms from the start, for up to 20 s */
    static ConditionFactory await() {
        return Awaitility.await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(20));
    }

    /** @return the exit reason, waiting up to 20 s */
    static ExitReason reasonOf(CompletableFuture<ExitReason> exit) {
        return join(exit);
    }

    /** @return the next element of {@code q}, waiting up to 20 s */
    static <T> T take(java.util.concurrent.BlockingQueue<T> q) {
        try {
            T t = q.poll(20, TimeUnit.SECONDS);
            if (t == null) {
                throw new AssertionError("nothing arrived within 20 s");
            }
            return t;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static <T> T join(CompletableFuture<T> f) {
        try {
            return f.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new AssertionError(e.getCause());
        } catch (Exception e) {
            throw new AssertionError("not done within 20 s", e);
        }
    }

    /** @return the pid of a started supervisor, failing the test otherwise */
    static Pid started(StartResult result) {
        if (!(result instanceof StartResult.Ok ok)) {
            throw new AssertionError("expected Ok, got " + result);
        }
        return ok.pid();
    }

    /** @return the running pid of child {@code id}, or null (not running, or no such child) */
    static Pid pidOf(Pid sup, Object id) {
        return info(sup, id).flatMap(ChildInfo::pid).orElse(null);
    }

    static java.util.Optional<ChildInfo> info(Pid sup, Object id) {
        List<ChildInfo> all = Supervisor.whichChildren(sup);
        return all.stream().filter(c -> Objects.equals(c.id(), id)).findFirst();
    }
}
