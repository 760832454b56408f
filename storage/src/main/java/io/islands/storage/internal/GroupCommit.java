package io.islands.storage.internal;

import io.islands.runtime.checkpoint.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit, the part every batching store thread shares (the SQLite writer of the state
 * stores and the disk tables, the PostgreSQL writer and reader): callers enqueue a {@link Job}
 * and wait for it; a lane thread takes the first pending job and everything queued behind it
 * (up to {@code maxBatch}), and hands the batch to the {@link Runner}, which completes every job
 * of it, each with its own outcome.
 *
 * <p>Design note. Threads: callers (any thread, typically virtual) only enqueue and wait;
 * {@code lanes} platform threads, each named, drain the one queue, so with one lane the batches
 * run strictly one after the other (a single writer) and with more they overlap. Ownership: a
 * job belongs to its caller until enqueued, then to the lane that drained it, which must
 * complete it exactly once; the runner's state is touched by lane threads only (with one lane,
 * by one thread only). Closing: {@link #close} refuses new jobs (the gate's write lock makes
 * "not closed, enqueued" atomic against it), queues one stop marker per lane behind what is
 * pending, and waits for the lanes: every job enqueued before close runs. A lane that is
 * interrupted closes the whole group and fails what is still queued with "the store is closed".
 * Every wait is bounded: the lanes park only while the queue is empty, and a runner may ask to
 * be woken ({@link Runner#dueInNanos}) for timed work such as a deferred fsync.
 */
public final class GroupCommit<J extends GroupCommit.Job<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    private static final Object STOP = new Object();

    /**
     * One caller's request, completed by the runner with a result or an exception.
     *
     * @param <T> the result type
     */
    public abstract static class Job<T> {
        /** The operation, for error messages. */
        public final String what;
        /** Completed once, by the lane that ran the job (or by {@link #fail}). */
        public final CompletableFuture<T> done = new CompletableFuture<>();

        /** @param what the operation, for error messages ({@code save g revision 4}) */
        protected Job(String what) {
            this.what = what;
        }

        /** Completes the job as failed with {@code e}. */
        public void fail(RuntimeException e) {
            done.completeExceptionally(e);
        }

        /**
         * Waits for the job's outcome, uninterruptibly (a queued job runs anyway; an interrupt is
         * kept for the caller).
         *
         * @throws RuntimeException the job's own failure (a {@link StoreException}, or what the
         *     runner completed it with), or its batch's
         */
        public T await(String store) {
            try {
                return done.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new StoreException(store + ": " + what + " failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /** What a lane does with a batch; called on lane threads only. */
    public interface Runner<J> {
        /** Runs {@code batch} (one job at least) and completes every job of it; must not throw. */
        void run(List<J> batch);

        /** @return nanoseconds until {@link #tick} has timed work to do, or -1 for none */
        default long dueInNanos() {
            return -1;
        }

        /** Called after every batch and every timed wake-up; {@code closing}: the lane is stopping. */
        default void tick(boolean closing) {}

        /** Called once by the last lane to stop, after its last batch: release what the runner holds. */
        default void stopped() {}
    }

    private final String store;
    private final int maxBatch;
    private final Runner<J> runner;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final List<Thread> lanes = new ArrayList<>();
    private boolean closed; // guarded by gate
    private int running; // lanes not yet stopped; guarded by lanes

    /**
     * Starts the lanes.
     *
     * @param store the store's name, for messages
     * @param threadName the lanes' thread name (a lane number is appended when there are several)
     * @param lanes threads draining the queue, at least 1
     * @param maxBatch the most jobs one batch holds
     */
    public GroupCommit(String store, String threadName, int lanes, int maxBatch, Runner<J> runner) {
        if (lanes < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("lanes and maxBatch must be >= 1");
        }
        this.store = store;
        this.maxBatch = maxBatch;
        this.runner = runner;
        this.running = lanes;
        for (int i = 0; i < lanes; i++) {
            String name = lanes == 1 ? threadName : threadName + "-" + i;
            this.lanes.add(Thread.ofPlatform().daemon().name(name).unstarted(this::loop));
        }
        this.lanes.forEach(Thread::start);
    }

    /**
     * Queues {@code job} for the next batch; wait for it with {@link Job#await}.
     *
     * @throws StoreException if the group is closed (the job is not queued)
     */
    public void enqueue(J job) {
        gate.readLock().lock();
        try {
            if (closed) {
                throw new StoreException(store + ": " + job.what + " failed: the store is closed");
            }
            queue.add(job);
        } finally {
            gate.readLock().unlock();
        }
    }

    /** @return jobs queued and not yet taken by a lane (a moment's figure, for metrics and tests) */
    public int pending() {
        int n = 0;
        for (Object o : queue) {
            n += o == STOP ? 0 : 1;
        }
        return n;
    }

    /** Runs what was enqueued before, then stops the lanes and waits for them. Idempotent. */
    public void close() {
        if (!markClosed()) {
            return;
        }
        boolean interrupted = false;
        for (Thread t : lanes) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return whether this call closed the group */
    private boolean markClosed() {
        gate.writeLock().lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            for (int i = 0; i < lanes.size(); i++) {
                queue.add(STOP);
            }
            return true;
        } finally {
            gate.writeLock().unlock();
        }
    }

    @SuppressWarnings("unchecked")
    private void loop() {
        List<Object> drained = new ArrayList<>();
        List<J> batch = new ArrayList<>();
        boolean running = true;
        while (running) {
            Object first;
            try {
                long due = runner.dueInNanos();
                first = due < 0 ? queue.take() : queue.poll(due, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                LOG.warn("{}: {} interrupted; the store stops accepting work", store, Thread.currentThread().getName());
                markClosed();
                first = null;
                running = false;
            }
            if (first != null) {
                drained.add(first);
                queue.drainTo(drained, maxBatch - 1);
                int stops = 0;
                for (Object o : drained) {
                    if (o == STOP) {
                        stops++;
                    } else {
                        batch.add((J) o);
                    }
                }
                for (int i = 1; i < stops; i++) {
                    queue.add(STOP); // another lane's
                }
                running = stops == 0;
                if (!batch.isEmpty()) {
                    runSafely(batch);
                }
                drained.clear();
                batch.clear();
            }
            runner.tick(!running);
        }
        boolean last;
        synchronized (lanes) {
            last = --this.running == 0;
        }
        if (last) {
            runner.stopped();
            for (Object o; (o = queue.poll()) != null; ) { // only after an interrupt: close() queues nothing after STOP
                if (o != STOP) {
                    J job = (J) o;
                    job.fail(new StoreException(store + ": " + job.what + " failed: the store is closed"));
                }
            }
        }
    }

    private void runSafely(List<J> batch) {
        try {
            runner.run(batch);
        } catch (RuntimeException | Error e) {
            LOG.error("{}: batch failed unexpectedly", store, e);
            for (J job : batch) {
                job.fail(new StoreException(store + ": " + job.what + " failed: " + e, e));
            }
        }
    }
}
