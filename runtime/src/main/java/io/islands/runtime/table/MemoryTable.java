package io.islands.runtime.table;

import io.islands.runtime.Pid;
import io.islands.runtime.table.spi.TableChecks;
import io.islands.runtime.table.spi.TableOwnership;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The in-memory {@link Table}: access checks, the write gate and the lifecycle around a
 * {@link Store}. The contracts are on {@link Table}; the design is in docs/tables.md.
 *
 * <p>Fields and who owns them: {@link #store} is volatile, read lock-free by every operation
 * and replaced only under {@link #lifecycle} (by {@code deleteAll}, holding the gate
 * exclusively, and by {@link #destroy}, which sets it to null for good). {@link #gate} orders
 * writers (shared) against batches and {@code deleteAll} (exclusive); readers never touch it.
 * Owner and heir live in {@link TableOwnership}. Everything else is final.
 */
final class MemoryTable<K, V> implements Table<K, V> {
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final TableType type;
    private final Access access;
    private final String name;
    private final WriteGate gate = new WriteGate();
    private final Object lifecycle = new Object();
    private final TableOwnership ownership;
    private volatile Store store;

    MemoryTable(TableOptions<K> options, Pid owner) {
        this.type = options.type();
        this.access = options.access();
        this.name = options.name();
        this.store = new Store(type, options.comparator());
        this.ownership = new TableOwnership(this, access, owner, options.heir(), options.heirData(), this::destroy);
    }

    TableOwnership ownership() {
        return ownership;
    }

    // ---- access ----------------------------------------------------------------------------

    private Store live(String op) {
        Store s = store;
        if (s == null) {
            throw new TableDeletedException(op + ": " + this + " was deleted");
        }
        return s;
    }

    /** @return the store, after checking read access */
    private Store readable(String op) {
        Store s = live(op);
        ownership.checkRead(op);
        return s;
    }

    private void checkWritable(String op) {
        live(op);
        ownership.checkWrite(op);
    }

    /** @return the store, if this is a set type (checked after access, as every type check) */
    private Store requireSetType(String op) {
        TableChecks.requireSetType(this, op);
        return live(op);
    }

    /** Runs a single-key write in the gate's shared mode. */
    private <R> R write(String op, Function<Store, R> body) {
        checkWritable(op);
        int ticket = gate.enter();
        try {
            return body.apply(live(op));
        } finally {
            gate.exit(ticket);
        }
    }

    /** Runs a whole-table write in the gate's exclusive mode. */
    private <R> R writeExclusive(String op, Function<Store, R> body) {
        checkWritable(op);
        gate.lockExclusive();
        try {
            return body.apply(live(op));
        } finally {
            gate.unlockExclusive();
        }
    }

    // ---- description -----------------------------------------------------------------------

    @Override
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    @Override
    public TableType type() {
        return type;
    }

    @Override
    public Access access() {
        return access;
    }

    @Override
    public boolean isOpen() {
        return store != null;
    }

    @Override
    public Pid owner() {
        live("owner");
        return ownership.owner();
    }

    @Override
    public long size() {
        return live("size").objects.sum();
    }

    @Override
    public TableInfo info() {
        Store s = live("info");
        return new TableInfo(name(), type, access, ownership.owner(), ownership.heir(), s.objects.sum(), s.memory());
    }

    // ---- writes ----------------------------------------------------------------------------

    @Override
    public void insert(K key, V value) {
        Immutability.checkObject(key, value);
        checkWritable("insert");
        int ticket = gate.enter();
        try {
            live("insert").insert(key, value);
        } finally {
            gate.exit(ticket);
        }
    }

    @Override
    public void insertAll(Collection<Row<K, V>> rows) {
        batch("insertAll", rows, false);
    }

    @Override
    public boolean insertNew(K key, V value) {
        Immutability.checkObject(key, value);
        return write("insertNew", s -> s.insertNew(key, value));
    }

    @Override
    public boolean insertNewAll(Collection<Row<K, V>> rows) {
        return batch("insertNewAll", rows, true);
    }

    private boolean batch(String op, Collection<Row<K, V>> rows, boolean onlyNew) {
        Object[] all = rows.toArray();
        Object[] keys = new Object[all.length];
        Object[] values = new Object[all.length];
        for (int i = 0; i < all.length; i++) {
            Row<?, ?> row = (Row<?, ?>) Objects.requireNonNull(all[i], "row");
            Immutability.checkObject(keys[i] = row.key(), values[i] = row.value());
        }
        return writeExclusive(op, s -> s.writeBatch(keys, values, onlyNew));
    }

    @Override
    public void delete(K key) {
        Objects.requireNonNull(key, "key");
        write("delete", s -> s.remove(key));
    }

    @Override
    public boolean deleteObject(K key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return write("deleteObject", s -> s.removeObject(key, value));
    }

    @Override
    public List<V> take(K key) {
        Objects.requireNonNull(key, "key");
        return Store.values(write("take", s -> s.remove(key)));
    }

    @Override
    public void deleteAll() {
        writeExclusive("deleteAll", s -> {
            synchronized (lifecycle) {
                if (store == s) {
                    store = s.emptyCopy(type);
                }
            }
            return null;
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public long selectDelete(BiPredicate<? super K, ? super V> where) {
        Objects.requireNonNull(where, "where");
        checkWritable("selectDelete");
        Store s = live("selectDelete");
        return s.selectDelete((k, v) -> where.test((K) k, (V) v), gate);
    }

    @Override
    public long updateCounter(K key, long increment) {
        Objects.requireNonNull(key, "key");
        return write("updateCounter", s -> requireSetType("updateCounter").updateCounter(key, increment, null));
    }

    @Override
    public long updateCounter(K key, long increment, long initial) {
        Immutability.check(key, "key");
        return write("updateCounter", s -> requireSetType("updateCounter").updateCounter(key, increment, initial));
    }

    @Override
    @SuppressWarnings("unchecked")
    public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remapping) {
        Immutability.check(key, "key");
        Objects.requireNonNull(remapping, "remapping");
        return (V) write("compute", s -> requireSetType("compute").compute(key, (k, cur) -> {
            V next = remapping.apply((K) k, (V) cur);
            if (next != null) {
                Immutability.check(next, "value");
            }
            return next;
        }));
    }

    // ---- reads -----------------------------------------------------------------------------

    @Override
    public List<V> lookup(K key) {
        return Store.values(readable("lookup").get(key));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<V> get(K key) {
        Object stored = readable("get").get(key);
        return Optional.ofNullable((V) (stored instanceof Bag b ? b.get(0) : stored));
    }

    @Override
    public boolean member(K key) {
        return readable("member").get(key) != null;
    }

    @Override
    public List<Row<K, V>> select(BiPredicate<? super K, ? super V> where) {
        Objects.requireNonNull(where, "where");
        return Store.<K, V>rows(readable("select").map).filter(r -> where.test(r.key(), r.value())).toList();
    }

    @Override
    public List<Row<K, V>> select(KeyRange<K> range, BiPredicate<? super K, ? super V> where) {
        Objects.requireNonNull(where, "where");
        Store s = readable("select");
        if (s.ordered == null) {
            throw new UnsupportedOperationException("a key-range select needs an ordered_set, and " + this + " is a " + type);
        }
        Map<Object, Object> part = Ranges.of(s.ordered, range);
        return Store.<K, V>rows(part).filter(r -> where.test(r.key(), r.value())).toList();
    }

    @Override
    public <A> A fold(A initial, BiFunction<A, ? super Row<K, V>, A> f) {
        Objects.requireNonNull(f, "f");
        A acc = initial;
        for (Row<K, V> row : (Iterable<Row<K, V>>) stream()::iterator) {
            acc = f.apply(acc, row);
        }
        return acc;
    }

    @Override
    public Stream<Row<K, V>> stream() {
        return Store.rows(readable("stream").map);
    }

    @Override
    public List<Row<K, V>> toList() {
        return stream().toList();
    }

    @Override
    public Optional<K> first() {
        return step("first", null, true);
    }

    @Override
    public Optional<K> next(K key) {
        return step("next", Objects.requireNonNull(key, "key"), true);
    }

    @Override
    public Optional<K> last() {
        return step("last", null, false);
    }

    @Override
    public Optional<K> prev(K key) {
        return step("prev", Objects.requireNonNull(key, "key"), false);
    }

    /** One traversal step from {@code from} (null: from the start or the end) in direction {@code up}. */
    private Optional<K> step(String op, K from, boolean up) {
        Store s = readable(op);
        if (s.ordered == null) { // unordered: last/prev are first/next, as in ETS
            return key(from == null ? s.cursors.first() : s.cursors.next(from));
        }
        return key(from == null ? Ranges.first(s.ordered, up) : Ranges.after(s.ordered, from, up));
    }

    @SuppressWarnings("unchecked")
    private Optional<K> key(Object k) {
        return Optional.ofNullable((K) k);
    }

    // ---- ownership -------------------------------------------------------------------------

    @Override
    public void giveAway(Pid to, Object data) {
        ownerOnly("giveAway", "give away", to).giveAway(to, data);
    }

    @Override
    public void setHeir(Pid heir, Object data) {
        ownerOnly("setHeir", "set the heir of", heir).setHeir(heir, data);
    }

    @Override
    public void removeHeir() {
        ownerOnly("removeHeir", "remove the heir of", this).setHeir(null, null);
    }

    /** Checks that the table is open and the caller owns it. @return the ownership to change */
    private TableOwnership ownerOnly(String op, String what, Object argument) {
        Objects.requireNonNull(argument, op);
        live(op);
        ownership.requireOwner(op, what);
        return ownership;
    }

    // ---- lifecycle -------------------------------------------------------------------------

    @Override
    public void delete() {
        if (store == null) {
            return;
        }
        if (access != Access.PUBLIC) {
            ownership.requireOwner("delete", "delete");
        }
        destroy();
    }

    @Override
    public void close() {
        delete();
    }

    /** Deletes the table, whoever asks (its owner's exit hook too). Idempotent. */
    void destroy() {
        synchronized (lifecycle) {
            if (store == null) {
                return;
            }
            store = null;
        }
        Tables.forget(this, name);
        ownership.detach();
    }

    @Override
    public String toString() {
        return "table " + (name != null ? name : "#" + id) + " (" + type.name().toLowerCase() + ")";
    }
}
