package io.islands.runtime.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.islands.runtime.table.contract.Actor;
import io.islands.runtime.table.contract.TableModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Stress: many virtual threads on one public table, then the invariants: exact counters, no
 * lost batch rows, no half batch ever seen, all-or-nothing insertNewAll, bag rules, sizes.
 */
class TableConcurrencyTest {
    static final int THREADS = 16;

    Actor owner;

    @BeforeEach
    void setUp() {
        owner = Actor.start();
    }

    @AfterEach
    void tearDown() {
        owner.shutdownNow();
    }

    Table<Integer, Long> table(TableType type) {
        return owner.call(() -> Tables.create(TableOptions.<Integer>defaults().withType(type).withAccess(Access.PUBLIC)));
    }

    /** Runs {@code task(i)} for i in [0, n) on virtual threads; waits and rethrows any failure. */
    static <T> List<T> parallel(int n, java.util.function.IntFunction<T> task) throws Exception {
        List<T> out = new ArrayList<>();
        try (ExecutorService vts = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int id = i;
                futures.add(vts.submit(() -> task.apply(id)));
            }
            for (Future<T> f : futures) {
                out.add(f.get());
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(value = TableType.class, names = {"SET", "ORDERED_SET"})
    void countersAreExact(TableType type) throws Exception {
        Table<Integer, Long> t = table(type);
        int perThread = 3_000;
        parallel(THREADS, id -> {
            for (int i = 0; i < perThread; i++) {
                int key = i % 8;
                if (i % 3 == 0) {
                    t.compute(key, (k, v) -> v == null ? 1L : v + 1);
                } else {
                    t.updateCounter(key, 1, 0);
                }
            }
            return null;
        });
        long sum = t.fold(0L, (acc, r) -> acc + r.value());
        assertThat(sum).isEqualTo((long) THREADS * perThread);
        assertThat(t.size()).isEqualTo(8);
    }

    @ParameterizedTest
    @EnumSource(TableType.class)
    void batchesLoseNothing(TableType type) throws Exception {
        Table<Integer, Long> t = table(type);
        int batches = 150;
        int rows = 5;
        parallel(THREADS, id -> {
            for (int b = 0; b < batches; b++) {
                List<Row<Integer, Long>> batch = new ArrayList<>();
                for (int r = 0; r < rows; r++) {
                    batch.add(Row.of((id * batches + b) * rows + r, (long) id));
                }
                t.insertAll(batch);
                t.insert(-1 - id * batches - b, 0L); // single writes in between
            }
            return null;
        });
        long expected = (long) THREADS * batches * (rows + 1);
        assertThat(t.size()).isEqualTo(expected);
        assertThat(t.toList()).hasSize((int) expected);
        for (int k = 0; k < THREADS * batches * rows; k++) {
            assertThat(t.lookup(k)).as("key %d", k).containsExactly((long) (k / rows / batches));
        }
    }

    /**
     * One writer per group of 10 keys writes generation g to all of them in one batch, g rising.
     * A reader reading the keys in order must see non-decreasing generations: once it has seen
     * g on one key, batch g had committed, so every later read sees g or newer. A batch applied
     * key by key would let a reader see g, then g - 1.
     */
    @ParameterizedTest
    @EnumSource(TableType.class)
    void readersNeverSeeHalfABatch(TableType type) throws Exception {
        Table<Integer, Long> t = table(type);
        int groups = 2;
        int width = 10;
        AtomicBoolean done = new AtomicBoolean();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        parallel(groups + 4, id -> {
            if (id < groups) {
                for (long g = 0; g < 1_500; g++) {
                    List<Row<Integer, Long>> batch = new ArrayList<>();
                    for (int k = 0; k < width; k++) {
                        batch.add(Row.of(id * width + k, g));
                    }
                    t.insertAll(batch);
                }
                done.set(true);
            } else {
                while (!done.get()) {
                    int group = id % groups;
                    long last = -1;
                    for (int k = 0; k < width; k++) {
                        long g = t.lookup(group * width + k).stream().mapToLong(Long::longValue).max().orElse(-1);
                        if (g < last) {
                            violations.add("key " + (group * width + k) + " gen " + g + " after gen " + last);
                        }
                        last = g;
                    }
                }
            }
            return null;
        });
        assertThat(violations).isEmpty();
        assertThat(t.size()).isEqualTo(type.isBag() ? groups * width * 1_500L : groups * width);
    }

    @ParameterizedTest
    @EnumSource(value = TableType.class, names = {"BAG", "DUPLICATE_BAG"})
    void aBatchUnderOneKeyIsSeenWholeOrNotAtAll(TableType type) throws Exception {
        Table<Integer, Long> t = table(type);
        AtomicBoolean done = new AtomicBoolean();
        ConcurrentLinkedQueue<Integer> seen = new ConcurrentLinkedQueue<>();
        parallel(3, id -> {
            if (id == 0) {
                for (long b = 0; b < 1_000; b++) {
                    t.insertAll(List.of(Row.of(1, b * 5), Row.of(1, b * 5 + 1), Row.of(1, b * 5 + 2),
                            Row.of(1, b * 5 + 3), Row.of(1, b * 5 + 4)));
                }
                done.set(true);
            } else {
                while (!done.get()) {
                    int n = t.lookup(1).size();
                    if (n % 5 != 0) {
                        seen.add(n);
                    }
                }
            }
            return null;
        });
        assertThat(seen).as("sizes that are not a whole number of batches").isEmpty();
    }

    @Test
    void insertNewAllIsAllOrNothingUnderContention() throws Exception {
        Table<Integer, Long> t = table(TableType.SET);
        int keys = 24;
        List<Boolean> won = parallel(64, id -> t.insertNewAll(List.of(
                Row.of(id % keys, (long) id), Row.of((id + 5) % keys, (long) id), Row.of((id + 11) % keys, (long) id))));
        Map<Long, Integer> owned = new HashMap<>();
        t.toList().forEach(r -> owned.merge(r.value(), 1, Integer::sum));
        for (int id = 0; id < won.size(); id++) {
            assertThat(owned.getOrDefault((long) id, 0)).as("writer %d (won: %s)", id, won.get(id))
                    .isEqualTo(won.get(id) ? 3 : 0);
        }
        assertThat(won).contains(true);
    }

    @Test
    void bagRulesHoldUnderConcurrentInserts() throws Exception {
        Table<Integer, Long> bag = table(TableType.BAG);
        Table<Integer, Long> dup = table(TableType.DUPLICATE_BAG);
        parallel(THREADS, id -> {
            for (int k = 0; k < 20; k++) {
                for (long v = 0; v < 10; v++) {
                    bag.insert(k, v);
                    dup.insert(k, v);
                }
            }
            return null;
        });
        for (int k = 0; k < 20; k++) {
            assertThat(bag.lookup(k)).hasSize(10).doesNotHaveDuplicates();
            List<Long> all = dup.lookup(k);
            assertThat(all).hasSize(THREADS * 10);
            for (long v = 0; v < 10; v++) {
                assertThat(Collections.frequency(all, v)).isEqualTo(THREADS);
            }
        }
        assertThat(bag.size()).isEqualTo(200);
        assertThat(dup.size()).isEqualTo(THREADS * 200L);
    }

    /** Random mixed operations from many threads; afterwards sizes, bag rules and traversals agree. */
    @ParameterizedTest
    @EnumSource(TableType.class)
    void mixedOperationsKeepTheInvariants(TableType type) throws Exception {
        Table<Integer, Long> t = table(type);
        for (int k = 1_000; k < 1_050; k++) {
            t.insert(k, 7L); // stable keys nobody touches: every traversal must see each once
        }
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        parallel(THREADS, id -> {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            for (int i = 0; i < 2_000; i++) {
                int k = r.nextInt(64);
                long v = r.nextInt(4);
                switch (r.nextInt(10)) {
                    case 0, 1 -> t.insert(k, v);
                    case 2 -> t.insertAll(List.of(Row.of(k, v), Row.of(k + 1, v), Row.of((k * 7) % 64, v)));
                    case 3 -> t.insertNew(k, v);
                    case 4 -> t.delete(k);
                    case 5 -> t.deleteObject(k, v);
                    case 6 -> t.take(k);
                    case 7 -> t.selectDelete((kk, vv) -> kk < 64 && kk % 16 == k % 16 && vv == v);
                    case 8 -> t.lookup(k);
                    default -> {
                        if (id % 4 == 0) {
                            traverse(t, problems);
                        }
                    }
                }
            }
            return null;
        });
        List<Row<Integer, Long>> all = t.toList();
        assertThat(t.size()).isEqualTo(all.size());
        Map<Integer, List<Long>> byKey = TableModel.grouped(all);
        if (type == TableType.BAG) {
            byKey.forEach((k, vs) -> assertThat(vs).as("key %d", k).doesNotHaveDuplicates());
        }
        if (!type.isBag()) {
            byKey.forEach((k, vs) -> assertThat(vs).as("key %d", k).hasSize(1));
        }
        traverse(t, problems);
        assertThat(problems).isEmpty();
    }

    static void traverse(Table<Integer, Long> t, ConcurrentLinkedQueue<String> problems) {
        List<Integer> keys = new ArrayList<>();
        try {
            for (Optional<Integer> k = t.first(); k.isPresent(); k = t.next(k.get())) {
                keys.add(k.get());
            }
        } catch (IllegalArgumentException e) {
            // ETS's contract for unordered tables: next after a concurrently deleted key may fail
            // (badarg) unless the table is fixed. The traversal is abandoned; ordered_set never fails.
            if (t.type() == TableType.ORDERED_SET) {
                problems.add("ordered_set next failed: " + e.getMessage());
            }
            return;
        }
        Set<Integer> stable = new HashSet<>();
        for (int k : keys) {
            if (k >= 1_000 && !stable.add(k)) {
                problems.add("stable key " + k + " seen twice");
            }
        }
        if (stable.size() != 50) {
            problems.add("saw " + stable.size() + " of the 50 stable keys");
        }
    }
}
