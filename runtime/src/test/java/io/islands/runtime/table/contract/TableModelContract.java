package io.islands.runtime.table.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.islands.runtime.table.Access;
import io.islands.runtime.table.KeyRange;
import io.islands.runtime.table.Row;
import io.islands.runtime.table.Table;
import io.islands.runtime.table.TableType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Model-based: long seeded random sequences of operations on a table and on a {@link TableModel},
 * compared after every step. The seed is printed and is in every assertion message; rerun one
 * with {@code -Dtables.seed=N}.
 */
public abstract class TableModelContract {
    /** @return how this run makes its tables */
    protected abstract TableFixture fixture();

    /** @return random steps per run */
    protected abstract int steps();

    static final int KEYS = 16;

    Actor owner;
    Table<Integer, Long> table;
    TableModel model;
    Random random;
    long seed;
    String step = "";

    @BeforeEach
    void setUp() {
        owner = Actor.start();
        seed = Long.getLong("tables.seed", System.nanoTime());
        random = new Random(seed);
    }

    @AfterEach
    void tearDown() {
        owner.kill(); // the owner's exit deletes or closes the table
    }

    @ParameterizedTest
    @EnumSource(TableType.class)
    void randomOperationsMatchTheModel(TableType type) {
        run(type, null);
    }

    protected void run(TableType type, Comparator<Integer> order) {
        System.out.println(getClass().getSimpleName() + " " + type + (order == null ? "" : " (comparator)")
                + " seed=" + seed + " (-Dtables.seed=" + seed + ")");
        table = owner.call(() -> order == null ? fixture().open(type, Access.PUBLIC) : fixture().openOrdered(order));
        model = new TableModel(type, order == null ? Comparator.naturalOrder() : order);
        for (int i = 0; i < steps(); i++) {
            step = "seed " + seed + " step " + i + ": ";
            randomStep();
            compare();
        }
        if (fixture().persistent()) {
            owner.run(table::close);
            table = owner.call(() -> fixture().open(type, Access.PUBLIC));
            step = "seed " + seed + " after reopening: ";
            compare();
        }
    }

    int key() {
        return random.nextInt(KEYS);
    }

    long value() {
        return random.nextInt(4);
    }

    List<Row<Integer, Long>> rows() {
        List<Row<Integer, Long>> rows = new ArrayList<>();
        for (int n = random.nextInt(5); n > 0; n--) {
            rows.add(Row.of(key(), value()));
        }
        return rows;
    }

    /** Asserts that the table and the model give the same answer (or throw the same kind). */
    <T> void same(String op, Supplier<T> onTable, Supplier<T> onModel) {
        step += op;
        Object[] got = new Object[1];
        Throwable tableError = catchThrowable(() -> got[0] = onTable.get());
        Object[] want = new Object[1];
        Throwable modelError = catchThrowable(() -> want[0] = onModel.get());
        if (modelError != null) {
            assertThat(tableError).as(step).isInstanceOf(modelError.getClass());
        } else {
            assertThat(tableError).as(step).isNull();
            assertThat(got[0]).as(step).isEqualTo(want[0]);
        }
    }

