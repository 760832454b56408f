package io.islands.runtime;

import java.util.function.Consumer;

/**
 * A hierarchical timer wheel (Varghese and Lauck's scheme 6, as in the Linux kernel before 4.8):
 * O(1) to arm and to cancel a timer, and O(1) per tick to advance, whatever the number of timers.
 *
 * <h2>Design note</h2>
 * Time is counted in ticks. There are {@link #LEVELS} levels of 64 buckets; a bucket of level
 * {@code k} holds the timers due in one span of 64<sup>k</sup> ticks. A timer {@code d} ticks
 * away goes to the level where {@code d < 64^(k+1)}, in the bucket of its due tick's digit at that
 * level. When the wheel's time reaches the start of a higher level's bucket, that bucket is
 * emptied and its timers placed again ("cascaded"): they land on lower levels, and by level 0
 * each bucket holds the timers of exactly one tick. So a timer is never fired early and never
 * later than the tick it is due; a timer further away than the wheel spans (64<sup>6</sup>
 * ticks) is placed at the far end, and its owner arms it again when it fires (the timer service
 * re-checks every deadline it fires; see {@link Scheduler}).
 *
 * <p>A timer is a {@link Node}; buckets are doubly linked lists through the nodes themselves, so
 * arming and cancelling allocate nothing and a node costs two references and two numbers. Each
 * level also keeps a 64-bit map of its non-empty buckets, so {@link #nextDue()} is a few bit
 * operations.
 *
 * <p>Not thread-safe: one owner (the {@link Scheduler}'s lock) serialises every call. The one
 * exception is {@link Node#armedTick()}, a volatile read any thread may make.
 *
 * <p>Order: timers fire in order of their due ticks; timers due at the same tick fire together,
 * in no promised order.
 */
final class TimerWheel {
    static final int LEVELS = 6;
    private static final int BITS = 6;
    private static final int SLOTS = 1 << BITS;
    private static final int MASK = SLOTS - 1;
    /** The furthest a timer can be placed: the span of the whole wheel, less one tick. */
    static final long SPAN = (1L << (BITS * LEVELS)) - 1;
    static final long NOT_ARMED = -1;

    /** A timer: what the wheel links into its buckets. Subclass to say what it is. */
    abstract static class Node {
        Node prev;
        Node next;
        /** The bucket it is in: level * 64 + slot; meaningful only while armed. */
        int bucket;
        /** The tick it is due at; {@link #NOT_ARMED} when not in the wheel. Written under the owner's lock. */
        volatile long tick = NOT_ARMED;

        /** @return the tick this node is armed for, or {@link #NOT_ARMED}; any thread */
        final long armedTick() {
            return tick;
        }
    }

    private final Node[] heads = new Node[LEVELS * SLOTS];
    private final Node[] tails = new Node[LEVELS * SLOTS];
    private final long[] occupied = new long[LEVELS];
    private long now;
    private int size;

    /** @param start the tick the wheel starts at: every timer is due at or after it */
    TimerWheel(long start) {
        this.now = start;
    }

    /** @return the wheel's time: every timer due at or before it has fired */
    long now() {
        return now;
    }

    /** @return how many timers are armed */
    int size() {
        return size;
    }

    /**
     * Arms {@code node} for {@code tick}; a tick at or before {@link #now()} is due at
     * {@code now() + 1}. @throws IllegalStateException if it is armed already
     */
    void add(Node node, long tick) {
        if (node.tick != NOT_ARMED) {
            throw new IllegalStateException("timer armed already");
        }
        place(node, tick, now + 1);
        size++;
    }

    /** Cancels {@code node} if it is armed. @return whether it was */
    boolean remove(Node node) {
        if (node.tick == NOT_ARMED) {
            return false;
        }
        unlink(node);
        node.tick = NOT_ARMED;
        size--;
        return true;
    }

    /**
     * Moves the wheel's time to {@code to} (no-op if not later), cascading as it passes bucket
     * boundaries, and hands each timer due at or before {@code to} to {@code expired}, in order
     * of due tick. Each is disarmed before it is handed over, so {@code expired} may arm it again
     * (for a later tick).
     */
    void advance(long to, Consumer<Node> expired) {
        while (now < to) {
            if (size == 0) {
                now = to;
                return;
            }
            long next = nextDue();
            if (next > to) {
                now = to;
                return;
            }
            now = Math.max(now + 1, next);
            cascade();
            fire((int) (now & MASK), expired);
        }
    }

    /**
     * @return the earliest tick at which {@link #advance} has work to do: a level-0 bucket to
     *     fire or a higher bucket to cascade; {@link Long#MAX_VALUE} if no timer is armed
     */
    long nextDue() {
        long best = Long.MAX_VALUE;
        for (int level = 0; level < LEVELS; level++) {
            long occ = occupied[level];
            if (occ == 0) {
                continue;
            }
            int shift = BITS * level;
            long digit = (now >>> shift) + 1; // the first bucket of this level not yet passed
            long rotated = Long.rotateRight(occ, (int) (digit & MASK));
            long due = (digit + Long.numberOfTrailingZeros(rotated)) << shift;
            best = Math.min(best, due);
        }
        return best;
    }

    /** Links {@code node} into the bucket for {@code tick}, or for {@code earliest} if that is later. */
    private void place(Node node, long tick, long earliest) {
        long due = Math.max(tick, earliest);
        long delta = Math.min(due - now, SPAN);
        due = now + delta;
        int level = 0;
        while (level < LEVELS - 1 && delta >= (1L << (BITS * (level + 1)))) {
            level++;
        }
        int slot = (int) ((due >>> (BITS * level)) & MASK);
        int b = level * SLOTS + slot;
        node.bucket = b;
        node.tick = tick;
        node.next = null;
        Node tail = tails[b];
        node.prev = tail;
        if (tail == null) {
            heads[b] = node;
            occupied[level] |= 1L << slot;
        } else {
            tail.next = node;
        }
        tails[b] = node;
    }

    private void unlink(Node node) {
        int b = node.bucket;
        Node p = node.prev;
        Node n = node.next;
        if (p == null) {
            heads[b] = n;
        } else {
            p.next = n;
        }
        if (n == null) {
            tails[b] = p;
        } else {
            n.prev = p;
        }
        node.prev = null;
        node.next = null;
        if (heads[b] == null) {
            occupied[b >>> BITS] &= ~(1L << (b & MASK));
        }
    }

    /** Re-places the timers of each higher-level bucket whose span starts at {@code now}. */
    private void cascade() {
        for (int level = 1; level < LEVELS; level++) {
            int shift = BITS * level;
            if ((now & ((1L << shift) - 1)) != 0) {
                return; // not at a boundary of this level, nor of any higher one
            }
            int b = level * SLOTS + (int) ((now >>> shift) & MASK);
            Node n = heads[b];
            heads[b] = null;
            tails[b] = null;
            occupied[level] &= ~(1L << (b & MASK));
            while (n != null) {
                Node next = n.next;
                n.prev = null;
                n.next = null;
                place(n, n.tick, now); // due now at the earliest: fired in this same step
                n = next;
            }
        }
    }

    private void fire(int slot, Consumer<Node> expired) {
        Node n = heads[slot];
        if (n == null) {
            return;
        }
        heads[slot] = null;
        tails[slot] = null;
        occupied[0] &= ~(1L << slot);
        while (n != null) {
            Node next = n.next;
            n.prev = null;
            n.next = null;
            n.tick = NOT_ARMED;
            size--;
            expired.accept(n);
            n = next;
        }
    }
}
