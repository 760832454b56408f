package io.islands.runtime.table;

import io.islands.runtime.Pid;
import java.util.Comparator;
import java.util.Objects;

/**
 * How to create a table with {@link Tables#create(TableOptions)}: ETS's options to
 * {@code new/2}. Start from {@link #defaults()} and change what you need:
 *
 * <pre>{@code
 * Table<String, Long> scores = Tables.create(TableOptions.<String>defaults()
 *         .withAccess(Access.PUBLIC)
 *         .withName("scores"));
 * }</pre>
 *
 * @param type the table type; default {@link TableType#SET}
 * @param access who may read and write; default {@link Access#PROTECTED}
 * @param name a name to find the table by with {@link Tables#whereis}, or null (default)
 * @param comparator the key order of an {@link TableType#ORDERED_SET}; null (default) means
 *     the keys' natural order, and then they must be {@link Comparable}
 * @param heir the process that inherits the table when its owner exits, or null (default: the
 *     table is deleted with its owner)
 * @param heirData the data sent to the heir in its {@link TableTransfer}; may be null
 */
public record TableOptions<K>(
        TableType type, Access access, String name, Comparator<? super K> comparator, Pid heir, Object heirData) {

    public TableOptions {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(access, "access");
        if (name != null && name.isBlank()) {
            throw new IllegalArgumentException("a table name must not be blank");
        }
        if (comparator != null && type != TableType.ORDERED_SET) {
            throw new IllegalArgumentException("a comparator needs type ORDERED_SET, not " + type);
        }
    }

    /** @return ETS's defaults: a protected, unnamed {@code set} without heir */
    public static <K> TableOptions<K> defaults() {
        return new TableOptions<>(TableType.SET, Access.PROTECTED, null, null, null, null);
    }

    /** @return these options with {@code type}; a comparator is dropped unless it stays ORDERED_SET */
    public TableOptions<K> withType(TableType type) {
        Comparator<? super K> c = type == TableType.ORDERED_SET ? comparator : null;
        return new TableOptions<>(type, access, name, c, heir, heirData);
    }

    /** @return these options with {@code access} */
    public TableOptions<K> withAccess(Access access) {
        return new TableOptions<>(type, access, name, comparator, heir, heirData);
    }

    /** @return these options for a named table */
    public TableOptions<K> withName(String name) {
        return new TableOptions<>(type, access, Objects.requireNonNull(name, "name"), comparator, heir, heirData);
    }

    /** @return these options for an {@link TableType#ORDERED_SET} ordered by {@code comparator} */
    public TableOptions<K> withComparator(Comparator<? super K> comparator) {
        Objects.requireNonNull(comparator, "comparator");
        return new TableOptions<>(TableType.ORDERED_SET, access, name, comparator, heir, heirData);
    }

    /** @return these options with {@code heir} inheriting the table, sent {@code data} */
    public TableOptions<K> withHeir(Pid heir, Object data) {
        return new TableOptions<>(type, access, name, comparator, Objects.requireNonNull(heir, "heir"), data);
    }
}
