package io.islands.runtime.table;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

/**
 * The contents of one table: a concurrent map from key to stored object, plus the object count.
 * The stored object is the value (set, ordered_set), a {@link Bag} (bag types), or, while a
 * batch runs, a {@link Pending} wrapping either. {@link MemoryTable} swaps in a fresh store for
 * {@code deleteAll}.
 *
 * <p>Threads: any thread reads {@link #map} lock-free, through {@link Pending#visible}.
 * Single-key writes ({@code insert}...{@code compute} here) run in the gate's shared mode and
 * get their per-key atomicity from the map's {@code compute}/{@code put}/{@code remove};
 * {@link #writeBatch} runs in exclusive mode, so it is the only writer. {@link #objects} is a
 * {@link LongAdder}: each write adds its own delta, so the sum is exact whenever no write is in
 * flight.
 */
final class Store {
    final ConcurrentMap<Object, Object> map;
    /** The same map when ordered, else null. */
    final ConcurrentNavigableMap<Object, Object> ordered;
    final LongAdder objects = new LongAdder();
    final boolean bag;
    final boolean duplicates;
    /** The traversal positions of an unordered table; null when ordered. */
    final Cursors cursors;

    @SuppressWarnings("unchecked")
    Store(TableType type, Comparator<?> comparator) {
        bag = type.isBag();
        duplicates = type == TableType.DUPLICATE_BAG;
        if (type == TableType.ORDERED_SET) {
            ordered = new ConcurrentSkipListMap<>((Comparator<Object>) comparator);
            map = ordered;
            cursors = null;
        } else {
            ordered = null;
            map = new ConcurrentHashMap<>();
            cursors = new Cursors(this);
        }
    }

    /** @return a new empty store of the same kind */
    Store emptyCopy(TableType type) {
        return new Store(type, ordered == null ? null : ordered.comparator());
    }

    // ---- reads -----------------------------------------------------------------------------

    /** @return the visible stored object under {@code key}: null, a value or a {@link Bag} */
    Object get(Object key) {
        return Pending.visible(map.get(key));
    }

    /** @return a visible stored object as a list of values */
    @SuppressWarnings("unchecked")
    static <V> List<V> values(Object stored) {
        if (stored == null) {
            return List.of();
        }
        return stored instanceof Bag b ? (List<V>) b : List.of((V) stored);
    }

    /** @return the visible objects, lazily; {@code from} is the map or a sub-map of it */
    static Stream<Map.Entry<Object, Object>> entries(Map<Object, Object> from) {
        return from.entrySet().stream()
                .map(e -> {
                    Object v = Pending.visible(e.getValue());
                    return v == null ? null : Map.entry(e.getKey(), v);
                })
                .filter(Objects::nonNull);
    }

    /** @return each visible object of {@code from} as a row, bags flattened in insertion order */
    @SuppressWarnings("unchecked")
    static <K, V> Stream<Row<K, V>> rows(Map<Object, Object> from) {
        return entries(from).flatMap(e -> {
            Object v = e.getValue();
            if (v instanceof Bag b) {
                return b.stream().map(x -> new Row<>((K) e.getKey(), (V) x));
            }
            return Stream.of(new Row<>((K) e.getKey(), (V) v));
        });
    }

    // ---- single-key writes (shared mode) ---------------------------------------------------

    void insert(Object key, Object value) {
        if (!bag) {
            if (map.put(key, value) == null) {
                objects.increment();
            }
            return;
        }
        int[] added = new int[1];
        map.compute(key, (k, cur) -> {
            Bag b = Bag.plus((Bag) cur, value, duplicates);
            added[0] = b == cur ? 0 : 1;
            return b;
        });
        objects.add(added[0]);
    }

    boolean insertNew(Object key, Object value) {
        if (map.putIfAbsent(key, bag ? Bag.of(value) : value) != null) {
            return false;
        }
        objects.increment();
        return true;
    }

    /** @return the removed stored object, or null */
    Object remove(Object key) {
        Object gone = map.remove(key);
        objects.add(-Bag.count(gone));
        return gone;
    }

    boolean removeObject(Object key, Object value) {
        if (!bag) {
            if (map.remove(key, value)) {
                objects.decrement();
                return true;
            }
            return false;
        }
        return removeValues(key, Set.of(value)) > 0;
    }

