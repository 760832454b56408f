package io.islands.runtime.table.contract;

import static io.islands.runtime.table.contract.TableMatrix.as;
import static io.islands.runtime.table.contract.TableMatrix.sorted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.islands.runtime.table.Access;
import io.islands.runtime.table.KeyRange;
import io.islands.runtime.table.Row;
import io.islands.runtime.table.Table;
import io.islands.runtime.table.TableAccessException;
import io.islands.runtime.table.TableDeletedException;
import io.islands.runtime.table.TableInfo;
import io.islands.runtime.table.TableTransfer;
import io.islands.runtime.table.TableType;
import io.islands.runtime.table.contract.TableMatrix.Caller;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation from every kind of caller, in every configuration: allowed ones run, denied
 * ones throw {@link TableAccessException} and change nothing.
 */
@ParameterizedClass(name = "{0} {1}")
@MethodSource("io.islands.runtime.table.contract.TableMatrix#configs")
public abstract class TableAccessContract {
    /** @return how this run makes its tables */
    protected abstract TableFixture fixture();

    @Parameter(0)
    TableType type;

    @Parameter(1)
    Access access;

    Actor owner;
    Actor other;
    Table<Integer, Long> table;

    /** What an operation needs: read, write, or to be the owner whatever the access. */
    enum Needs {
        READ,
        WRITE,
        OWNER
    }

    record Op(String name, Needs needs, Predicate<TableType> supported, Consumer<Table<Integer, Long>> action) {
        static Op of(String name, Needs needs, Consumer<Table<Integer, Long>> action) {
            return new Op(name, needs, t -> true, action);
        }
    }

    static final List<Op> OPS = List.of(
            Op.of("lookup", Needs.READ, t -> t.lookup(1)),
            Op.of("get", Needs.READ, t -> t.get(1)),
            Op.of("member", Needs.READ, t -> t.member(1)),
            Op.of("select", Needs.READ, t -> t.select((k, v) -> true)),
            new Op("selectRange", Needs.READ, ty -> ty == TableType.ORDERED_SET,
                    t -> t.select(KeyRange.closed(1, 2), (k, v) -> true)),
            Op.of("fold", Needs.READ, t -> t.fold(0, (n, r) -> n + 1)),
            Op.of("stream", Needs.READ, t -> t.stream().count()),
            Op.of("toList", Needs.READ, Table::toList),
            Op.of("first", Needs.READ, Table::first),
            Op.of("next", Needs.READ, t -> t.next(1)),
            Op.of("last", Needs.READ, Table::last),
            Op.of("prev", Needs.READ, t -> t.prev(2)),
            Op.of("insert", Needs.WRITE, t -> t.insert(9, 90L)),
            Op.of("insertAll", Needs.WRITE, t -> t.insertAll(List.of(Row.of(8, 80L), Row.of(9, 90L)))),
            Op.of("insertNew", Needs.WRITE, t -> t.insertNew(9, 90L)),
            Op.of("insertNewAll", Needs.WRITE, t -> t.insertNewAll(List.of(Row.of(9, 90L)))),
            Op.of("delete", Needs.WRITE, t -> t.delete(1)),
            Op.of("deleteObject", Needs.WRITE, t -> t.deleteObject(1, 10L)),
            Op.of("take", Needs.WRITE, t -> t.take(1)),
            Op.of("deleteAll", Needs.WRITE, Table::deleteAll),
            Op.of("selectDelete", Needs.WRITE, t -> t.selectDelete((k, v) -> true)),
            new Op("updateCounter", Needs.WRITE, ty -> !ty.isBag(), t -> t.updateCounter(1, 1)),
            new Op("updateCounterDefault", Needs.WRITE, ty -> !ty.isBag(), t -> t.updateCounter(7, 1, 0)),
            new Op("compute", Needs.WRITE, ty -> !ty.isBag(), t -> t.compute(1, (k, v) -> v == null ? 1L : v + 1)),
            Op.of("setHeir", Needs.OWNER, t -> t.setHeir(t.owner(), "data")),
            Op.of("removeHeir", Needs.OWNER, Table::removeHeir),
            Op.of("delete table", Needs.WRITE, Table::delete));

