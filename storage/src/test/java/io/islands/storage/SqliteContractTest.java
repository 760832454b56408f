package io.islands.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.io.TempDir;

/** The contract on {@code sqlite:PATH}, durable mode. */
class SqliteContractTest extends StateStoreContract {
    @TempDir
    Path dir;

    private Path file;

    @Override
    String freshUrl() {
        file = dir.resolve("sub/dir/store.db"); // parent directories are created
        return "sqlite:" + file;
    }

    @Override
    void corrupt(String key, long revision, String text) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            Jdbc.update(c, "UPDATE states SET json = ? WHERE key = ? AND revision = ?", text, key, revision);
        }
    }
}
