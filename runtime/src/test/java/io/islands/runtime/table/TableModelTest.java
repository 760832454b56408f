package io.islands.runtime.table;

import io.islands.runtime.table.contract.TableFixture;
import io.islands.runtime.table.contract.TableModelContract;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

/** {@link TableModelContract} on the in-memory table, and an ordered_set with its own comparator. */
class TableModelTest extends TableModelContract {
    @Override
    protected TableFixture fixture() {
        return new MemoryTableFixture();
    }

    @Override
    protected int steps() {
        return 4_000;
    }

    @Test
    void orderedSetWithItsOwnComparator() {
        run(TableType.ORDERED_SET, Comparator.<Integer>reverseOrder());
    }
}
