package io.islands.storage.table;

import io.islands.runtime.table.Access;
import io.islands.runtime.table.Row;
import io.islands.runtime.table.TableType;
import io.islands.storage.Durability;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The configurations the disk-table matrix tests run in (4 types x 3 access levels, as the
 * in-memory table's TableMatrix), the callers a test can act as, and helpers.
 */
final class DiskTableMatrix {
    private DiskTableMatrix() {}

    static Stream<Arguments> configs() {
        List<Arguments> all = new ArrayList<>();
        for (TableType type : TableType.values()) {
            for (Access access : Access.values()) {
                all.add(Arguments.of(type, access));
            }
        }
        return all.stream();
    }

    /** Integer keys (order-preserving), Long values; relaxed durability keeps the matrix fast (same semantics). */
    static DiskTableOptions<Integer, Long> options(TableType type, Access access) {
        return DiskTableOptions.of(Codec.integers(), Codec.longs()).withType(type).withAccess(access)
                .withDurability(Durability.RELAXED);
    }

    static DiskTable<Integer, Long> open(Path dir, TableType type, Access access) {
        return DiskTables.open(dir.resolve("tables.db"), "t", options(type, access));
    }

    enum Caller {
        OWNER,
        OTHER_PROCESS,
        OUTSIDE_ANY_PROCESS;

        boolean mayRead(Access access) {
            return this == OWNER || access != Access.PRIVATE;
        }

        boolean mayWrite(Access access) {
            return this == OWNER || access == Access.PUBLIC;
        }
    }

    static <T> T as(Caller caller, Actor owner, Actor other, Callable<T> code) {
        return switch (caller) {
            case OWNER -> owner.call(code);
            case OTHER_PROCESS -> other.call(code);
            case OUTSIDE_ANY_PROCESS -> {
                try {
                    yield code.call();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        };
    }

    static List<Row<Integer, Long>> sorted(List<Row<Integer, Long>> rows) {
        return rows.stream().sorted(Comparator.comparing(Row::key)).toList();
    }
}
