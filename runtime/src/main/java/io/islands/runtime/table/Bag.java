package io.islands.runtime.table;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * The values under one key of a bag or duplicate_bag: an immutable list in insertion order,
 * replaced as a whole on every change (copy-on-write per key), so readers share it without
 * copying. Never empty: a key without values is removed.
 */
final class Bag extends AbstractList<Object> implements RandomAccess {
    private final Object[] values;

    private Bag(Object[] values) {
        this.values = values;
    }

    static Bag of(Object value) {
        return new Bag(new Object[] {value});
    }

    /** @return {@code bag} (null for none) with {@code value} appended; the same bag if a set-bag already has it */
    static Bag plus(Bag bag, Object value, boolean duplicates) {
        if (bag == null) {
            return of(value);
        }
        if (!duplicates && bag.contains(value)) {
            return bag;
        }
        Object[] next = Arrays.copyOf(bag.values, bag.values.length + 1);
        next[bag.values.length] = value;
        return new Bag(next);
    }

    /** @return this bag without any value equal to one in {@code gone}; this if none is; null if emptied */
    Bag minus(java.util.Collection<?> gone) {
        int kept = 0;
        Object[] next = new Object[values.length];
        for (Object v : values) {
            if (!gone.contains(v)) {
                next[kept++] = v;
            }
        }
        if (kept == values.length) {
            return this;
        }
        return kept == 0 ? null : new Bag(Arrays.copyOf(next, kept));
    }

    @Override
    public Object get(int index) {
        return values[index];
    }

    @Override
    public int size() {
        return values.length;
    }

    /** @return how many objects {@code stored} holds: 0 for null, a bag's size, else 1 */
    static int count(Object stored) {
        return stored == null ? 0 : stored instanceof Bag b ? b.values.length : 1;
    }
}
