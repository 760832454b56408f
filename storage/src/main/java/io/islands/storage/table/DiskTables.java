package io.islands.storage.table;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Opens disk tables: term tables ({@link io.islands.runtime.table.Table}) kept in a SQLite file,
 * DETS's role with ETS's interface (docs/storage.md, "Disk tables").
 */
public final class DiskTables {
    private static final Map<Path, TableFile> FILES = new HashMap<>(); // guarded by DiskTables.class

    private DiskTables() {}

    /**
     * Opens table {@code tableName} in {@code file}, creating either if missing. The caller
     * ({@link io.islands.runtime.Proc#current()}, if in a process) becomes the owner. Opening a
     * table that is already open in this JVM returns the same table (DETS's sharing): its owner
     * stays, it counts one more opener, and it closes when every opener has closed it (or at
     * once when its owner exits without heir, or on {@link DiskTable#delete()}).
     *
     * @throws IllegalArgumentException if the table exists with another type, or is open with
     *     other options
     * @throws DiskTableException if the file cannot be opened
     */
    public static <K, V> DiskTable<K, V> open(Path file, String tableName, DiskTableOptions<K, V> options) {
        Objects.requireNonNull(tableName, "tableName");
        Objects.requireNonNull(options, "options");
        if (tableName.isEmpty()) {
            throw new IllegalArgumentException("a disk table needs a non-empty name");
        }
        Path path = file.toAbsolutePath().normalize();
        synchronized (DiskTables.class) {
            TableFile f = FILES.get(path);
            if (f == null) {
                f = new TableFile(path, options.durability());
                FILES.put(path, f);
            }
            DiskTable<?, ?> open = f.tables.get(tableName);
            if (open != null) {
                if (!open.options().equals(options)) {
                    throw new IllegalArgumentException(tableName + " in " + path + " is open with other options: "
                            + open.options());
                }
                open.addOpener();
                @SuppressWarnings("unchecked")
                DiskTable<K, V> same = (DiskTable<K, V>) open;
                return same;
            }
            try {
                DiskTable<K, V> t = DiskTable.open(f, tableName, options);
                f.tables.put(tableName, t);
                return t;
            } catch (RuntimeException e) {
                if (f.tables.isEmpty()) {
                    FILES.remove(path);
                    f.close();
                }
                throw e;
            }
        }
    }

    /** Called by a table that closed for good: closes its file with the last table in it. */
    static void closed(TableFile f, String tableName, DiskTable<?, ?> t) {
        boolean last;
        synchronized (DiskTables.class) {
            if (f.tables.get(tableName) != t) {
                return;
            }
            f.tables.remove(tableName);
            last = f.tables.isEmpty();
            if (last) {
                FILES.remove(f.path);
            }
        }
        if (last) {
            f.close();
        }
    }

}
