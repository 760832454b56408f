package io.islands.runtime.table;

import io.islands.runtime.table.contract.TableFixture;
import java.util.Comparator;
import java.util.Optional;

/** The in-memory table ({@link Tables#create}) for the table contracts. */
final class MemoryTableFixture implements TableFixture {
    @Override
    public Table<Integer, Long> open(TableType type, Access access) {
        return Tables.create(TableOptions.<Integer>defaults().withType(type).withAccess(access));
    }

    @Override
    public Table<Integer, Object> openAny(TableType type) {
        return Tables.create(TableOptions.<Integer>defaults().withType(type));
    }

    @Override
    public Table<Integer, Long> openOrdered(Comparator<Integer> order) {
        return Tables.create(TableOptions.<Integer>defaults().withType(TableType.ORDERED_SET)
                .withAccess(Access.PUBLIC).withComparator(order));
    }

    @Override
    public Optional<String> name() {
        return Optional.empty();
    }
}
