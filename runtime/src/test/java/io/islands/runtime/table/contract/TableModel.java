package io.islands.runtime.table.contract;

import io.islands.runtime.table.Row;
import io.islands.runtime.table.TableType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * The reference a table is checked against: a plain map from key to the list of values in
 * insertion order, with ETS's rules for each type written out the obvious way.
 */
public final class TableModel {
    final TableType type;
    final Map<Integer, List<Long>> map;

    TableModel(TableType type, Comparator<Integer> order) {
        this.type = type;
        this.map = type == TableType.ORDERED_SET ? new TreeMap<>(order) : new HashMap<>();
    }

    void insert(int k, long v) {
        List<Long> vs = map.computeIfAbsent(k, x -> new ArrayList<>());
        switch (type) {
            case SET, ORDERED_SET -> {
                vs.clear();
                vs.add(v);
            }
            case BAG -> {
                if (!vs.contains(v)) {
                    vs.add(v);
                }
            }
            case DUPLICATE_BAG -> vs.add(v);
        }
    }

    void insertAll(List<Row<Integer, Long>> rows) {
        rows.forEach(r -> insert(r.key(), r.value()));
    }

    boolean insertNewAll(List<Row<Integer, Long>> rows) {
        if (rows.stream().anyMatch(r -> map.containsKey(r.key()))) {
            return false;
        }
        insertAll(rows);
        return true;
    }

    List<Long> lookup(int k) {
        return map.getOrDefault(k, List.of());
    }

    List<Long> take(int k) {
        List<Long> gone = map.remove(k);
        return gone == null ? List.of() : gone;
    }

    boolean deleteObject(int k, long v) {
        List<Long> vs = map.get(k);
        if (vs == null || !vs.removeIf(x -> x == v)) {
            return false;
        }
        if (vs.isEmpty()) {
            map.remove(k);
        }
        return true;
    }

    long selectDelete(BiPredicate<Integer, Long> where) {
        long n = 0;
        for (Integer k : List.copyOf(map.keySet())) {
            List<Long> vs = map.get(k);
            int before = vs.size();
            vs.removeIf(v -> where.test(k, v));
            n += before - vs.size();
            if (vs.isEmpty()) {
                map.remove(k);
            }
        }
        return n;
    }

    long updateCounter(int k, long increment, Long initial) {
        List<Long> vs = map.get(k);
        if (vs == null && initial == null) {
            throw new NoSuchElementException();
        }
        long next = Math.addExact(vs == null ? initial : vs.get(0), increment);
        insert(k, next);
        return next;
    }

    long size() {
        return map.values().stream().mapToLong(List::size).sum();
    }

    /** @return the objects: in key order for an ordered_set, else in no particular order */
    List<Row<Integer, Long>> rows() {
        List<Row<Integer, Long>> out = new ArrayList<>();
        map.forEach((k, vs) -> vs.forEach(v -> out.add(Row.of(k, v))));
        return out;
    }

    /** @return {@code rows} grouped by key, values in the order listed: comparable with {@link #map} */
    public static Map<Integer, List<Long>> grouped(List<Row<Integer, Long>> rows) {
        Map<Integer, List<Long>> out = new HashMap<>();
        rows.forEach(r -> out.computeIfAbsent(r.key(), x -> new ArrayList<>()).add(r.value()));
        return out;
    }
}
