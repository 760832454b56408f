package io.islands.runtime.table;

/** {@link TableAccessContract} on the in-memory table. */
class TableAccessMatrixTest extends TableAccessContract {
    @Override
    protected TableFixture fixture() {
        return new MemoryTableFixture();
    }
}