    @BeforeEach
    void setUp() {
        owner = Actor.start();
        other = Actor.start();
        table = owner.call(() -> fixture().open(type, access));
    }

    @AfterEach
    void tearDown() {
        owner.kill(); // the owner's exit deletes or closes the table
        other.kill();
    }

    void refill() {
        owner.run(() -> {
            if (!table.isOpen()) {
                table = fixture().open(type, access);
            }
            table.deleteAll();
            table.insertAll(List.of(Row.of(1, 10L), Row.of(1, 11L), Row.of(2, 20L), Row.of(3, 30L)));
        });
    }

    boolean allowed(Caller caller, Needs needs) {
        return switch (needs) {
            case READ -> caller.mayRead(access);
            case WRITE -> caller.mayWrite(access);
            case OWNER -> caller == Caller.OWNER;
        };
    }

    @ParameterizedTest
    @EnumSource(Caller.class)
    void everyOperationIsAllowedOrDeniedByTheMatrix(Caller caller) {
        for (Op op : OPS) {
            refill();
            List<Row<Integer, Long>> before = sorted(owner.call(table::toList));
            Throwable thrown = catchThrowable(() -> as(caller, owner, other, () -> {
                op.action().accept(table);
                return null;
            }));
            String what = op.name() + " by " + caller + " on " + access + " " + type;
            if (!allowed(caller, op.needs())) {
                assertThat(thrown).as(what).isInstanceOf(TableAccessException.class);
                assertThat(table.isOpen()).as(what).isTrue();
                assertThat(sorted(owner.call(table::toList))).as(what + " changed nothing").isEqualTo(before);
            } else if (!op.supported().test(type)) {
                assertThat(thrown).as(what).isInstanceOf(UnsupportedOperationException.class);
            } else {
                assertThat(thrown).as(what).isNull();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Caller.class)
    void descriptionNeedsNoAccess(Caller caller) {
        refill();
        TableInfo info = as(caller, owner, other, table::info);
        assertThat(info.type()).isEqualTo(type);
        assertThat(info.access()).isEqualTo(access);
        assertThat(info.owner()).isEqualTo(owner.pid);
        assertThat(info.name()).isEqualTo(fixture().name());
        assertThat(info.size()).isEqualTo(type == TableType.SET || type == TableType.ORDERED_SET ? 3 : 4);
        assertThat(info.memory()).isPositive();
        assertThat(as(caller, owner, other, table::size)).isEqualTo(info.size());
        assertThat(as(caller, owner, other, table::owner)).isEqualTo(owner.pid);
    }

    @ParameterizedTest
    @EnumSource(Caller.class)
    void giveAwayIsForTheOwnerOnly(Caller caller) {
        Throwable thrown = catchThrowable(() -> as(caller, owner, other, () -> {
            table.giveAway(other.pid, "gift");
            return null;
        }));
        if (caller == Caller.OWNER) {
            assertThat(thrown).isNull();
            assertThat(other.next()).isEqualTo(new TableTransfer(table, owner.pid, "gift"));
            assertThat(table.owner()).isEqualTo(other.pid);
        } else {
            assertThat(thrown).isInstanceOf(TableAccessException.class);
            assertThat(table.owner()).isEqualTo(owner.pid);
        }
    }

    @ParameterizedTest
    @EnumSource(Caller.class)
    void aDeletedTableRefusesEverythingButItsDescription(Caller caller) {
        owner.run(table::delete);
        for (Op op : OPS) {
            if (!op.name().equals("delete table")) {
                assertThatThrownBy(() -> as(caller, owner, other, () -> {
                    op.action().accept(table);
                    return null;
                })).as(op.name()).isInstanceOf(TableDeletedException.class);
            }
        }
        assertThatThrownBy(table::info).isInstanceOf(TableDeletedException.class);
        assertThatThrownBy(table::size).isInstanceOf(TableDeletedException.class);
        assertThat(table.isOpen()).isFalse();
        assertThat(table.type()).isEqualTo(type);
        assertThat(table.access()).isEqualTo(access);
        as(caller, owner, other, () -> {
            table.close(); // idempotent, whoever calls
            return null;
        });
    }
}
