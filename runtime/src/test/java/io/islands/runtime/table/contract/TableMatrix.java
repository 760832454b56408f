package io.islands.runtime.table.contract;

import io.islands.runtime.table.Access;
import io.islands.runtime.table.Row;
import io.islands.runtime.table.TableType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The configurations every matrix test runs in (4 types x 3 access levels, as Caffeine runs
 * each test across every cache configuration), the callers a test can act as, and helpers.
 */
final class TableMatrix {
    private TableMatrix() {}

    /** @return every (type, access) pair */
    static Stream<Arguments> configs() {
        List<Arguments> all = new ArrayList<>();
        for (TableType type : TableType.values()) {
            for (Access access : Access.values()) {
                all.add(Arguments.of(type, access));
            }
        }
        return all.stream();
    }

    /** Who performs an operation. */
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

    /** Runs {@code code} as {@code caller}: in the owner, in another process, or on this thread. */
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

    /** @return the rows of {@code table} in a canonical order: by key, then as the table lists them */
    static List<Row<Integer, Long>> sorted(List<Row<Integer, Long>> rows) {
        return rows.stream().sorted(Comparator.comparing(Row::key)).toList();
    }
}
