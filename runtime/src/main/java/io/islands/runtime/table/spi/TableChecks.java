package io.islands.runtime.table.spi;

import io.islands.runtime.table.Table;

/** Checks of the {@link Table} contract that do not depend on how a table keeps its objects. */
public final class TableChecks {
    private TableChecks() {}

    /**
     * @param op the operation, for the message
     * @throws UnsupportedOperationException if {@code table} is a bag: {@code op} needs one object per key
     */
    public static void requireSetType(Table<?, ?> table, String op) {
        if (table.type().isBag()) {
            throw new UnsupportedOperationException(op + " needs a set or ordered_set, and " + table + " is a "
                    + table.type());
        }
    }
}
