package io.islands.runtime.table;

import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** Key-order navigation on an ordered_set's map, skipping keys whose object is not visible. */
final class Ranges {
    private Ranges() {}

    /** @return the part of {@code map} within {@code range}; empty for an inverted range */
    static ConcurrentNavigableMap<Object, Object> of(ConcurrentNavigableMap<Object, Object> map, KeyRange<?> range) {
        Object low = range.low();
        Object high = range.high();
        try {
            if (low == null) {
                return high == null ? map : map.headMap(high, range.highInclusive());
            }
            return high == null
                    ? map.tailMap(low, range.lowInclusive())
                    : map.subMap(low, range.lowInclusive(), high, range.highInclusive());
        } catch (IllegalArgumentException inverted) {
            return new ConcurrentSkipListMap<>(map.comparator());
        }
    }

    /** @return the smallest ({@code up}) or greatest visible key, or null */
    static Object first(ConcurrentNavigableMap<Object, Object> map, boolean up) {
        return visible(map, up ? map.firstEntry() : map.lastEntry(), up);
    }

    /** @return the visible key after ({@code up}) or before {@code key} in key order, or null */
    static Object after(ConcurrentNavigableMap<Object, Object> map, Object key, boolean up) {
        return visible(map, up ? map.higherEntry(key) : map.lowerEntry(key), up);
    }

    private static Object visible(ConcurrentNavigableMap<Object, Object> map, Map.Entry<Object, Object> e, boolean up) {
        while (e != null && Pending.visible(e.getValue()) == null) {
            e = up ? map.higherEntry(e.getKey()) : map.lowerEntry(e.getKey());
        }
        return e == null ? null : e.getKey();
    }
}
