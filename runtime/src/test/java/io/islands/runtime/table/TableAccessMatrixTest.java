package io.islands.runtime.table;

import io.islands.runtime.table.contract.TableAccessContract;
import io.islands.runtime.table.contract.TableFixture;

/** {@link TableAccessContract} on the in-memory table. */
class TableAccessMatrixTest extends TableAccessContract {
    @Override
    protected TableFixture fixture() {
        return new MemoryTableFixture();
    }
}
