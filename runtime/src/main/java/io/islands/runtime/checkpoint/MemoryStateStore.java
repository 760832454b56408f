package io.islands.runtime.checkpoint;

import io.islands.runtime.ExitReason;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.table.Access;
import io.islands.runtime.table.Row;
import io.islands.runtime.table.Table;
import io.islands.runtime.table.TableOptions;
import io.islands.runtime.table.Tables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The book's {@code :game_state}: a state store in public term tables owned by a long-lived
 * process of its own, never by the processes that save to it. It outlives them, not the JVM.
 *
 * <p>Design note: two public {@code set} tables, states (key → immutable list of versions,
 * newest first) and quarantine (key → {@link Quarantined}), created and owned by an owner
 * process that does nothing but keep them alive. Every change is one atomic, isolated
 * {@link Table#compute} on one key, so saves of different keys never wait for each other and
 * readers never block. {@link #close()} ends the owner, which deletes both tables.
 */
public final class MemoryStateStore<S> implements StateStore<S>, AutoCloseable {
    private final int depth;
    private final Pid owner;
    private final Table<String, List<Saved<S>>> current;
    private final Table<String, Quarantined<S>> aside;

    /** A store in two unnamed tables. @param historyDepth versions kept per key, at least 1 */
    public MemoryStateStore(int historyDepth) {
        this(null, historyDepth);
    }

    /**
     * A store in tables named {@code name} and {@code name + ":quarantine"}, e.g. the book's
     * {@code game_state}. @throws io.islands.runtime.table.TableNameTakenException if taken
     */
    public MemoryStateStore(String name, int historyDepth) {
        if (historyDepth < 1) {
            throw new IllegalArgumentException("historyDepth must be >= 1, was " + historyDepth);
        }
        this.depth = historyDepth;
        LinkedBlockingQueue<Object> made = new LinkedBlockingQueue<>();
        this.owner = Proc.spawn(() -> {
            try {
                Proc.label("state-store-owner" + (name == null ? "" : ":" + name));
                made.add(Tables.create(options(name)));
                made.add(Tables.create(options(name == null ? null : name + ":quarantine")));
            } catch (RuntimeException e) {
                made.add(e);
                return;
            }
            Proc.receive(m -> false, java.time.Duration.ofDays(365 * 100L)); // keeps the tables alive
        });
        this.current = take(made);
        this.aside = take(made);
    }

    private static <K> TableOptions<K> options(String name) {
        TableOptions<K> o = TableOptions.<K>defaults().withAccess(Access.PUBLIC);
        return name == null ? o : o.withName(name);
    }

    @SuppressWarnings("unchecked")
    private static <T> T take(LinkedBlockingQueue<Object> q) {
        try {
            Object o = q.take();
            if (o instanceof RuntimeException e) {
                throw e;
            }
            return (T) o;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while creating the state tables", e);
        }
    }

    /** @return the process that owns the tables */
    public Pid owner() {
        return owner;
    }

    @Override
    public int historyDepth() {
        return depth;
    }

    @Override
    public List<Saved<S>> versions(String key) {
        return current.get(key).orElse(List.of());
    }

    @Override
    public void save(String key, Saved<S> version) {
        current.compute(key, (k, old) -> {
            long newest = old == null ? 0 : old.get(0).revision();
            if (version.revision() != newest + 1) {
                throw new StaleRevisionException(key, newest, version.revision());
            }
            List<Saved<S>> next = new ArrayList<>(depth);
            next.add(version);
            if (old != null) {
                next.addAll(old.subList(0, Math.min(old.size(), depth - 1)));
            }
            return List.copyOf(next);
        });
    }

    @Override
    public List<Saved<S>> discardAfter(String key, long revision) {
        List<Saved<S>> removed = new ArrayList<>();
        current.compute(key, (k, old) -> {
            if (old == null) {
                return null;
            }
            removed.clear();
            List<Saved<S>> keep = new ArrayList<>();
            for (Saved<S> v : old) {
                (v.revision() > revision ? removed : keep).add(v);
            }
            return keep.isEmpty() ? null : List.copyOf(keep);
        });
        return List.copyOf(removed);
    }

    @Override
    public boolean delete(String key) {
        return !current.take(key).isEmpty();
    }

    @Override
    public List<String> keys() {
        return current.stream().map(Row::key).toList();
    }

    @Override
    public void quarantine(String key, String reason) {
        // one compute on the key: no save can slip in between setting aside and removing
        current.compute(key, (k, old) -> {
            aside.insert(key, new Quarantined<>(key, reason, Instant.now(), old == null ? List.of() : old));
            return null;
        });
    }

    @Override
    public Optional<Quarantined<S>> quarantined(String key) {
        return aside.get(key);
    }

    @Override
    public List<String> quarantinedKeys() {
        return aside.stream().map(Row::key).toList();
    }

    @Override
    public Optional<Quarantined<S>> release(String key) {
        Optional<Quarantined<S>> q = aside.take(key).stream().findFirst();
        q.filter(r -> !r.versions().isEmpty()).ifPresent(r -> current.insert(key, r.versions()));
        return q;
    }

    /** Ends the owner process, which deletes both tables. */
    @Override
    public void close() {
        Proc.exit(owner, ExitReason.shutdown());
    }
}
