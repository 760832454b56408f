package io.islands.storage.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.islands.runtime.table.Access;
import io.islands.runtime.table.KeyRange;
import io.islands.runtime.table.Row;
import io.islands.runtime.table.TableDeletedException;
import io.islands.runtime.table.TableType;
import io.islands.storage.Durability;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What is particular to disk tables: durability, reopening, group commit, sharing, codecs. */
class DiskTableTest {
    @TempDir
    Path dir;

    static DiskTableOptions<Long, String> durable(TableType type) {
        return DiskTableOptions.of(Codec.longs(), Codec.strings()).withType(type).withAccess(Access.PUBLIC);
    }

    @ParameterizedTest
    @EnumSource(TableType.class)
    void reopeningAfterCloseKeepsEveryAcknowledgedWrite(TableType type) {
        Path file = dir.resolve("d.db");
        List<Row<Long, String>> expected;
        try (DiskTable<Long, String> t = DiskTables.open(file, "t", durable(type))) {
            t.insertAll(List.of(Row.of(-5L, "a"), Row.of(3L, "b"), Row.of(Long.MIN_VALUE, "min"), Row.of(3L, "c")));
            t.insert(Long.MAX_VALUE, "max");
            t.delete(-5L);
            t.insertNew(7L, "n");
            expected = t.toList();
            assertThat(expected).isNotEmpty();
        }
        try (DiskTable<Long, String> t = DiskTables.open(file, "t", durable(type))) {
            assertThat(t.toList()).isEqualTo(expected);
            assertThat(t.size()).isEqualTo(expected.size());
            if (type == TableType.ORDERED_SET) {
                assertThat(t.toList().stream().map(Row::key)).containsExactly(Long.MIN_VALUE, 3L, 7L, Long.MAX_VALUE);
                assertThat(t.first()).contains(Long.MIN_VALUE);
                assertThat(t.last()).contains(Long.MAX_VALUE);
            }
        }
    }

    @Test
    void concurrentDurableWritersShareCommits() throws Exception {
        try (DiskTable<Long, String> t = DiskTables.open(dir.resolve("g.db"), "g", durable(TableType.SET))) {
            long before = t.commits();
            int writers = 64;
            int each = 20;
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    long base = w * 1000L;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < each; i++) {
                            t.insert(base + i, "v" + i);
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
            long commits = t.commits() - before;
            assertThat(t.size()).isEqualTo(writers * each);
            assertThat(commits).as("commits for %d writes", writers * each).isLessThan(writers * each / 4);
        }
    }

    @Test
    void countersAndComputeAreAtomicUnderConcurrentWriters() throws Exception {
        var options = DiskTableOptions.of(Codec.strings(), Codec.longs()).withAccess(Access.PUBLIC)
                .withDurability(Durability.RELAXED);
        try (DiskTable<String, Long> t = DiskTables.open(dir.resolve("c.db"), "c", options);
                var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 32; w++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        t.updateCounter("n", 1, 0);
                        t.compute("m", (k, v) -> v == null ? 1L : v + 1);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            assertThat(t.get("n")).contains(800L);
            assertThat(t.get("m")).contains(800L);
        }
    }

