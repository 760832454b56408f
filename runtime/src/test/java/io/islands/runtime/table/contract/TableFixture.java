package io.islands.runtime.table.contract;

import io.islands.runtime.table.Access;
import io.islands.runtime.table.Table;
import io.islands.runtime.table.TableType;
import java.util.Comparator;
import java.util.Optional;

/**
 * How a {@link Table} implementation makes the tables that the table contracts
 * ({@link TableOperationsContract}, {@link TableAccessContract}, {@link TableModelContract}) run
 * against, as Caffeine runs one test suite across every cache configuration. Every method is
 * called inside the process that is to own the table. Shared with module storage through this
 * module's test jar.
 */
public interface TableFixture {
    /**
     * @return an open table of {@code type} and {@code access}, owned by the calling process; a
     *         persistent fixture reopens the same table on each call after the last one closed
     */
    Table<Integer, Long> open(TableType type, Access access);

    /** @return an open protected table of {@code type} holding any immutable value */
    Table<Integer, Object> openAny(TableType type);

    /**
     * @return an open public ordered_set table kept in {@code order}
     * @throws UnsupportedOperationException when the implementation takes no comparator
     */
    default Table<Integer, Long> openOrdered(Comparator<Integer> order) {
        throw new UnsupportedOperationException("no comparator for " + getClass().getSimpleName());
    }

    /** @return the name {@link TableInfo#name()} reports for tables made by {@link #open} */
    Optional<String> name();

    /** @return true when a closed table can be opened again with its rows (a disk table) */
    default boolean persistent() {
        return false;
    }
}
