package io.islands.bench.jmh;

import io.islands.runtime.ExitReason;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.table.Access;
import io.islands.runtime.table.Table;
import io.islands.runtime.table.TableOptions;
import io.islands.runtime.table.TableType;
import io.islands.runtime.table.Tables;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Term table against the bare concurrent map it is built on (issue 3): 100,000 Integer keys,
 * each holding its own ~1 KB immutable String. {@code lookup} reads a uniformly random existing
 * key; {@code insert} overwrites a uniformly random existing key with its preallocated value
 * (the value it already holds, as the OTP side's {@code ets} scenario does). Both impls use
 * the same keys, values and key generator ({@link ThreadLocalRandom}).
 *
 * <p>The table is PUBLIC and owned by a holder process that stays alive for the trial; the
 * JMH threads are plain threads (not processes), so every access goes through the
 * "outside any process" path, as code in a request handler would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class TableBench {
    static final int KEYS = 100_000;
    static final int VALUE_CHARS = 1_000;

    @Param({"SET", "ORDERED_SET"})
    public String type;

    @Param({"table", "map"})
    public String impl;

    Integer[] keys;
    String[] values;
    Table<Integer, String> table;
    ConcurrentMap<Integer, String> map;
    Pid holder;

    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        keys = new Integer[KEYS];
        values = new String[KEYS];
        String filler = "x".repeat(VALUE_CHARS - 8);
        for (int k = 0; k < KEYS; k++) {
            keys[k] = k;                                      // boxed once, shared by both impls
            values[k] = String.format("%08d", k) + filler;    // distinct, immutable, 1,000 bytes (Latin-1)
        }
        TableType tableType = TableType.valueOf(type);
        if (impl.equals("table")) {
            BlockingQueue<Table<Integer, String>> handOff = new ArrayBlockingQueue<>(1);
            holder = Proc.spawn(() -> {
                Table<Integer, String> t = Tables.create(TableOptions.<Integer>defaults()
                        .withType(tableType)
                        .withAccess(Access.PUBLIC));
                handOff.put(t);
                Proc.receive();                               // stays alive (and owner) until killed
            });
            table = handOff.take();
            for (int k = 0; k < KEYS; k++) {
                table.insert(keys[k], values[k]);
            }
        } else {
            map = tableType == TableType.SET ? new ConcurrentHashMap<>() : new ConcurrentSkipListMap<>();
            for (int k = 0; k < KEYS; k++) {
                map.put(keys[k], values[k]);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (holder != null) {
            Proc.exit(holder, ExitReason.kill());             // deletes the table with its owner
        }
    }

    @Benchmark
    public Object lookup() {
        Integer key = keys[ThreadLocalRandom.current().nextInt(KEYS)];
        return table != null ? table.lookup(key) : map.get(key);
    }

    /**
     * Control for {@code lookup}: the caller takes the value as a String, as typed code does.
     * {@code map.get} in {@code lookup} hands the reference over without reading the value's
     * header; here both sides read it (checkcast), as the table does in every read (its
     * pending-batch check), so the ~1 KB value's cache miss is paid by both.
     */
    @Benchmark
    public String lookupValue() {
        Integer key = keys[ThreadLocalRandom.current().nextInt(KEYS)];
        if (table != null) {
            return table.lookup(key).get(0);
        }
        String v = map.get(key);
        return v;
    }

    /**
     * Control for {@code lookup}: the same read without the result list that ETS's
     * {@code lookup} semantics make {@code Table.lookup} allocate (24 B/op).
     */
    @Benchmark
    public boolean member() {
        Integer key = keys[ThreadLocalRandom.current().nextInt(KEYS)];
        return table != null ? table.member(key) : map.containsKey(key);
    }

    @Benchmark
    public void insert() {
        int k = ThreadLocalRandom.current().nextInt(KEYS);
        if (table != null) {
            table.insert(keys[k], values[k]);
        } else {
            map.put(keys[k], values[k]);
        }
    }
}
