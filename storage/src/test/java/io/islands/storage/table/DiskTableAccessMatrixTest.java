package io.islands.storage.table;

import io.islands.runtime.table.contract.TableAccessContract;
import io.islands.runtime.table.contract.TableFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The runtime's {@link TableAccessContract} on the disk table. */
class DiskTableAccessMatrixTest extends TableAccessContract {
    @TempDir
    Path dir;

    @Override
    protected TableFixture fixture() {
        return new DiskTableFixture(dir);
    }
}
