package io.islands.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * A local key-to-process registry (Elixir's {@code Registry}): unique keys for naming processes
 * ({@link #via}), duplicate keys for pub/sub ({@link #dispatch}).
 *
 * <table>
 *   <caption>Contract</caption>
 *   <tr><th>operation</th><th>returns</th><th>errors</th></tr>
 *   <tr><td>{@link #register}</td><td>empty when registered; for a unique key held by another
 *       process, that process's pid (nothing changes)</td><td>outside a process: IllegalStateException</td></tr>
 *   <tr><td>{@link #unregister}</td><td>nothing; removes the caller's entries under the key</td><td>outside a process</td></tr>
 *   <tr><td>{@link #lookup}, {@link #whereis}</td><td>the live entries under the key</td><td>none</td></tr>
 *   <tr><td>{@link #dispatch}</td><td>calls the function once per entry under the key</td><td>none</td></tr>
 * </table>
 *
 * <p>Only the calling process can register itself. Its entries are removed when it exits,
 * <b>before</b> its links and monitors are told (Elixir removes them "not instantly"; here a
 * DOWN or EXIT never arrives while the dead process is still listed). From the moment a process
 * starts to exit, before its exit hooks have removed its entries, it is no longer listed either:
 * {@link #lookup}, {@link #whereis} and {@link #dispatch} skip it, and a {@link #register} of
 * its unique key takes the key over. (An exiting process's thread may wait for a carrier under
 * load: without this, a caller that retried on noproc kept finding the exiting process by name.)
 * Keys compare with {@code equals}.
 *
 * <p>Design note: unique keys live in one {@link ConcurrentHashMap} (registration is one
 * {@code putIfAbsent}); duplicate keys map to copy-on-write lists, cheap to read for dispatch.
 * Each registration adds an exit hook to the registering process that removes that entry.
 */
public final class Registry {
    /** Whether a key names one process or many. */
    public enum Keys {
        UNIQUE,
        DUPLICATE
    }

    /** One registration: the process and the value it registered with. */
    public record Entry(Pid pid, Object value) {}

    private final String name;
    private final Keys keys;
    private final ConcurrentHashMap<Object, Entry> unique = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Object, CopyOnWriteArrayList<Entry>> duplicate = new ConcurrentHashMap<>();

    private Registry(String name, Keys keys) {
        this.name = Objects.requireNonNull(name);
        this.keys = Objects.requireNonNull(keys);
    }

    /** @return a new registry whose keys are unique */
    public static Registry unique(String name) {
        return new Registry(name, Keys.UNIQUE);
    }

    /** @return a new registry whose keys may be registered by many processes */
    public static Registry duplicate(String name) {
        return new Registry(name, Keys.DUPLICATE);
    }

    public String name() {
        return name;
    }

    public Keys keys() {
        return keys;
    }

    /** Registers the calling process under {@code key}; see the contract table. */
    public Optional<Pid> register(Object key, Object value) {
        Objects.requireNonNull(key, "key");
        ProcessCell self = Proc.cell();
        Entry entry = new Entry(self.pid, value);
        if (keys == Keys.UNIQUE) {
            for (;;) { // bounded: each turn, another process registered or exited under the key
                Entry prev = unique.putIfAbsent(key, entry);
                if (prev == null) {
                    break;
                }
                if (prev.pid().isAlive()) {
                    return Optional.of(prev.pid());
                }
                if (unique.replace(key, prev, entry)) { // the holder is exiting: its hook removes only its own entry
                    break;
                }
            }
        } else {
            duplicate.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(entry);
        }
        if (!self.addExitHook((pid, reason) -> remove(key, entry))) {
            remove(key, entry);
            throw new ProcessCell.Unwind(ExitReason.NOPROC);
        }
        return Optional.empty();
    }

    /** Removes the calling process's entries under {@code key}. */
    public void unregister(Object key) {
        Pid self = Proc.self();
        for (Entry e : lookup(key)) {
            if (e.pid().equals(self)) {
                remove(key, e);
            }
        }
    }

    private void remove(Object key, Entry entry) {
        if (keys == Keys.UNIQUE) {
            unique.remove(key, entry);
        } else {
            duplicate.computeIfPresent(key, (k, list) -> {
                list.remove(entry);
                return list.isEmpty() ? null : list;
            });
        }
    }

    /** @return the entries of live processes under {@code key} now (at most one for a unique registry) */
    public List<Entry> lookup(Object key) {
        if (keys == Keys.UNIQUE) {
            Entry e = unique.get(key);
            return e == null || !e.pid().isAlive() ? List.of() : List.of(e);
        }
        CopyOnWriteArrayList<Entry> list = duplicate.get(key);
        if (list == null) {
            return List.of();
        }
        List<Entry> live = new ArrayList<>(list.size());
        for (Entry e : list) {
            if (e.pid().isAlive()) {
                live.add(e);
            }
        }
        return live;
    }

    /** @return the process registered under a unique {@code key} */
    public Optional<Pid> whereis(Object key) {
        List<Entry> l = lookup(key);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0).pid());
    }

    /** Calls {@code action} with each entry under {@code key}: pub/sub for duplicate keys. */
    public void dispatch(Object key, BiConsumer<Pid, Object> action) {
        for (Entry e : lookup(key)) {
            action.accept(e.pid(), e.value());
        }
    }

    /** @return the keys {@code pid} is registered under (a scan: for tools, not hot paths) */
    public List<Object> keys(Pid pid) {
        List<Object> out = new ArrayList<>();
        unique.forEach((k, e) -> {
            if (e.pid().equals(pid)) {
                out.add(k);
            }
        });
        duplicate.forEach((k, l) -> l.forEach(e -> {
            if (e.pid().equals(pid)) {
                out.add(k);
            }
        }));
        return out;
    }

    /** @return the keys that have at least one entry now, in no order (a copy; for tools) */
    public List<Object> registeredKeys() {
        return List.copyOf(keys == Keys.UNIQUE ? unique.keySet() : duplicate.keySet());
    }

    /** @return the number of entries */
    public int count() {
        int n = unique.size();
        for (CopyOnWriteArrayList<Entry> l : duplicate.values()) {
            n += l.size();
        }
        return n;
    }

    /**
     * @return a {@link Name} for {@code key} in this unique registry, for
     *     {@link GenServer.StartOptions#named} and {@link GenServer#call(Name, Object)}
     * @throws IllegalStateException for a duplicate registry
     */
    public Name via(Object key) {
        if (keys != Keys.UNIQUE) {
            throw new IllegalStateException("via names need a unique registry; " + name + " is duplicate");
        }
        return new Via(this, Objects.requireNonNull(key));
    }

    private record Via(Registry registry, Object key) implements Name {
        @Override
        public Optional<Pid> register() {
            Optional<Pid> holder = registry.register(key, null);
            if (holder.isEmpty() && Proc.cell().label == null) {
                Proc.cell().label = String.valueOf(key);
            }
            return holder;
        }

        @Override
        public Optional<Pid> whereis() {
            return registry.whereis(key);
        }

        @Override
        public String toString() {
            return "{via, " + registry.name + ", " + key + "}";
        }
    }

    @Override
    public String toString() {
        return "Registry[" + name + ", " + keys + "]";
    }
}
