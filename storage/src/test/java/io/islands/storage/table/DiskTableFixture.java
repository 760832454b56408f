package io.islands.storage.table;

import io.islands.runtime.table.Access;
import io.islands.runtime.table.Table;
import io.islands.runtime.table.contract.TableFixture;
import io.islands.runtime.table.TableType;
import io.islands.storage.Durability;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The disk table for the runtime's table contracts: table {@code t} in {@code dir/tables.db},
 * integer keys (order-preserving), long values. Relaxed durability keeps the matrix fast; the
 * semantics are the same as durable (docs/storage.md).
 */
record DiskTableFixture(Path dir) implements TableFixture {
    @Override
    public Table<Integer, Long> open(TableType type, Access access) {
        return DiskTables.open(dir.resolve("tables.db"), "t", DiskTableOptions.of(Codec.integers(), Codec.longs())
                .withType(type).withAccess(access).withDurability(Durability.RELAXED));
    }

    @Override
    public Table<Integer, Object> openAny(TableType type) {
        return DiskTables.open(dir.resolve("any.db"), "any",
                DiskTableOptions.of(Codec.integers(), Codec.json(Object.class)).withType(type));
    }

    @Override
    public Optional<String> name() {
        return Optional.of("t");
    }

    @Override
    public boolean persistent() {
        return true;
    }
}
