package io.islands.runtime.table;

import java.util.Iterator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@code first}/{@code next} on an unordered table. A hash map cannot seek to "the key after
 * k", so this keeps the last few traversals as live iterators ({@link Cursor}s) with the key
 * each is at: {@code next(k)} continues the cursor at {@code k} in O(1), even if {@code k} was
 * deleted meanwhile. With no cursor at {@code k} (more than {@link #SLOTS} traversals at once,
 * or a key from elsewhere) it scans from the start to {@code k}: O(n), and it fails if {@code k}
 * is gone, as ETS's {@code next} does for a deleted key in a table that is not fixed.
 *
 * <p>A cursor's iterator is the map's weakly consistent one: it sees each key present for the
 * whole traversal exactly once, and keys added or removed meanwhile maybe. Keys whose object
 * is not visible (a pending batch's new key) are skipped.
 *
 * <p>Threads: {@link #slots} is replaced slot by slot with atomic writes by any reader; a
 * cursor's fields are guarded by the cursor's own monitor (held only while advancing, never
 * across a call out).
 */
final class Cursors {
    static final int SLOTS = 8;
    private static final Object NOT_HERE = new Object();

    private final Store store;
    private final AtomicReferenceArray<Cursor> slots = new AtomicReferenceArray<>(SLOTS);
    private final AtomicInteger victim = new AtomicInteger();

    Cursors(Store store) {
        this.store = store;
    }

    /** @return the first visible key, or null if none */
    Object first() {
        return start(store.map.keySet().iterator());
    }

    /** @return the visible key after {@code key} in a traversal at it, or null at the end */
    Object next(Object key) {
        for (int i = 0; i < SLOTS; i++) {
            Cursor c = slots.get(i);
            if (c != null) {
                Object k = c.advanceFrom(key, store);
                if (k != NOT_HERE) {
                    if (k == null) {
                        slots.compareAndSet(i, c, null);
                    }
                    return k;
                }
            }
        }
        Iterator<Object> it = store.map.keySet().iterator();
        while (it.hasNext()) {
            if (it.next().equals(key)) {
                return start(it);
            }
        }
        throw new IllegalArgumentException("next: key " + key
                + " is not in the table and no recent traversal is at it");
    }

    private Object start(Iterator<Object> it) {
        Cursor c = new Cursor(it);
        Object k = c.advance(store);
        if (k != null) {
            slots.set(Math.floorMod(victim.getAndIncrement(), SLOTS), c);
        }
        return k;
    }

    /** One traversal: an iterator and the key it last returned. */
    private static final class Cursor {
        private final Iterator<Object> it;
        private Object at;

        Cursor(Iterator<Object> it) {
            this.it = it;
        }

        /** @return the next visible key if this cursor is at {@code key}, else NOT_HERE */
        synchronized Object advanceFrom(Object key, Store store) {
            return key.equals(at) ? advance(store) : NOT_HERE;
        }

        synchronized Object advance(Store store) {
            while (it.hasNext()) {
                Object k = it.next();
                if (store.get(k) != null) {
                    at = k;
                    return k;
                }
            }
            at = null;
            return null;
        }
    }
}
