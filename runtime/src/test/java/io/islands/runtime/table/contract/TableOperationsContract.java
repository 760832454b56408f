package io.islands.runtime.table.contract;

import static io.islands.runtime.table.contract.TableMatrix.sorted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.islands.runtime.table.Access;
import io.islands.runtime.table.KeyRange;
import io.islands.runtime.table.Row;
import io.islands.runtime.table.Table;
import io.islands.runtime.table.TableType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every operation returns and does, by table type, in every configuration; run as the owner.
 * A contract: each {@link Table} implementation runs it through a subclass giving its
 * {@link TableFixture} (the in-memory table here, the disk table in module storage).
 */
@ParameterizedClass(name = "{0} {1}")
@MethodSource("io.islands.runtime.table.contract.TableMatrix#configs")
public abstract class TableOperationsContract {
    /** @return how this run makes its tables */
    protected abstract TableFixture fixture();

    @Parameter(0)
    protected TableType type;

    @Parameter(1)
    Access access;

    Actor owner;
    Table<Integer, Long> table;

    @BeforeEach
    void setUp() {
        owner = Actor.start();
        table = owner.call(() -> fixture().open(type, access));
    }

    @AfterEach
    void tearDown() {
        owner.kill(); // the owner's exit deletes or closes the table
    }

    /** Runs {@code code} as the owner. */
    protected <T> T own(java.util.concurrent.Callable<T> code) {
        return owner.call(code);
    }

    /** Runs {@code code} as the owner, for its effect. */
    protected void ownRun(Runnable code) {
        owner.run(code);
    }

    boolean set() {
        return !type.isBag();
    }

