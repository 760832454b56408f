package io.islands.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.islands.runtime.checkpoint.Saved;
import io.islands.runtime.checkpoint.StoreException;
import io.islands.storage.internal.SqliteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a SQLite store does when its file is locked, full, read-only or not a database. */
class SqliteFaultsTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("store.db");
    }

    private CloseableStateStore<TestState> open(SqliteOptions options) {
        return new EncodedStateStore<>(new SqliteStore(options, 3), TestCodec.INSTANCE, 3);
    }

    private static Saved<TestState> v(long revision) {
        return new Saved<>(revision, TestState.of("p", (int) revision));
    }

    @Test
    void aLockedDatabaseFailsTheWriteClearlyAndWorksWhenReleased() throws Exception {
        try (var store = open(SqliteOptions.defaults(file()).withBusyTimeout(Duration.ofMillis(200)))) {
            store.save("g", v(1));
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file());
                    Statement s = other.createStatement()) {
                s.execute("BEGIN EXCLUSIVE");
                s.execute("DELETE FROM states WHERE key = 'nothing'");
                assertThatThrownBy(() -> store.save("g", v(2)))
                        .isInstanceOf(StoreException.class)
                        .hasMessageContaining("save g revision 2")
                        .hasMessageContaining("locked by another connection")
                        .hasMessageContaining("200 ms");
                assertThat(store.versions("g")).containsExactly(v(1)); // readers are not blocked in WAL mode
                s.execute("ROLLBACK");
            }
            store.save("g", v(2));
            assertThat(store.newest("g")).contains(v(2));
        }
    }

    /** @return whether the save was acknowledged; a refusal must say the store is full */
    private static boolean trySave(CloseableStateStore<TestState> store, String key) {
        try {
            store.save(key, new Saved<>(1, TestState.sized(key, 1, 2000)));
            return true;
        } catch (StoreException e) {
            assertThat(e).hasMessageContaining("save " + key + " revision 1").hasMessageContaining("full");
            return false;
        }
    }

    @Test
    void aFullDiskFailsWholeBatchesAndNothingIsHalfWritten() throws Exception {
        long pages;
        try (var store = open(SqliteOptions.defaults(file()))) {
            store.save("seed", v(1));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA page_count")) {
            pages = rs.getLong(1);
        }
        try (var store = open(SqliteOptions.defaults(file()).withMaxPageCount(pages + 40))) {
            List<Future<Boolean>> results = new ArrayList<>();
            // k0 alone first, a batch of its own that fits: if the other 199 all land in one batch, it
            // fails whole, and without k0 nothing would have fit (the test then failed on a busy machine)
            results.add(java.util.concurrent.CompletableFuture.completedFuture(trySave(store, "k0")));
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int k = 1; k < 200; k++) {
                    String key = "k" + k;
                    results.add(pool.submit(() -> trySave(store, key)));
                }
            }
            List<String> acknowledged = new ArrayList<>();
            for (int k = 0; k < 200; k++) {
                if (results.get(k).get()) {
                    acknowledged.add("k" + k);
                }
            }
            assertThat(acknowledged.size()).as("some fit, not all").isBetween(1, 199);
            List<String> stored = new ArrayList<>(store.keys());
            stored.remove("seed");
            assertThat(stored).containsExactlyInAnyOrderElementsOf(acknowledged);
            // room again: writes work
            for (String key : acknowledged) {
                store.delete(key);
            }
            store.save("k0", new Saved<>(1, TestState.sized("k0", 1, 2000)));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            assertThat(rs.getString(1)).isEqualTo("ok");
        }
    }

    @Test
    void aReadOnlyFileFailsClearlyAndWorksWhenWritableAgain() throws Exception {
        try (var store = open(SqliteOptions.defaults(file()))) {
            store.save("g", v(1));
        }
        ReadOnly readOnly = ReadOnly.make(file());
        try {
            try (var store = open(SqliteOptions.defaults(file()))) {
                assertThat(store.versions("g")).containsExactly(v(1)); // still readable
                assertThatThrownBy(() -> store.save("g", v(2)))
                        .isInstanceOf(StoreException.class)
                        .hasMessageContaining("save g revision 2").hasMessageContaining("read-only");
                assertThat(store.versions("g")).containsExactly(v(1));
                readOnly.undo();
                store.save("g", v(2)); // the same store writes again once the file is writable
                assertThat(store.versions("g")).containsExactly(v(2), v(1));
            }
        } finally {
            readOnly.undo();
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsReportedAtOpen() throws IOException {
        Files.writeString(file(), "this is not a database, it is a text file that is long enough".repeat(100));
        assertThatThrownBy(() -> open(SqliteOptions.defaults(file())))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file().toString())
                .hasMessageContaining("not a SQLite database");
    }

    @Test
    void aStoreWithANewerSchemaIsRefused() throws Exception {
        try (var store = open(SqliteOptions.defaults(file()))) {
            store.save("g", v(1));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file())) {
            Jdbc.update(c, "INSERT INTO schema_version (version, description) VALUES (99, 'from the future')");
        }
        assertThatThrownBy(() -> open(SqliteOptions.defaults(file())))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version 99").hasMessageContaining("newer");
    }

    /** Makes a file read-only for this process: permissions, or for root (who ignores them) the immutable flag. */
    record ReadOnly(Path file, boolean immutable) {
        static ReadOnly make(Path file) throws Exception {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
            if (!Files.isWritable(file)) {
                return new ReadOnly(file, false);
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            boolean done = run("chattr", "+i", file.toString());
            assumeTrue(done, "running as root without chattr: cannot make a file read-only");
            return new ReadOnly(file, true);
        }

        void undo() throws Exception {
            if (immutable) {
                run("chattr", "-i", file.toString());
            } else {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }

        private static boolean run(String... command) throws Exception {
            try {
                return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor() == 0;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
