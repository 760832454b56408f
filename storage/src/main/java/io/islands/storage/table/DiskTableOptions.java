package io.islands.storage.table;

import io.islands.runtime.table.Access;
import io.islands.runtime.table.TableType;
import io.islands.storage.Durability;
import java.util.Objects;

/**
 * How a disk table is opened.
 *
 * @param type the table type; an ordered_set needs an order-preserving key codec
 * @param access who may read and write (as {@link io.islands.runtime.table.Table})
 * @param keyCodec encodes keys; equal encodings are the same key
 * @param valueCodec encodes values; in a bag equal encodings are equal values
 * @param durability DURABLE (default): a write returns once it is fsynced, concurrent writers
 *     share fsyncs; RELAXED: once SQLite has it, the disk follows within a second. Set by the
 *     first table opened in a file, for the whole file
 */
public record DiskTableOptions<K, V>(
        TableType type, Access access, Codec<K> keyCodec, Codec<V> valueCodec, Durability durability) {
    public DiskTableOptions {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(keyCodec, "keyCodec");
        Objects.requireNonNull(valueCodec, "valueCodec");
        Objects.requireNonNull(durability, "durability");
        if (type == TableType.ORDERED_SET && !keyCodec.orderPreserving()) {
            throw new IllegalArgumentException("an ordered_set needs an order-preserving key codec, and "
                    + keyCodec + " is not");
        }
    }

    /** @return a durable, protected set with these codecs */
    public static <K, V> DiskTableOptions<K, V> of(Codec<K> keyCodec, Codec<V> valueCodec) {
        return new DiskTableOptions<>(TableType.SET, Access.PROTECTED, keyCodec, valueCodec, Durability.DURABLE);
    }

    public DiskTableOptions<K, V> withType(TableType t) {
        return new DiskTableOptions<>(t, access, keyCodec, valueCodec, durability);
    }

    public DiskTableOptions<K, V> withAccess(Access a) {
        return new DiskTableOptions<>(type, a, keyCodec, valueCodec, durability);
    }

    public DiskTableOptions<K, V> withDurability(Durability d) {
        return new DiskTableOptions<>(type, access, keyCodec, valueCodec, d);
    }
}