    @Test
    void insertAndLookupFollowTheType() {
        ownRun(() -> {
            table.insert(1, 10L);
            table.insert(1, 11L);
            table.insert(1, 11L);
            table.insert(2, 20L);
        });
        List<Long> expected = switch (type) {
            case SET, ORDERED_SET -> List.of(11L);
            case BAG -> List.of(10L, 11L);
            case DUPLICATE_BAG -> List.of(10L, 11L, 11L);
        };
        assertThat(own(() -> table.lookup(1))).containsExactlyElementsOf(expected);
        assertThat(own(() -> table.get(1))).contains(expected.get(0));
        assertThat(own(() -> table.get(5))).isEmpty();
        assertThat(own(() -> table.lookup(5))).isEmpty();
        assertThat(own(() -> table.member(2))).isTrue();
        assertThat(own(() -> table.member(5))).isFalse();
        assertThat(table.size()).isEqualTo(expected.size() + 1);
        assertThatThrownBy(() -> own(() -> table.lookup(1)).add(3L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void insertAllWritesTheBatchInListOrder() {
        ownRun(() -> table.insertAll(List.of(Row.of(1, 10L), Row.of(2, 20L), Row.of(1, 12L), Row.of(1, 10L))));
        List<Long> expected = switch (type) {
            case SET, ORDERED_SET -> List.of(10L); // the last row for a key wins
            case BAG -> List.of(10L, 12L);
            case DUPLICATE_BAG -> List.of(10L, 12L, 10L);
        };
        assertThat(own(() -> table.lookup(1))).containsExactlyElementsOf(expected);
        assertThat(table.size()).isEqualTo(expected.size() + 1);
        ownRun(() -> table.insertAll(List.of()));
        assertThat(table.size()).isEqualTo(expected.size() + 1);
    }

    @Test
    void insertNewIsAllOrNothing() {
        assertThat(own(() -> table.insertNew(1, 10L))).isTrue();
        assertThat(own(() -> table.insertNew(1, 11L))).isFalse();
        assertThat(own(() -> table.insertNewAll(List.of(Row.of(2, 20L), Row.of(1, 12L))))).isFalse();
        assertThat(own(() -> table.member(2))).as("nothing of a refused batch is written").isFalse();
        assertThat(own(() -> table.insertNewAll(List.of(Row.of(2, 20L), Row.of(3, 30L))))).isTrue();
        assertThat(sorted(own(table::toList))).containsExactly(Row.of(1, 10L), Row.of(2, 20L), Row.of(3, 30L));
    }

    @Test
    void deletions() {
        ownRun(() -> table.insertAll(List.of(
                Row.of(1, 10L), Row.of(1, 11L), Row.of(1, 10L), Row.of(2, 20L), Row.of(3, 30L), Row.of(4, 40L))));
        ownRun(() -> table.delete(4));
        ownRun(() -> table.delete(99));
        assertThat(own(() -> table.member(4))).isFalse();
        assertThat(own(() -> table.deleteObject(2, 21L))).isFalse();
        assertThat(own(() -> table.deleteObject(2, 20L))).isTrue();
        assertThat(own(() -> table.member(2))).isFalse();
        // a set holds 1 -> 10; a bag 10, 11; a duplicate_bag 10, 11, 10: deleteObject drops every copy
        assertThat(own(() -> table.deleteObject(1, 10L))).isTrue();
        assertThat(own(() -> table.lookup(1))).containsExactlyElementsOf(set() ? List.of() : List.of(11L));
        assertThat(own(() -> table.take(3))).containsExactly(30L);
        assertThat(own(() -> table.take(3))).isEmpty();
        assertThat(table.size()).isEqualTo(set() ? 0 : 1);
        ownRun(() -> table.insertAll(List.of(Row.of(5, 50L), Row.of(6, 60L))));
        ownRun(table::deleteAll);
        assertThat(table.size()).isZero();
        assertThat(own(table::toList)).isEmpty();
        assertThat(table.isOpen()).isTrue();
    }

    @Test
    void selectDeleteRemovesWhatThePredicateAccepts() {
        ownRun(() -> table.insertAll(List.of(Row.of(1, 10L), Row.of(1, 11L), Row.of(2, 21L), Row.of(3, 30L))));
        long removed = own(() -> table.selectDelete((k, v) -> v % 2 == 1));
        assertThat(removed).isEqualTo(2);
        assertThat(sorted(own(table::toList)))
                .containsExactlyElementsOf(set() ? List.of(Row.of(3, 30L)) : List.of(Row.of(1, 10L), Row.of(3, 30L)));
        assertThat(table.size()).isEqualTo(set() ? 1 : 2);
    }

    @Test
    void countersAndComputeNeedASetType() {
        if (type.isBag()) {
            assertThatThrownBy(() -> own(() -> table.updateCounter(1, 1, 0))).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> own(() -> table.compute(1, (k, v) -> 1L))).isInstanceOf(UnsupportedOperationException.class);
            return;
        }
        assertThatThrownBy(() -> own(() -> table.updateCounter(1, 1))).isInstanceOf(NoSuchElementException.class);
        assertThat(own(() -> table.updateCounter(1, 5, 100))).isEqualTo(105);
        assertThat(own(() -> table.updateCounter(1, -6))).isEqualTo(99);
        assertThat(table.size()).isEqualTo(1);
        ownRun(() -> table.insert(2, Long.MAX_VALUE));
        assertThatThrownBy(() -> own(() -> table.updateCounter(2, 1))).isInstanceOf(ArithmeticException.class);
        assertThat(own(() -> table.lookup(2))).containsExactly(Long.MAX_VALUE);
        assertThat(own(() -> table.compute(3, (k, v) -> v == null ? 7L : v + 1))).isEqualTo(7L);
        assertThat(own(() -> table.compute(3, (k, v) -> v == null ? 7L : v + 1))).isEqualTo(8L);
        assertThat(own(() -> table.compute(3, (k, v) -> null))).isNull();
        assertThat(own(() -> table.member(3))).isFalse();
        assertThat(table.size()).isEqualTo(2);
        assertThatThrownBy(() -> own(() -> table.compute(1, (k, v) -> { throw new IllegalStateException("no"); })))
                .isInstanceOf(IllegalStateException.class);
        assertThat(own(() -> table.lookup(1))).containsExactly(99L);
    }

    @Test
    void counterOnANonLongValueFails() {
        if (set()) {
            Table<Integer, Object> any = own(() -> fixture().openAny(type));
            ownRun(() -> any.insert(1, "text"));
            assertThatThrownBy(() -> own(() -> any.updateCounter(1, 1))).isInstanceOf(IllegalArgumentException.class);
            assertThat(own(() -> any.lookup(1))).containsExactly("text");
        }
    }

    @Test
    void selectFoldStreamAndToListAgree() {
        ownRun(() -> table.insertAll(List.of(Row.of(3, 30L), Row.of(1, 10L), Row.of(2, 20L), Row.of(1, 11L))));
        List<Row<Integer, Long>> all = own(table::toList);
        if (type == TableType.ORDERED_SET) {
            assertThat(all).containsExactly(Row.of(1, 11L), Row.of(2, 20L), Row.of(3, 30L));
        } else if (type.isBag()) {
            assertThat(all.stream().filter(r -> r.key() == 1).map(Row::value)).containsExactly(10L, 11L);
        }
        assertThat(own(() -> table.stream().toList())).isEqualTo(all);
        assertThat(own(() -> table.fold(new ArrayList<Row<Integer, Long>>(), (acc, r) -> {
            acc.add(r);
            return acc;
        }))).isEqualTo(all);
        assertThat(own(() -> table.select((k, v) -> k >= 2))).isEqualTo(all.stream().filter(r -> r.key() >= 2).toList());
    }

    @Test
    void keyRangeSelectIsForOrderedSets() {
        ownRun(() -> {
            for (int k = 0; k < 20; k++) {
                table.insert(k, (long) k);
            }
        });
        if (type != TableType.ORDERED_SET) {
            assertThatThrownBy(() -> own(() -> table.select(KeyRange.closed(1, 3), (k, v) -> true)))
                    .isInstanceOf(UnsupportedOperationException.class);
            return;
        }
        assertThat(keys(own(() -> table.select(KeyRange.closed(3, 6), (k, v) -> true)))).containsExactly(3, 4, 5, 6);
        assertThat(keys(own(() -> table.select(KeyRange.closedOpen(3, 6), (k, v) -> k != 4)))).containsExactly(3, 5);
        assertThat(keys(own(() -> table.select(KeyRange.atLeast(18), (k, v) -> true)))).containsExactly(18, 19);
        assertThat(keys(own(() -> table.select(KeyRange.lessThan(2), (k, v) -> true)))).containsExactly(0, 1);
        assertThat(keys(own(() -> table.select(new KeyRange<>(5, false, 7, false), (k, v) -> true)))).containsExactly(6);
        assertThat(own(() -> table.select(KeyRange.closed(6, 3), (k, v) -> true))).isEmpty();
        assertThat(own(() -> table.select(KeyRange.all(), (k, v) -> true))).hasSize(20);
    }

    static List<Integer> keys(List<Row<Integer, Long>> rows) {
        return rows.stream().map(Row::key).toList();
    }

    @Test
    void traversalVisitsEveryKeyOnceEvenWhenDeletingTheCurrentKey() {
        ownRun(() -> {
            for (int k = 0; k < 50; k++) {
                table.insert(k, (long) k);
            }
        });
        List<Integer> seen = own(() -> {
            List<Integer> out = new ArrayList<>();
            for (Optional<Integer> k = table.first(); k.isPresent(); k = table.next(k.get())) {
                out.add(k.get());
                table.delete(k.get()); // next works from a deleted key
            }
            return out;
        });
        assertThat(seen).hasSize(50).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(rangeSet(50));
        if (type == TableType.ORDERED_SET) {
            assertThat(seen).isSorted();
        }
        assertThat(table.size()).isZero();
        assertThat(own(table::first)).isEmpty();
        assertThat(own(table::last)).isEmpty();
    }

    @Test
    void lastAndPrev() {
        ownRun(() -> {
            for (int k = 0; k < 10; k++) {
                table.insert(k, (long) k);
            }
        });
        List<Integer> backwards = own(() -> {
            List<Integer> out = new ArrayList<>();
            for (Optional<Integer> k = table.last(); k.isPresent(); k = table.prev(k.get())) {
                out.add(k.get());
            }
            return out;
        });
        assertThat(new HashSet<>(backwards)).isEqualTo(rangeSet(10));
        if (type == TableType.ORDERED_SET) {
            assertThat(backwards).containsExactly(9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
            assertThat(own(() -> table.next(100))).isEmpty();
            assertThat(own(() -> table.prev(100))).contains(9);
            assertThat(own(() -> table.next(-5))).contains(0);
        } else {
            assertThatThrownBy(() -> own(() -> table.next(100)))
                    .as("unordered next from a key never in the table").isInstanceOf(IllegalArgumentException.class);
        }
    }

    static Set<Integer> rangeSet(int n) {
        Set<Integer> s = new HashSet<>();
        for (int i = 0; i < n; i++) {
            s.add(i);
        }
        return s;
    }
}
