package io.islands.runtime.table;

import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates in-memory term tables and finds named ones (ETS's {@code new/2}, {@code whereis/1},
 * {@code all/0}).
 *
 * <table>
 *   <caption>Contract</caption>
 *   <tr><th>operation</th><th>returns</th><th>errors</th></tr>
 *   <tr><td>{@link #create(TableOptions)}</td><td>a new table owned by the calling process</td>
 *       <td>{@link TableNameTakenException} if the name is taken; {@link IllegalStateException} outside a
 *       process (a table needs an owner)</td></tr>
 *   <tr><td>{@link #whereis}</td><td>the open table with that name, if any</td><td>none</td></tr>
 *   <tr><td>{@link #all}</td><td>the open tables now, named or not</td><td>none</td></tr>
 * </table>
 *
 * A name is freed when its table is deleted (by a call, or with its owner), and can be taken
 * again at once. Tables are never garbage-collected: each lives until deleted.
 *
 * <p>Fields: {@code NAMED} and {@code ALL} are concurrent collections that any thread reads and
 * writes; a name is claimed with one {@code putIfAbsent} and released with a conditional remove.
 */
public final class Tables {
    private static final ConcurrentHashMap<String, MemoryTable<?, ?>> NAMED = new ConcurrentHashMap<>();
    private static final Set<MemoryTable<?, ?>> ALL = ConcurrentHashMap.newKeySet();

    private Tables() {}

    /** @return a new protected, unnamed set owned by the caller */
    public static <K, V> Table<K, V> create() {
        return create(TableOptions.defaults());
    }

    /** @return a new protected, unnamed table of {@code type} owned by the caller */
    public static <K, V> Table<K, V> create(TableType type) {
        return create(TableOptions.<K>defaults().withType(type));
    }

    /** @return a new table with {@code options}, owned by the calling process; see the contract */
    public static <K, V> Table<K, V> create(TableOptions<K> options) {
        Pid owner = Proc.current().orElseThrow(() ->
                new IllegalStateException("a table needs an owner process: create it inside a process"));
        MemoryTable<K, V> table = new MemoryTable<>(options, owner);
        String name = options.name();
        if (name != null && NAMED.putIfAbsent(name, table) != null) {
            throw new TableNameTakenException("a table named " + name + " exists already");
        }
        ALL.add(table);
        if (!table.ownership().attach()) {
            table.destroy();
            throw new IllegalStateException("the creating process " + owner + " is exiting");
        }
        return table;
    }

    /**
     * @return the open table named {@code name}. The key and value types are the caller's
     *     claim, unchecked, as with any heterogeneous registry
     */
    @SuppressWarnings("unchecked")
    public static <K, V> Optional<Table<K, V>> whereis(String name) {
        MemoryTable<?, ?> t = NAMED.get(name);
        return t == null || !t.isOpen() ? Optional.empty() : Optional.of((Table<K, V>) t);
    }

    /** @return the open tables now, in no particular order */
    public static List<Table<?, ?>> all() {
        return List.copyOf(ALL);
    }

    /** Frees the name and entry of a deleted table. */
    static void forget(MemoryTable<?, ?> table, String name) {
        if (name != null) {
            NAMED.remove(name, table);
        }
        ALL.remove(table);
    }
}
