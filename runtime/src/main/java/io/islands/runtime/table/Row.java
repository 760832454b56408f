package io.islands.runtime.table;

import java.util.Objects;

/**
 * One object of a table: a key and its value (ETS's tuple with the key in position 1). Both are
 * non-null and must be immutable (see {@link Table}).
 */
public record Row<K, V>(K key, V value) {
    public Row {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /** @return a row of {@code key} and {@code value} */
    public static <K, V> Row<K, V> of(K key, V value) {
        return new Row<>(key, value);
    }
}
