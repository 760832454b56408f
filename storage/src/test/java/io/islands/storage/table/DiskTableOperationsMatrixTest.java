package io.islands.storage.table;

import io.islands.runtime.table.contract.TableOperationsContract;
import io.islands.runtime.table.contract.TableFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The runtime's {@link TableOperationsContract} on the disk table. */
class DiskTableOperationsMatrixTest extends TableOperationsContract {
    @TempDir
    Path dir;

    @Override
    protected TableFixture fixture() {
        return new DiskTableFixture(dir);
    }
}
