package io.islands.storage.table;

import io.islands.runtime.Pid;
import io.islands.runtime.table.Access;
import io.islands.runtime.table.KeyRange;
import io.islands.runtime.table.Row;
import io.islands.runtime.table.Table;
import io.islands.runtime.table.TableDeletedException;
import io.islands.runtime.table.TableInfo;
import io.islands.runtime.table.TableType;
import io.islands.runtime.table.spi.TableChecks;
import io.islands.runtime.table.spi.TableOwnership;
import io.islands.storage.internal.SqliteReaders;
import io.islands.storage.internal.SqliteWriter;
import io.islands.storage.internal.StatementCache;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A term table in a SQLite file ({@link DiskTables#open}): the {@link Table} contract, with
 * the contents kept by {@link #close()}. One SQLite table {@code (k BLOB, seq INTEGER, v BLOB)}
 * per disk table: keys and values through the options' codecs, a unique index on {@code k} for
 * the set types, an index on {@code (k, seq)} for bags ({@code seq} keeps insertion order).
 *
 * <p>Every write goes through the file's writer ({@link SqliteWriter}, the one the state stores
 * write through), each in a savepoint of a group commit: atomic and isolated, batches included;
 * in durable mode it returns once fsynced. {@code updateCounter} and {@code compute} read and write inside the writer's transaction, so
 * they are atomic; {@code compute}'s function runs on the writer thread. Reads use read
 * connections and see the last commit. Traversals read pages of 256 objects in key order (for
 * every type: the order of the encoded keys), so each object present throughout is seen once.
 *
 * <p>Differences from the in-memory table: keys and values are copied through the codecs (as
 * DETS copies terms), so mutable objects are not refused, and equality is equality of
 * encodings. {@link #info()}'s memory is the size of the file and its WAL, shared by every table
 * in the file. An owner exiting without heir closes the table (its contents stay on disk);
 * owner, heir and the access checks are the runtime's ({@link TableOwnership}), as for the
 * in-memory tables.
 */
public final class DiskTable<K, V> implements Table<K, V> {
    private static final int PAGE = 256;
    private static final int RECENT_POSITIONS = 64;

    private record Raw(byte[] k, long seq, byte[] v) {}

    private final TableFile file;
    private final String name;
    private final DiskTableOptions<K, V> options;
    private final TableType type;
    private final Access access;
    private final Codec<K> keys;
    private final Codec<V> values;
    private final String t; // the SQLite table, quoted
    private final TableOwnership ownership;
    private final Map<ByteBuffer, Boolean> positions = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Boolean> e) {
                    return size() > RECENT_POSITIONS;
                }
            });
    private volatile boolean open = true;
    private int openers = 1; // guarded by DiskTables.class

    private DiskTable(TableFile file, String name, DiskTableOptions<K, V> options, Pid owner) {
        this.file = file;
        this.name = name;
        this.options = options;
        this.type = options.type();
        this.access = options.access();
        this.keys = options.keyCodec();
        this.values = options.valueCodec();
        this.t = "\"t_" + name.replace("\"", "\"\"") + "\"";
        this.ownership = new TableOwnership(this, access, owner, null, null, this::closeForGood);
    }

    static <K, V> DiskTable<K, V> open(TableFile file, String name, DiskTableOptions<K, V> options) {
        Pid me = TableOwnership.caller();
        DiskTable<K, V> table = new DiskTable<>(file, name, options, me);
        table.createSchema();
        if (me != Pid.EXTERNAL && !table.ownership.attach()) {
            throw new IllegalStateException("the opening process " + me + " is exiting");
        }
        return table;
    }

    private void createSchema() {
        String idx = "\"i_" + name.replace("\"", "\"\"") + "\"";
        file.writer.submitInSavepoint("open " + name, st -> {
            try (ResultSet rs = st.bound("SELECT type FROM islands_disk_tables WHERE name = ?", name).executeQuery()) {
                if (rs.next()) {
                    if (!rs.getString(1).equals(type.name())) {
                        throw new IllegalArgumentException(name + " in " + file.path + " is a " + rs.getString(1)
                                + ", not a " + type);
                    }
                    return null;
                }
            }
            st.bound("INSERT INTO islands_disk_tables (name, type) VALUES (?, ?)", name, type.name()).executeUpdate();
            st.execute("CREATE TABLE " + t + " (seq INTEGER PRIMARY KEY, k BLOB NOT NULL, v BLOB NOT NULL)");
            st.execute(type.isBag()
                    ? "CREATE INDEX " + idx + " ON " + t + " (k, seq)"
                    : "CREATE UNIQUE INDEX " + idx + " ON " + t + " (k)");
            return null;
        });
    }

    DiskTableOptions<K, V> options() {
        return options;
    }

    void addOpener() {
        openers++;
    }

    @Override
    public String toString() {
        return "disk table " + name + " (" + file.path + ")";
    }

    // ---- checks ----------------------------------------------------------------------------

    private void live(String op) {
        if (!open) {
            throw new TableDeletedException(op + ": " + this + " is closed");
        }
    }

    private void readable(String op) {
        live(op);
        ownership.checkRead(op);
    }

    private void writable(String op) {
        live(op);
        ownership.checkWrite(op);
    }

    private byte[] k(K key) {
        return keys.encode(Objects.requireNonNull(key, "key"));
    }

    private byte[] v(V value) {
        return values.encode(Objects.requireNonNull(value, "value"));
    }

    private <T> T write(String op, SqliteWriter.Work<T> work) {
        return file.writer.submitInSavepoint(op + " on " + name, work);
    }

    private <T> T read(String op, SqliteReaders.Read<T> r) {
        return file.readers.read(op + " on " + name, r);
    }

    // ---- description -----------------------------------------------------------------------

    @Override
    public Optional<String> name() {
        return Optional.of(name);
    }

    @Override
    public TableType type() {
        return options.type();
    }

    @Override
    public Access access() {
        return options.access();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public long size() {
        live("size");
        return read("size", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + t); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public TableInfo info() {
        long n = size();
        return new TableInfo(Optional.of(name), type, access, ownership.owner(), ownership.heir(), n, file.fileSize());
    }

    /** @return the owner: {@link Pid#EXTERNAL} for a table opened outside any process and not given away */
    @Override
    public Pid owner() {
        live("owner");
        return ownership.owner();
    }

    /** @return how many transactions the file's writer has committed (for tests: group commit) */
    public long commits() {
        return file.writer.commits();
    }

    // ---- writes ----------------------------------------------------------------------------

    private void insertIn(StatementCache st, byte[] k, byte[] v) throws SQLException {
        switch (type) {
            case SET, ORDERED_SET -> st.bound("INSERT INTO " + t + " (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v",
                    k, v).executeUpdate();
            case BAG -> st.bound("INSERT INTO " + t + " (k, v) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM " + t
                    + " WHERE k = ? AND v = ?)", k, v, k, v).executeUpdate();
            case DUPLICATE_BAG -> st.bound("INSERT INTO " + t + " (k, v) VALUES (?, ?)", k, v).executeUpdate();
        }
    }

    private static boolean exists(StatementCache st, String sql, Object... args) throws SQLException {
        try (ResultSet rs = st.bound(sql, args).executeQuery()) {
            return rs.next();
        }
    }

    private List<byte[][]> encode(Collection<Row<K, V>> rows) {
        List<byte[][]> out = new ArrayList<>(rows.size());
        for (Row<K, V> r : rows) {
            Objects.requireNonNull(r, "row");
            out.add(new byte[][] {k(r.key()), v(r.value())});
        }
        return out;
    }

    @Override
    public void insert(K key, V value) {
        writable("insert");
        byte[] k = k(key);
        byte[] v = v(value);
        write("insert", st -> {
            insertIn(st, k, v);
            return null;
        });
    }

    @Override
    public void insertAll(Collection<Row<K, V>> rows) {
        writable("insertAll");
        List<byte[][]> enc = encode(rows);
        if (enc.isEmpty()) {
            return;
        }
        write("insertAll", st -> {
            for (byte[][] r : enc) {
                insertIn(st, r[0], r[1]);
            }
            return null;
        });
    }

    @Override
    public boolean insertNew(K key, V value) {
        return insertNewAll(List.of(Row.of(key, value)));
    }

    @Override
    public boolean insertNewAll(Collection<Row<K, V>> rows) {
        writable("insertNewAll");
        List<byte[][]> enc = encode(rows);
        if (enc.isEmpty()) {
            return true;
        }
        return write("insertNewAll", st -> {
            for (byte[][] r : enc) {
                if (exists(st, "SELECT 1 FROM " + t + " WHERE k = ? LIMIT 1", r[0])) {
                    return false;
                }
            }
            for (byte[][] r : enc) {
                insertIn(st, r[0], r[1]);
            }
            return true;
        });
    }

    @Override
    public void delete(K key) {
        writable("delete");
        byte[] k = k(key);
        write("delete", st -> st.bound("DELETE FROM " + t + " WHERE k = ?", k).executeUpdate());
    }

    @Override
    public boolean deleteObject(K key, V value) {
        writable("deleteObject");
        byte[] k = k(key);
        byte[] v = v(value);
        return write("deleteObject", st -> st.bound("DELETE FROM " + t + " WHERE k = ? AND v = ?", k, v).executeUpdate() > 0);
    }

    @Override
    public List<V> take(K key) {
        writable("take");
        byte[] k = k(key);
        List<byte[]> raw = write("take", st -> {
            List<byte[]> vs = valuesIn(st.bound("SELECT v FROM " + t + " WHERE k = ? ORDER BY seq", k));
            if (!vs.isEmpty()) {
                st.bound("DELETE FROM " + t + " WHERE k = ?", k).executeUpdate();
            }
            return vs;
        });
        return decodeValues(raw);
    }

    @Override
    public void deleteAll() {
        writable("deleteAll");
        write("deleteAll", st -> st.bound("DELETE FROM " + t).executeUpdate());
    }

    @Override
    public long selectDelete(BiPredicate<? super K, ? super V> where) {
        writable("selectDelete");
        Objects.requireNonNull(where, "where");
        long removed = 0;
        Raw after = null;
        while (true) {
            Raw from = after;
            record Step(long removed, Raw last) {}
            Step s = write("selectDelete", st -> {
                List<Raw> page = pageIn(st.bound(pageSql(from, ""), pageArgs(from, List.of())));
                long n = 0;
                for (Raw r : page) {
                    if (where.test(keys.decode(r.k()), values.decode(r.v()))) {
                        n += st.bound("DELETE FROM " + t + " WHERE seq = ?", r.seq()).executeUpdate();
                    }
                }
                return new Step(n, page.size() < PAGE ? null : page.get(page.size() - 1));
            });
            removed += s.removed();
            if (s.last() == null) {
                return removed;
            }
            after = s.last();
        }
    }

    @Override
    public long updateCounter(K key, long increment) {
        return counter("updateCounter", key, increment, null);
    }

    @Override
    public long updateCounter(K key, long increment, long initial) {
        return counter("updateCounter", key, increment, initial);
    }

    @SuppressWarnings("unchecked")
    private long counter(String op, K key, long increment, Long initial) {
        writable(op);
        TableChecks.requireSetType(this, op);
        byte[] k = k(key);
        return write(op, st -> {
            List<byte[]> cur = valuesIn(st.bound("SELECT v FROM " + t + " WHERE k = ?", k));
            long base;
            if (cur.isEmpty()) {
                if (initial == null) {
                    throw new NoSuchElementException(op + ": no object under " + key + " in " + this);
                }
                base = initial;
            } else if (values.decode(cur.get(0)) instanceof Long l) {
                base = l;
            } else {
                throw new IllegalArgumentException(op + ": the value under " + key + " in " + this + " is not a Long");
            }
            long next = Math.addExact(base, increment);
            byte[] v;
            try {
                v = values.encode((V) Long.valueOf(next));
            } catch (ClassCastException e) {
                throw new IllegalArgumentException(op + ": " + this + "'s value codec does not take a Long", e);
            }
            insertIn(st, k, v);
            return next;
        });
    }

    @Override
    public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remapping) {
        writable("compute");
        TableChecks.requireSetType(this, "compute");
        Objects.requireNonNull(remapping, "remapping");
        byte[] k = k(key);
        return write("compute", st -> {
            List<byte[]> cur = valuesIn(st.bound("SELECT v FROM " + t + " WHERE k = ?", k));
            V next = remapping.apply(key, cur.isEmpty() ? null : values.decode(cur.get(0)));
            if (next == null) {
                st.bound("DELETE FROM " + t + " WHERE k = ?", k).executeUpdate();
            } else {
                insertIn(st, k, values.encode(next));
            }
            return next;
        });
    }

    // ---- reads -----------------------------------------------------------------------------

    private static List<byte[]> valuesIn(PreparedStatement ps) throws SQLException {
        List<byte[]> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getBytes(1));
            }
        }
        return out;
    }

    private List<V> decodeValues(List<byte[]> raw) {
        List<V> out = new ArrayList<>(raw.size());
        for (byte[] b : raw) {
            out.add(values.decode(b));
        }
        return Collections.unmodifiableList(out);
    }

    private List<byte[]> readValues(String op, byte[] k, int limit) {
        return read(op, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT v FROM " + t + " WHERE k = ? ORDER BY seq LIMIT ?")) {
                ps.setBytes(1, k);
                ps.setInt(2, limit);
                return valuesIn(ps);
            }
        });
    }

    @Override
    public List<V> lookup(K key) {
        readable("lookup");
        return decodeValues(readValues("lookup", k(key), Integer.MAX_VALUE));
    }

    @Override
    public Optional<V> get(K key) {
        readable("get");
        List<byte[]> one = readValues("get", k(key), 1);
        return one.isEmpty() ? Optional.empty() : Optional.of(values.decode(one.get(0)));
    }

    @Override
    public boolean member(K key) {
        readable("member");
        return !readValues("member", k(key), 1).isEmpty();
    }

    /** @return the SQL of the page after {@code after}, in (k, seq) order, with {@code extra} conditions */
    private String pageSql(Raw after, String extra) {
        String cond = after == null ? "1" : type.isBag() ? "(k, seq) > (?, ?)" : "k > ?";
        return "SELECT k, seq, v FROM " + t + " WHERE " + cond + extra + " ORDER BY k, seq LIMIT " + PAGE;
    }

    private Object[] pageArgs(Raw after, List<byte[]> extra) {
        List<Object> args = new ArrayList<>();
        if (after != null) {
            args.add(after.k());
            if (type.isBag()) {
                args.add(after.seq());
            }
        }
        args.addAll(extra);
        return args.toArray();
    }

    private static List<Raw> pageIn(PreparedStatement ps) throws SQLException {
        List<Raw> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Raw(rs.getBytes(1), rs.getLong(2), rs.getBytes(3)));
            }
        }
        return out;
    }

    /** A traversal in pages: each page one read, so no read connection is held between pages. */
    private Iterator<Row<K, V>> traversal(String op, String extra, List<byte[]> extraArgs) {
        return new Iterator<>() {
            List<Raw> page = List.of();
            int i;
            boolean done;

            @Override
            public boolean hasNext() {
                if (i < page.size()) {
                    return true;
                }
                if (done) {
                    return false;
                }
                Raw after = page.isEmpty() ? null : page.get(page.size() - 1);
                if (!open) {
                    throw new TableDeletedException(op + ": " + DiskTable.this + " is closed");
                }
                page = read(op, c -> {
                    try (PreparedStatement ps = c.prepareStatement(pageSql(after, extra))) {
                        Object[] args = pageArgs(after, extraArgs);
                        for (int a = 0; a < args.length; a++) {
                            ps.setObject(a + 1, args[a]);
                        }
                        return pageIn(ps);
                    }
                });
                i = 0;
                done = page.size() < PAGE;
                return !page.isEmpty();
            }

            @Override
            public Row<K, V> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Raw r = page.get(i++);
                return Row.of(keys.decode(r.k()), values.decode(r.v()));
            }
        };
    }

    @Override
    public List<Row<K, V>> select(BiPredicate<? super K, ? super V> where) {
        readable("select");
        Objects.requireNonNull(where, "where");
        List<Row<K, V>> out = new ArrayList<>();
        traversal("select", "", List.of()).forEachRemaining(r -> {
            if (where.test(r.key(), r.value())) {
                out.add(r);
            }
        });
        return Collections.unmodifiableList(out);
    }

    @Override
    public List<Row<K, V>> select(KeyRange<K> range, BiPredicate<? super K, ? super V> where) {
        readable("select");
        if (type != TableType.ORDERED_SET) {
            throw new UnsupportedOperationException("a key-range select needs an ordered_set, and " + this + " is a " + type);
        }
        Objects.requireNonNull(where, "where");
        StringBuilder extra = new StringBuilder();
        List<byte[]> args = new ArrayList<>();
        if (range.low() != null) {
            extra.append(range.lowInclusive() ? " AND k >= ?" : " AND k > ?");
            args.add(k(range.low()));
        }
        if (range.high() != null) {
            extra.append(range.highInclusive() ? " AND k <= ?" : " AND k < ?");
            args.add(k(range.high()));
        }
        List<Row<K, V>> out = new ArrayList<>();
        traversal("select", extra.toString(), args).forEachRemaining(r -> {
            if (where.test(r.key(), r.value())) {
                out.add(r);
            }
        });
        return Collections.unmodifiableList(out);
    }

    @Override
    public <A> A fold(A initial, BiFunction<A, ? super Row<K, V>, A> f) {
        readable("fold");
        A acc = initial;
        for (Iterator<Row<K, V>> it = traversal("fold", "", List.of()); it.hasNext(); ) {
            acc = f.apply(acc, it.next());
        }
        return acc;
    }

    @Override
    public Stream<Row<K, V>> stream() {
        readable("stream");
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(traversal("stream", "", List.of()),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public List<Row<K, V>> toList() {
        readable("toList");
        List<Row<K, V>> out = new ArrayList<>();
        traversal("toList", "", List.of()).forEachRemaining(out::add);
        return Collections.unmodifiableList(out);
    }

    private Optional<K> key(String op, String sql, byte[] arg) {
        byte[] found = read(op, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (arg != null) {
                    ps.setBytes(1, arg);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getBytes(1) : null;
                }
            }
        });
        if (found == null) {
            return Optional.empty();
        }
        if (type != TableType.ORDERED_SET) {
            positions.put(ByteBuffer.wrap(found), Boolean.TRUE);
        }
        return Optional.of(keys.decode(found));
    }

    @Override
    public Optional<K> first() {
        readable("first");
        return key("first", "SELECT k FROM " + t + " ORDER BY k LIMIT 1", null);
    }

    @Override
    public Optional<K> next(K key) {
        readable("next");
        byte[] k = k(key);
        if (type != TableType.ORDERED_SET && !positions.containsKey(ByteBuffer.wrap(k))
                && readValues("next", k, 1).isEmpty()) {
            throw new IllegalArgumentException("next: " + key + " is not in " + this + " and no traversal is at it");
        }
        return key("next", "SELECT k FROM " + t + " WHERE k > ? ORDER BY k LIMIT 1", k);
    }

    @Override
    public Optional<K> last() {
        readable("last");
        if (type != TableType.ORDERED_SET) {
            return key("last", "SELECT k FROM " + t + " ORDER BY k LIMIT 1", null);
        }
        return key("last", "SELECT k FROM " + t + " ORDER BY k DESC LIMIT 1", null);
    }

    @Override
    public Optional<K> prev(K key) {
        if (type != TableType.ORDERED_SET) {
            return next(key);
        }
        readable("prev");
        return key("prev", "SELECT k FROM " + t + " WHERE k < ? ORDER BY k DESC LIMIT 1", k(key));
    }

    // ---- ownership -------------------------------------------------------------------------

    @Override
    public void giveAway(Pid to, Object data) {
        live("giveAway");
        ownership.requireOwner("giveAway", "give away");
        ownership.giveAway(Objects.requireNonNull(to, "to"), data);
    }

    @Override
    public void setHeir(Pid pid, Object data) {
        live("setHeir");
        ownership.requireOwner("setHeir", "set the heir of");
        ownership.setHeir(pid, data);
    }

    @Override
    public void removeHeir() {
        live("removeHeir");
        ownership.requireOwner("removeHeir", "remove the heir of");
        ownership.setHeir(null, null);
    }

    // ---- lifecycle -------------------------------------------------------------------------

    /** Drops the table from its file (its contents are gone) and closes it for every opener. Access: write. */
    @Override
    public void delete() {
        if (!open) {
            return;
        }
        writable("delete");
        write("delete table", st -> {
            st.execute("DROP TABLE IF EXISTS " + t);
            st.bound("DELETE FROM islands_disk_tables WHERE name = ?", name).executeUpdate();
            return null;
        });
        closeForGood();
    }

    /**
     * Closes this opener's use of the table; the last close (or the owner's exit without heir)
     * closes it for good, its contents on disk, every acknowledged write in the file. Idempotent.
     * Access: write.
     */
    @Override
    public void close() {
        if (!open) {
            return;
        }
        writable("close");
        boolean last;
        synchronized (DiskTables.class) {
            last = --openers <= 0;
        }
        if (last) {
            closeForGood();
        }
    }

    private void closeForGood() {
        synchronized (this) {
            if (!open) {
                return;
            }
            open = false;
        }
        ownership.detach();
        DiskTables.closed(file, name, this);
    }
}
