package io.islands.storage.table;

import io.islands.runtime.table.contract.TableFixture;
import io.islands.runtime.table.contract.TableModelContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime's {@link TableModelContract} on the disk table, with one more comparison after
 * closing and reopening the file.
 */
class DiskTableModelTest extends TableModelContract {
    @TempDir
    Path dir;

    @Override
    protected TableFixture fixture() {
        return new DiskTableFixture(dir);
    }

    @Override
    protected int steps() {
        return 1_500;
    }
}