    void randomStep() {
        int k = key();
        long v = value();
        boolean bag = table.type().isBag();
        switch (random.nextInt(15)) {
            case 0, 1, 2 -> same("insert " + k + "," + v, () -> { table.insert(k, v); return null; },
                    () -> { model.insert(k, v); return null; });
            case 3 -> {
                List<Row<Integer, Long>> rows = rows();
                same("insertAll " + rows, () -> { table.insertAll(rows); return null; },
                        () -> { model.insertAll(rows); return null; });
            }
            case 4 -> same("insertNew " + k + "," + v, () -> table.insertNew(k, v),
                    () -> model.insertNewAll(List.of(Row.of(k, v))));
            case 5 -> {
                List<Row<Integer, Long>> rows = rows();
                same("insertNewAll " + rows, () -> table.insertNewAll(rows), () -> model.insertNewAll(rows));
            }
            case 6 -> same("delete " + k, () -> { table.delete(k); return null; }, () -> { model.take(k); return null; });
            case 7 -> same("deleteObject " + k + "," + v, () -> table.deleteObject(k, v), () -> model.deleteObject(k, v));
            case 8 -> same("take " + k, () -> table.take(k), () -> model.take(k));
            case 9 -> {
                long r = value();
                BiPredicate<Integer, Long> where = (kk, vv) -> (kk + vv) % 4 == r;
                same("selectDelete (k+v)%4==" + r, () -> table.selectDelete(where), () -> model.selectDelete(where));
            }
            case 10 -> {
                Long initial = random.nextBoolean() ? null : (long) random.nextInt(3);
                same("updateCounter " + k + " +" + v + " from " + initial,
                        () -> initial == null ? table.updateCounter(k, v) : table.updateCounter(k, v, initial),
                        () -> {
                            if (bag) {
                                throw new UnsupportedOperationException();
                            }
                            return model.updateCounter(k, v, initial);
                        });
            }
            case 11 -> same("compute " + k, () -> table.compute(k, (kk, cur) -> cur == null ? v : cur == 3 ? null : cur + 1),
                    () -> {
                        if (bag) {
                            throw new UnsupportedOperationException();
                        }
                        List<Long> cur = model.lookup(k);
                        Long next = cur.isEmpty() ? v : cur.get(0) == 3 ? null : cur.get(0) + 1;
                        model.take(k);
                        if (next != null) {
                            model.insert(k, next);
                        }
                        return next;
                    });
            case 12 -> {
                if (random.nextInt(20) == 0) {
                    same("deleteAll", () -> { table.deleteAll(); return null; }, () -> { model.map.clear(); return null; });
                } else {
                    same("lookup " + k, () -> table.lookup(k), () -> model.lookup(k));
                }
            }
            case 13 -> same("member " + k, () -> table.member(k), () -> model.map.containsKey(k));
            default -> traverse();
        }
    }

    /** first/next (and last/prev for ordered_set) against the model's keys. */
    void traverse() {
        step += "traversal";
        List<Integer> keys = new ArrayList<>();
        for (Optional<Integer> k = table.first(); k.isPresent(); k = table.next(k.get())) {
            keys.add(k.get());
        }
        if (table.type() == TableType.ORDERED_SET) {
            assertThat(keys).as(step).containsExactlyElementsOf(model.map.keySet());
            List<Integer> back = new ArrayList<>();
            for (Optional<Integer> k = table.last(); k.isPresent(); k = table.prev(k.get())) {
                back.add(0, k.get());
            }
            assertThat(back).as(step).isEqualTo(keys);
            if (!keys.isEmpty()) {
                List<Row<Integer, Long>> range = table.select(KeyRange.closed(keys.get(0), keys.get(keys.size() / 2)), (a, b) -> true);
                assertThat(range).as(step).isEqualTo(table.toList().subList(0, range.size()));
            }
        } else {
            assertThat(keys).as(step).doesNotHaveDuplicates();
            assertThat(new HashSet<>(keys)).as(step).isEqualTo(model.map.keySet());
        }
    }

    void compare() {
        List<Row<Integer, Long>> all = table.toList();
        assertThat(table.size()).as(step + " size").isEqualTo(model.size());
        if (table.type() == TableType.ORDERED_SET) {
            assertThat(all).as(step + " contents").isEqualTo(model.rows());
        } else {
            assertThat(TableModel.grouped(all)).as(step + " contents").isEqualTo(model.map);
        }
        if (random.nextInt(50) == 0) {
            assertThat(catchThrowable(() -> table.updateCounter(-1, 1)))
                    .as(step).isInstanceOf(table.type().isBag() ? UnsupportedOperationException.class : NoSuchElementException.class);
        }
    }
}
