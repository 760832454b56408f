package io.islands.runtime.table.contract;

import static org.awaitility.Awaitility.await;

import io.islands.runtime.ExitException;
import io.islands.runtime.ExitReason;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A test process that runs the code it is sent and hands back the result, so a test can act
 * as a given process (a table's owner, another process). Every other message it receives goes
 * to {@link #inbox}, so tests see its mailbox without sleeping.
 */
public final class Actor {
    private record Job(Callable<?> code, CompletableFuture<Object> result) {}

    public final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    public final Pid pid;

    private Actor() {
        LinkedBlockingQueue<Pid> started = new LinkedBlockingQueue<>();
        pid = Proc.spawn(() -> {
            started.add(Proc.self());
            for (;;) {
                Object m = Proc.receive();
                if (m instanceof Job job) {
                    try {
                        job.result().complete(job.code().call());
                    } catch (ExitException | Error e) { // the process exits: a kill, Proc.exit
                        job.result().completeExceptionally(e);
                        throw e;
                    } catch (Exception e) {
                        job.result().completeExceptionally(e);
                    }
                } else {
                    inbox.add(m);
                }
            }
        });
        take(started);
    }

    public static Actor start() {
        return new Actor();
    }

    /** Runs {@code code} inside this process. @return its result; rethrows what it threw */
    @SuppressWarnings("unchecked")
    public <T> T call(Callable<T> code) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        Proc.send(pid, new Job(code, result));
        try {
            return (T) result.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no answer from " + pid + " within 10 s", e);
        }
    }

    /** Runs {@code code} inside this process, for its effect. */
    public void run(Runnable code) {
        call(() -> {
            code.run();
            return null;
        });
    }

    /** @return the next non-job message this process received (within 10 s) */
    public Object next() {
        return take(inbox);
    }

    /** Kills this process and waits until it is dead. */
    public void kill() {
        Proc.exit(pid, ExitReason.kill());
        awaitDeath();
    }

    /** Makes this process exit normally, from inside, and waits until it is dead. */
    public void stop() {
        CompletableFuture<Object> never = new CompletableFuture<>();
        Proc.send(pid, new Job(() -> {
            throw Proc.exit(ExitReason.normal());
        }, never));
        awaitDeath();
    }

    /** Ends this process (reason shutdown, which is not logged as a crash) without waiting. */
    public void shutdownNow() {
        Proc.exit(pid, ExitReason.shutdown());
    }

    private void awaitDeath() {
        eventually(() -> !pid.isAlive());
    }

    public static <T> T take(LinkedBlockingQueue<T> q) {
        return await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(10))
                .until(q::poll, t -> t != null);
    }

    /** Waits, polling every millisecond, up to 10 s, until {@code condition} holds. */
    public static void eventually(Callable<Boolean> condition) {
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(10))
                .until(condition);
    }
}