    /** @return how many objects were removed from the bag under {@code key} */
    private int removeValues(Object key, Collection<?> values) {
        int[] removed = new int[1];
        map.computeIfPresent(key, (k, cur) -> {
            Bag b = ((Bag) cur).minus(values);
            removed[0] = b == cur ? 0 : Bag.count(cur) - Bag.count(b);
            return b;
        });
        objects.add(-removed[0]);
        return removed[0];
    }

    long updateCounter(Object key, long increment, Long initial) {
        long[] result = new long[2]; // the new value; 1 if the key was created
        map.compute(key, (k, cur) -> {
            long base;
            if (cur == null) {
                if (initial == null) {
                    throw new NoSuchElementException("updateCounter: no object under key " + key);
                }
                base = initial;
            } else if (cur instanceof Long l) {
                base = l;
            } else {
                throw new IllegalArgumentException("updateCounter: the value under key " + key
                        + " is a " + cur.getClass().getName() + ", not a Long");
            }
            result[0] = Math.addExact(base, increment);
            result[1] = cur == null ? 1 : 0;
            return result[0];
        });
        objects.add(result[1]);
        return result[0];
    }

    Object compute(Object key, BiFunction<Object, Object, Object> remapping) {
        int[] delta = new int[1];
        Object result = map.compute(key, (k, cur) -> {
            Object next = remapping.apply(k, cur);
            delta[0] = (next == null ? 0 : 1) - (cur == null ? 0 : 1);
            return next;
        });
        objects.add(delta[0]);
        return result;
    }

    /**
     * Removes each object {@code where} accepts: a traversal, each removal atomic and in the
     * gate's shared mode (the predicate runs outside any lock). @return the count
     */
    long selectDelete(BiPredicate<Object, Object> where, WriteGate gate) {
        long removed = 0;
        for (Map.Entry<Object, Object> e : (Iterable<Map.Entry<Object, Object>>) entries(map)::iterator) {
            Object key = e.getKey();
            Object stored = e.getValue();
            Set<Object> doomed = new HashSet<>();
            for (Object v : values(stored)) {
                if (where.test(key, v)) {
                    doomed.add(v);
                }
            }
            if (doomed.isEmpty()) {
                continue;
            }
            int ticket = gate.enter();
            try {
                removed += bag ? removeValues(key, doomed) : removeObject(key, stored) ? 1 : 0;
            } finally {
                gate.exit(ticket);
            }
        }
        return removed;
    }

    // ---- batches (exclusive mode) ----------------------------------------------------------

    /**
     * Writes {@code rows} as one atomic, isolated step: each key first holds a {@link Pending},
     * then one commit makes them all visible, then each is replaced by its plain object. The
     * caller holds the gate exclusively, so no other writer runs. If anything throws before the
     * commit (a comparator refusing a key), every key is put back and readers never saw a change.
     *
     * @return false, writing nothing, if {@code onlyNew} and a key has an object
     */
    boolean writeBatch(Object[] keys, Object[] values, boolean onlyNew) {
        if (onlyNew) {
            for (Object k : keys) {
                if (map.get(k) != null) {
                    return false;
                }
            }
        }
        Pending.Commit commit = new Pending.Commit();
        List<Object> touched = new ArrayList<>(keys.length);
        try {
            for (int i = 0; i < keys.length; i++) {
                Object cur = map.get(keys[i]);
                if (cur instanceof Pending p && p.commit == commit) {
                    p.after = combine(p.after, values[i]);
                } else {
                    map.put(keys[i], new Pending(commit, cur, combine(cur, values[i])));
                    touched.add(keys[i]);
                }
            }
            commit.done = true;
        } finally {
            settle(touched, commit.done);
        }
        return true;
    }

    private Object combine(Object cur, Object value) {
        return bag ? Bag.plus((Bag) cur, value, duplicates) : value;
    }

    /** Replaces each pending object by what it settles to: after if committed, else before. */
    private void settle(List<Object> touched, boolean committed) {
        long delta = 0;
        for (Object k : touched) {
            Pending p = (Pending) map.get(k);
            Object keep = committed ? p.after : p.before;
            delta += Bag.count(keep) - Bag.count(p.before);
            if (keep == null) {
                map.remove(k);
            } else {
                map.put(k, keep);
            }
        }
        objects.add(delta);
    }

    /** @return a rough estimate of the bytes this store's structure takes, keys and values excluded */
    long memory() {
        long keys = map.size();
        long perKey = ordered == null ? 48 : 64; // hash node + table slot; skip-list node + index share
        return 128 + keys * perKey + (bag ? objects.sum() * 8 + keys * 24 : 0);
    }
}
