package io.islands.runtime.table;

import io.islands.runtime.Pid;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

/**
 * A term table: ETS's semantics in Java (otp-semantics §1.1, docs/tables.md). Objects are
 * (key, value) pairs, {@link Row}s; a table is one of four {@link TableType}s, has an
 * {@link Access} level, an owner process and maybe an heir and a name. {@link Tables#create}
 * makes an in-memory table; a durable disk table implements this interface too, with the same
 * contracts, where {@link #close()} keeps the contents on disk.
 *
 * <p><b>Keys and values</b> are non-null ({@link NullPointerException} otherwise) and must be
 * immutable: the table shares them with every reader, as ETS copies terms. Obvious mutable
 * objects are rejected with {@link IllegalArgumentException}: arrays, the JDK's mutable
 * collections and maps ({@code ArrayList}, {@code HashMap}, {@code HashSet}, ...),
 * {@code StringBuilder}, {@code Date}, atomics. Records, strings, boxed numbers and
 * {@code List.of}/{@code Map.of}/{@code Set.of}/{@code copyOf} collections are fine. The check
 * looks at the object itself, not inside it: a record holding an {@code ArrayList} is not caught.
 *
 * <p><b>Access</b>: "read" and "write" below refer to the {@link Access} matrix; a denied
 * access throws {@link TableAccessException} and changes nothing. Every operation on a deleted
 * table throws {@link TableDeletedException}, except {@link #isOpen()}, {@link #name()},
 * {@link #type()}, {@link #access()}, {@link #delete()} and {@link #close()}.
 *
 * <table>
 *   <caption>Contract: writes (access: write)</caption>
 *   <tr><th>operation</th><th>returns</th><th>set, ordered_set</th><th>bag, duplicate_bag</th><th>atomicity</th></tr>
 *   <tr><td>{@link #insert}</td><td>nothing</td><td>replaces the value under the key</td>
 *       <td>adds the value; a bag ignores a value equal to one already under the key</td><td>atomic</td></tr>
 *   <tr><td>{@link #insertAll}</td><td>nothing</td><td>as insert, row by row; when a key repeats, the last row wins</td>
 *       <td>as insert; same-key values keep list order</td><td>the whole batch atomic and isolated</td></tr>
 *   <tr><td>{@link #insertNew}, {@link #insertNewAll}</td><td>true if written; false, writing nothing, if any key is present</td>
 *       <td colspan="2">every key is checked first: all rows are written or none</td><td>the whole batch atomic and isolated</td></tr>
 *   <tr><td>{@link #delete(Object)}</td><td>nothing</td><td colspan="2">removes every object under the key</td><td>atomic</td></tr>
 *   <tr><td>{@link #deleteObject}</td><td>whether anything was removed</td><td>removes the key if its value equals</td>
 *       <td>removes the value; every equal copy in a duplicate_bag</td><td>atomic</td></tr>
 *   <tr><td>{@link #take}</td><td>the removed values (see lookup)</td><td colspan="2">removes every object under the key</td><td>atomic</td></tr>
 *   <tr><td>{@link #deleteAll}</td><td>nothing</td><td colspan="2">empties the table; it stays open</td><td>atomic and isolated</td></tr>
 *   <tr><td>{@link #selectDelete}</td><td>the number of objects removed</td><td colspan="2">removes each object the predicate accepts</td>
 *       <td>atomic per object, not as a whole (a traversal)</td></tr>
 *   <tr><td>{@link #updateCounter}</td><td>the new value</td><td>adds to a {@code Long} value; with a default, a missing
 *       key starts at it. {@link java.util.NoSuchElementException} for a missing key without default,
 *       {@link IllegalArgumentException} for a value that is not a {@code Long},
 *       {@link ArithmeticException} on overflow</td><td>{@link UnsupportedOperationException}</td><td>atomic</td></tr>
 *   <tr><td>{@link #compute}</td><td>the new value, or null if removed</td><td>as {@link java.util.Map#compute}</td>
 *       <td>{@link UnsupportedOperationException}</td><td>atomic</td></tr>
 * </table>
 *
 * <table>
 *   <caption>Contract: reads (access: read)</caption>
 *   <tr><th>operation</th><th>returns</th><th>order</th></tr>
 *   <tr><td>{@link #lookup}</td><td>the values under the key, an immutable list: 0 or 1 for a set type</td>
 *       <td>bags: insertion order</td></tr>
 *   <tr><td>{@link #get}</td><td>the value under the key; for a bag the oldest</td><td></td></tr>
 *   <tr><td>{@link #member}</td><td>whether the key has an object</td><td></td></tr>
 *   <tr><td>{@link #select(BiPredicate)}, {@link #toList}, {@link #fold}, {@link #stream}</td>
 *       <td>the objects the predicate accepts / all objects</td><td>ordered_set: key order; others unspecified,
 *       values under one key in insertion order</td></tr>
 *   <tr><td>{@link #select(KeyRange, BiPredicate)}</td><td>the objects in the key range the predicate accepts;
 *       visits only the range. {@link UnsupportedOperationException} unless ordered_set</td><td>key order</td></tr>
 *   <tr><td>{@link #first}, {@link #next}, {@link #last}, {@link #prev}</td><td>a key, or empty at the end</td>
 *       <td>see {@link #next}</td></tr>
 * </table>
 *
 * <table>
 *   <caption>Contract: ownership and lifecycle</caption>
 *   <tr><th>operation</th><th>who may</th><th>effect</th></tr>
 *   <tr><td>{@link #giveAway}</td><td>the owner</td><td>the target (alive, not the owner:
 *       {@link IllegalArgumentException} otherwise) becomes the owner and receives a {@link TableTransfer};
 *       the heir stays</td></tr>
 *   <tr><td>{@link #setHeir}, {@link #removeHeir}</td><td>the owner</td><td>sets who inherits when the owner exits</td></tr>
 *   <tr><td>{@link #delete()}, {@link #close()}</td><td>write access</td><td>deletes the table and frees its name;
 *       idempotent</td></tr>
 *   <tr><td>{@link #info()}, {@link #size()}, {@link #owner()}</td><td>anyone</td><td>reads the table's description</td></tr>
 * </table>
 *
 * <p><b>Concurrency</b> (ETS's guarantees, docs/tables.md): every operation on one key is atomic
 * and isolated; {@link #insertAll}, {@link #insertNew}, {@link #insertNewAll} and
 * {@link #deleteAll} are atomic and isolated as a whole: no read ever sees part of them. Reads
 * never wait for writers. Traversals ({@code select}, {@code selectDelete}, {@code fold},
 * {@code stream}, {@code toList}, {@code first/next}) are not snapshots: each object present for
 * the whole traversal is seen exactly once, and an object written or removed meanwhile may or
 * may not be seen, as in ETS, so a traversal may see part of a concurrent batch. The functions
 * a caller passes in ({@code compute}'s, the predicates) must be quick and side-effect free and
 * must not write this table: {@code compute}'s may run under a lock, or more than once on an
 * ordered_set.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface Table<K, V> extends AutoCloseable {

    // ---- description (no access check) -----------------------------------------------------

    /** @return the name the table was created with, if any; never fails */
    Optional<String> name();

    /** @return the table's type; never fails */
    TableType type();

    /** @return the table's access level; never fails */
    Access access();

    /** @return whether the table is still there (not deleted or closed); never fails */
    boolean isOpen();

    /** @return the owner now */
    Pid owner();

    /** @return the number of objects (a bag counts each value) */
    long size();

    /** @return type, access, owner, heir, name, size and approximate memory */
    TableInfo info();

    // ---- writes ----------------------------------------------------------------------------

    /** Inserts one object; see the contract table. Access: write. */
    void insert(K key, V value);

    /** Inserts a batch of objects, atomically and in isolation; see the contract table. Access: write. */
    void insertAll(Collection<Row<K, V>> rows);

    /** @return true if written, false (nothing written) if the key has an object. Access: write */
    boolean insertNew(K key, V value);

    /** @return true if every row was written, false (nothing written) if any key has an object. Access: write */
    boolean insertNewAll(Collection<Row<K, V>> rows);

    /** Removes every object under {@code key}. Access: write. */
    void delete(K key);

    /** @return whether the object was there and is now removed. Access: write */
    boolean deleteObject(K key, V value);

    /** @return the values that were under {@code key}, now removed, as {@link #lookup} gives them. Access: write */
    List<V> take(K key);

    /** Removes every object, atomically; the table stays open. Access: write. */
    void deleteAll();

    /** @return how many objects were removed: those {@code where} accepts, each atomically. Access: write */
    long selectDelete(BiPredicate<? super K, ? super V> where);

    /**
     * Adds {@code increment} to the {@code Long} value under {@code key}. Access: write. Set
     * types only.
     *
     * @return the new value
     * @throws java.util.NoSuchElementException if the key has no object
     */
    long updateCounter(K key, long increment);

    /**
     * Adds {@code increment} to the {@code Long} value under {@code key}, which starts at
     * {@code initial} when missing (ETS's {@code update_counter/4}). Access: write. Set types only.
     *
     * @return the new value
     */
    long updateCounter(K key, long increment, long initial);

    /**
     * Replaces the value under {@code key} by {@code remapping(key, current)}, atomically, as
     * {@link java.util.Map#compute}: current is null when missing, a null result removes the
     * key. Access: write. Set types only.
     *
     * @return the new value, or null if there is none
     */
    V compute(K key, BiFunction<? super K, ? super V, ? extends V> remapping);

    // ---- reads -----------------------------------------------------------------------------

    /** @return the values under {@code key}, an immutable list (bags: insertion order). Access: read */
    List<V> lookup(K key);

    /** @return the value under {@code key} (a bag's oldest). Access: read */
    Optional<V> get(K key);

    /** @return whether {@code key} has an object. Access: read */
    boolean member(K key);

    /** @return the objects {@code where} accepts (ordered_set: in key order). Access: read */
    List<Row<K, V>> select(BiPredicate<? super K, ? super V> where);

    /**
     * @return the objects in {@code range} that {@code where} accepts, in key order, visiting
     *     only the range. Access: read
     * @throws UnsupportedOperationException unless the table is an ordered_set
     */
    List<Row<K, V>> select(KeyRange<K> range, BiPredicate<? super K, ? super V> where);

    /** @return {@code f} applied to each object in turn, starting from {@code initial}. Access: read */
    <A> A fold(A initial, BiFunction<A, ? super Row<K, V>, A> f);

    /** @return a lazy stream of the objects (a traversal; see the class notes). Access: read, checked now */
    Stream<Row<K, V>> stream();

    /** @return every object (ETS's {@code tab2list}). Access: read */
    List<Row<K, V>> toList();

    /** @return the first key (ordered_set: the smallest), or empty if the table is empty. Access: read */
    Optional<K> first();

    /**
     * The key after {@code key}. Access: read.
     *
     * <p>ordered_set: the smallest key greater than {@code key}, whether or not {@code key} is in
     * the table, as ETS. Other types: keys come in an unspecified order; ETS fails here when
     * {@code key} is no longer in the table (unless it is fixed). This table keeps the position
     * of its last few traversals, so {@code next} from the key a traversal is at works even after
     * that key was deleted, and a traversal from {@link #first} to the end sees each key present
     * throughout exactly once.
     *
     * @return the next key, or empty at the end
     * @throws IllegalArgumentException (other types) if {@code key} is not in the table and no
     *     recent traversal is at it
     */
    Optional<K> next(K key);

    /** @return the last key (ordered_set: the greatest); for other types the same as {@link #first}. Access: read */
    Optional<K> last();

    /** @return the key before {@code key} (ordered_set); for other types the same as {@link #next}. Access: read */
    Optional<K> prev(K key);

    // ---- ownership -------------------------------------------------------------------------

    /**
     * Makes {@code to} the owner and sends it {@code TableTransfer(this, caller, data)}. The
     * heir setting stays. Only the owner may.
     *
     * @throws TableAccessException if the caller is not the owner
     * @throws IllegalArgumentException if {@code to} is the owner or is not alive
     */
    void giveAway(Pid to, Object data);

    /**
     * Sets the process that inherits the table when the owner exits, and the data sent with it.
     * An heir that is dead (or is the owner) when the owner exits counts as no heir. Only the
     * owner may. @throws TableAccessException if the caller is not the owner
     */
    void setHeir(Pid heir, Object data);

    /** Removes the heir: the table is deleted with its owner. Only the owner may. */
    void removeHeir();

    // ---- lifecycle -------------------------------------------------------------------------

    /** Deletes the table: its contents are gone and its name is free. Idempotent. Access: write. */
    void delete();

    /**
     * Ends this table's life here; for an in-memory table the same as {@link #delete()}. A disk
     * table closes its file and keeps the contents. Idempotent. Access: write.
     */
    @Override
    void close();
}