    @Test
    void anAcknowledgedDurableWriteIsInTheFileBeforeClose() throws Exception {
        Path file = dir.resolve("a.db");
        try (DiskTable<Long, String> t = DiskTables.open(file, "a", durable(TableType.SET))) {
            t.insert(1L, "one");
            try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
                    var rs = c.createStatement().executeQuery("SELECT count(*) FROM t_a")) {
                rs.next();
                assertThat(rs.getLong(1)).as("another connection sees the committed write").isEqualTo(1);
            }
        }
    }

    @Test
    void openingAgainSharesTheTableUntilTheLastClose() {
        Path file = dir.resolve("s.db");
        DiskTable<Long, String> a = DiskTables.open(file, "s", durable(TableType.SET));
        DiskTable<Long, String> b = DiskTables.open(file, "s", durable(TableType.SET));
        assertThat(b).isSameAs(a);
        a.insert(1L, "one");
        assertThat(b.get(1L)).contains("one");
        a.close();
        assertThat(b.isOpen()).isTrue();
        b.close();
        assertThat(a.isOpen()).isFalse();
        assertThatThrownBy(() -> a.get(1L)).isInstanceOf(TableDeletedException.class);
        assertThatThrownBy(() -> DiskTables.open(file, "s", durable(TableType.BAG)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SET");
    }

    @Test
    void severalTablesInOneFileAndDeleteDropsOne() {
        Path file = dir.resolve("m.db");
        DiskTable<Long, String> x = DiskTables.open(file, "x", durable(TableType.SET));
        DiskTable<Long, String> y = DiskTables.open(file, "y \"quoted\"", durable(TableType.DUPLICATE_BAG));
        x.insert(1L, "x");
        y.insert(1L, "y");
        y.insert(1L, "y");
        assertThat(x.lookup(1L)).containsExactly("x");
        assertThat(y.lookup(1L)).containsExactly("y", "y");
        assertThat(x.info().memory()).isPositive();
        x.delete();
        assertThat(x.isOpen()).isFalse();
        y.close();
        try (DiskTable<Long, String> x2 = DiskTables.open(file, "x", durable(TableType.BAG));
                DiskTable<Long, String> y2 = DiskTables.open(file, "y \"quoted\"", durable(TableType.DUPLICATE_BAG))) {
            assertThat(x2.size()).as("deleted, so new").isZero();
            assertThat(y2.lookup(1L)).containsExactly("y", "y");
        }
    }

    @Test
    void stringKeysOrderAnOrderedSetAndJsonValuesRoundTrip() {
        record Point(int x, List<String> tags) {}
        var options = DiskTableOptions.of(Codec.strings(), Codec.json(Point.class)).withType(TableType.ORDERED_SET)
                .withDurability(Durability.RELAXED);
        try (DiskTable<String, Point> t = DiskTables.open(dir.resolve("j.db"), "j", options)) {
            t.insertAll(List.of(Row.of("b", new Point(2, List.of("x"))), Row.of("a", new Point(1, List.of())),
                    Row.of("ab", new Point(3, List.of("y", "z")))));
            assertThat(t.toList().stream().map(Row::key)).containsExactly("a", "ab", "b");
            assertThat(t.get("ab")).contains(new Point(3, List.of("y", "z")));
            assertThat(t.select(KeyRange.closedOpen("a", "b"), (k, v) -> true)).hasSize(2);
            assertThat(t.next("aa")).contains("ab");
            assertThat(t.prev("b")).contains("ab");
            assertThat(t.deleteObject("b", new Point(2, List.of("x")))).isTrue();
        }
        assertThatThrownBy(() -> DiskTableOptions.of(Codec.json(Map.class), Codec.strings()).withType(TableType.ORDERED_SET))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("order-preserving");
    }

    @Test
    void traversalsSpanManyPages() {
        try (DiskTable<Long, String> t = DiskTables.open(dir.resolve("p.db"), "p", durable(TableType.BAG))) {
            List<Row<Long, String>> rows = new ArrayList<>();
            for (long i = 0; i < 700; i++) {
                rows.add(Row.of(i % 7, "v" + i));
            }
            t.insertAll(rows);
            assertThat(t.toList()).hasSize(700).doesNotHaveDuplicates();
            assertThat(t.stream().count()).isEqualTo(700);
            assertThat(t.lookup(3L).get(0)).isEqualTo("v3");
            assertThat(t.selectDelete((k, v) -> k == 3)).isEqualTo(100);
            assertThat(t.size()).isEqualTo(600);
            Optional<Long> k = t.first();
            int keys = 0;
            for (; k.isPresent(); k = t.next(k.get())) {
                keys++;
            }
            assertThat(keys).isEqualTo(6);
        }
    }
}
