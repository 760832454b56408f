package io.islands.runtime.table;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The table's write lock, shared by single-key writers and exclusive for batches: ETS's
 * table lock with {@code write_concurrency}, where single-object writes take the table lock in
 * read mode plus a per-key lock, and list inserts take it in write mode. Readers never use it.
 *
 * <p>Shared mode is a striped counter of writers in flight, not one lock word: a writer
 * increments the cell of its thread, checks that the gate is open and goes on; writers on
 * different keys share nothing but a cell now and then. Their per-key atomicity comes from the
 * map's own {@code compute}. Exclusive mode takes {@link #exclusive}, closes the gate and waits
 * for the writers in flight to drain; writers arriving meanwhile step back and queue on
 * {@link #exclusive}. Cost: two uncontended atomic adds per single-key write; a batch stops
 * this table's other writers (never its readers) while it runs.
 *
 * <p>Fields and who owns them: {@code inFlight} cells are incremented and decremented by
 * writers (any thread); {@code closed} is written only by the holder of {@code exclusive}.
 * Correctness is the Dekker pattern: a writer increments then reads {@code closed}, a batch
 * writes {@code closed} then reads the cells (all volatile), so at least one sees the other.
 */
final class WriteGate {
    /** Longs between two cells: 128 bytes, so that cells do not share a cache line. */
    private static final int PAD = 16;
    private static final int CELLS = cells();

    private final AtomicLongArray inFlight = new AtomicLongArray(CELLS * PAD);
    private final ReentrantLock exclusive = new ReentrantLock();
    private volatile boolean closed;

    private static int cells() {
        int n = Integer.highestOneBit(Math.max(2, Runtime.getRuntime().availableProcessors()) * 2 - 1) * 2;
        return Math.min(n, 64);
    }

    /** Enters in shared mode. @return the ticket to pass to {@link #exit} */
    int enter() {
        int cell = ((int) Thread.currentThread().threadId() & (CELLS - 1)) * PAD;
        for (;;) {
            inFlight.getAndIncrement(cell);
            if (!closed) {
                return cell;
            }
            inFlight.getAndDecrement(cell);
            if (exclusive.isHeldByCurrentThread()) {
                throw new IllegalStateException("a function passed to a batch wrote the same table");
            }
            exclusive.lock(); // wait for the batch to end
            exclusive.unlock();
        }
    }

    /** Leaves shared mode. */
    void exit(int ticket) {
        inFlight.getAndDecrement(ticket);
    }

    /** Enters in exclusive mode: no writer of this table runs until {@link #unlockExclusive}. */
    void lockExclusive() {
        exclusive.lock();
        closed = true;
        for (int spins = 0; inFlight() != 0; spins++) {
            if (spins < 64) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    /** Leaves exclusive mode. */
    void unlockExclusive() {
        closed = false;
        exclusive.unlock();
    }

    private long inFlight() {
        long n = 0;
        for (int i = 0; i < CELLS; i++) {
            n += inFlight.get(i * PAD);
        }
        return n;
    }
}
