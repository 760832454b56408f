package io.islands.runtime.table;

/**
 * A range of keys for {@link Table#select(KeyRange, java.util.function.BiPredicate)} on an
 * {@link TableType#ORDERED_SET} table, in the table's key order. A null bound means unbounded
 * on that side.
 *
 * @param low the lowest key, or null for no lower bound
 * @param lowInclusive whether {@code low} itself is in the range
 * @param high the highest key, or null for no upper bound
 * @param highInclusive whether {@code high} itself is in the range
 */
public record KeyRange<K>(K low, boolean lowInclusive, K high, boolean highInclusive) {

    /** @return every key */
    public static <K> KeyRange<K> all() {
        return new KeyRange<>(null, false, null, false);
    }

    /** @return the keys from {@code low} to {@code high}, both included */
    public static <K> KeyRange<K> closed(K low, K high) {
        return new KeyRange<>(low, true, high, true);
    }

    /** @return the keys from {@code low} (included) to {@code high} (excluded) */
    public static <K> KeyRange<K> closedOpen(K low, K high) {
        return new KeyRange<>(low, true, high, false);
    }

    /** @return the keys from {@code low} on, {@code low} included */
    public static <K> KeyRange<K> atLeast(K low) {
        return new KeyRange<>(low, true, null, false);
    }

    /** @return the keys below {@code high}, {@code high} excluded */
    public static <K> KeyRange<K> lessThan(K high) {
        return new KeyRange<>(null, false, high, false);
    }
}
