package io.islands.runtime.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.islands.runtime.table.contract.TableFixture;
import io.islands.runtime.table.contract.TableOperationsContract;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link TableOperationsContract} on the in-memory table, and its check that values are immutable. */
class TableOperationsMatrixTest extends TableOperationsContract {
    @Override
    protected TableFixture fixture() {
        return new MemoryTableFixture();
    }

    @Test
    void mutableObjectsAreRejectedAndChangeNothing() {
        Table<Object, Object> any = own(() -> Tables.create(TableOptions.defaults().withType(type)));
        List<Object> mutable = List.of(new ArrayList<>(), new HashMap<>(), new HashSet<>(), new int[0],
                new StringBuilder(), new java.util.Date(), new java.util.concurrent.atomic.AtomicLong(),
                new ArrayList<>(List.of(1)).subList(0, 1), new java.util.TreeMap<>());
        for (Object m : mutable) {
            assertThatThrownBy(() -> ownRun(() -> any.insert(1, m)))
                    .as(m.getClass().getName()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("immutable");
            assertThatThrownBy(() -> ownRun(() -> any.insert(m, 1)))
                    .as(m.getClass().getName()).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ownRun(() -> any.insertAll(List.of(Row.of(2, 2), Row.of(3, m)))))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(own(any::toList)).isEmpty();
        record Point(int x, int y) {}
        List<Object> fine = List.of("s", 1L, List.of(1), Map.of(1, 2), Set.of(), new Point(1, 2),
                java.util.Collections.unmodifiableList(new ArrayList<>()), List.copyOf(new ArrayList<>(List.of(2))),
                Optional.of(1), java.time.Instant.EPOCH);
        for (int i = 0; i < fine.size(); i++) {
            Object ok = fine.get(i);
            int key = i;
            ownRun(() -> any.insert(key, ok));
        }
        assertThat(any.size()).isEqualTo(fine.size());
        assertThatThrownBy(() -> ownRun(() -> any.insert(null, 1))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ownRun(() -> any.insert(1, null))).isInstanceOf(NullPointerException.class);
    }
}
