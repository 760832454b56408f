package io.islands.runtime;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test helper process that forwards every message it receives to a queue the test thread
 * reads, so tests observe a process's mailbox without sleeping.
 */
final class Probe {
    final LinkedBlockingQueue<Object> seen = new LinkedBlockingQueue<>();
    final Pid pid;

    private Probe(boolean trap) {
        LinkedBlockingQueue<Pid> started = new LinkedBlockingQueue<>();
        pid = Proc.spawn(() -> {
            Proc.trapExit(trap);
            started.add(Proc.self());
            for (;;) {
                Object m = Proc.receive();
                if (m instanceof Runnable r) {
                    r.run(); // run code inside the probe process
                } else {
                    seen.add(m);
                }
            }
        });
        take(started);
    }

    static Probe trapping() {
        return new Probe(true);
    }

    static Probe plain() {
        return new Probe(false);
    }

    /** Monitors {@code target} from the probe and returns once the monitor is in place. */
    void monitor(Pid target) {
        LinkedBlockingQueue<Boolean> placed = new LinkedBlockingQueue<>();
        run(() -> {
            Proc.monitor(target);
            placed.add(true);
        });
        take(placed);
    }

    /** Runs {@code r} inside the probe process. */
    void run(Runnable r) {
        Proc.send(pid, r);
    }

    Object next() {
        return take(seen);
    }

    /** @return the next message, or null if none arrives within 200 ms (for asserting absence) */
    Object poll() throws InterruptedException {
        return seen.poll(200, TimeUnit.MILLISECONDS);
    }

    static <T> T take(LinkedBlockingQueue<T> q) {
        try {
            T t = q.poll(10, TimeUnit.SECONDS);
            if (t == null) {
                throw new AssertionError("nothing arrived within 10 s");
            }
            return t;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static final Duration WAIT = Duration.ofSeconds(10);
}
