package io.islands.server.observer;

import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
import io.islands.runtime.InitResult;
import io.islands.runtime.Name;
import io.islands.runtime.Next;
import io.islands.runtime.Proc;
import io.islands.runtime.Result;
import io.islands.runtime.supervisor.ChildSpec;
import io.islands.server.observer.Views.LoadSample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code /api/events} pushes to the observer pages that watch: the game list, the
 * supervision tree, the processes, the tables, the cluster's nodes and the load charts' samples.
 *
 * <p><b>Design note.</b> One feed process (a GenServer of the runtime, supervised in the server's
 * tree and registered under the name given, see {@link #childSpec}) reads the system once per
 * tick, whatever the number of watchers, and puts on each watcher's
 * queue only the sections that changed since the previous tick (a new watcher gets all of them,
 * and the whole load history). Each watcher's own request thread takes from its queue and
 * writes to its connection, so a slow connection blocks only its own thread. The bounds:
 * <ul>
 *   <li>at most {@code maxWatchers} watchers; {@link #subscribe} refuses the next;</li>
 *   <li>each queue holds at most {@code queueCapacity} events: a watcher whose queue is full is
 *       dropped (its queue cleared, its thread told to close the stream), never buffered further;</li>
 *   <li>the feed process ticks only while someone watches: it waits for a message once the last
 *       watcher leaves, and a new watcher wakes it (the load history keeps its samples, with a
 *       gap). A killed feed process is started again by its supervisor; the new one ticks at once
 *       if someone watches, and the watchers go on with the events that changed.</li>
 * </ul>
 * Field ownership: {@code watchers} and {@code closed} under {@code lock}; {@code last} and
 * {@code history} by the feed process only (one at a time: its supervisor starts the next one
 * after the previous one ended); {@code ticking} written by the feed process, read by anyone.
 */
final class LiveFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

    /** One message to a watcher: an SSE event name and its JSON body. */
    record Event(String name, Object body) {}

    /** Tells a watcher's thread to end its stream. */
    static final Event CLOSE = new Event("close", Map.of());

    /** What wakes the feed process: a watcher came or went, or an operator acted. */
    private static final Object WAKE = new Object() {
        @Override
        public String toString() {
            return "wake";
        }
    };

    /** The sections read each tick (the processes once per sort that some watcher asked for). */
    static final List<String> SECTIONS = List.of("games", "supervisors", "tables", "nodes");

    /** Where the feed reads the system; called in the feed process. */
    interface Source {
        /**
         * @param section one of {@link #SECTIONS}, or {@code processes:SORT}
         * @return the section's JSON body, comparable with {@code equals} to the previous one
         */
        Object read(String section);

        /** @return the load figures now */
        LoadHistory.Reading load();
    }

    /** One watching page. Its queue is taken by its own request thread. */
    static final class Watcher {
        final String sort;
        private final BlockingQueue<Event> queue;
        private volatile boolean fresh = true;
        private volatile boolean closed;

        Watcher(String sort, int capacity) {
            this.sort = sort;
            this.queue = new ArrayBlockingQueue<>(capacity);
        }

        /** @return the next event, {@link #CLOSE} once dropped or closed, or null after {@code wait} without one */
        Event next(Duration wait) throws InterruptedException {
            if (closed) {
                return CLOSE;
            }
            Event e = queue.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
            return closed ? CLOSE : e;
        }

        /** Ends the stream: {@link #next} answers {@link #CLOSE} from now on. */
        void close() {
            closed = true;
            queue.clear();
            queue.offer(CLOSE);
        }

        boolean closed() {
            return closed;
        }
    }

    private final Source source;
    private final Duration interval;
    private final int maxWatchers;
    private final int queueCapacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Watcher> watchers = new ArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong ticks = new AtomicLong();
    private final LoadHistory history;
    private final Name name;
    private Map<String, Object> last = Map.of();
    private volatile boolean ticking;
    private boolean closed;

    /**
     * @param interval time between two reads of the system
     * @param historySamples load samples kept (the charts' width)
     * @param name the feed process's name (see {@link #childSpec})
     */
    LiveFeed(Source source, Duration interval, int maxWatchers, int queueCapacity, int historySamples, Name name) {
        if (interval.isNegative() || interval.isZero() || maxWatchers < 1 || queueCapacity < 4) {
            throw new IllegalArgumentException("a positive interval, one watcher and four queued events at least");
        }
        this.source = Objects.requireNonNull(source);
        this.name = Objects.requireNonNull(name);
        this.interval = interval;
        this.maxWatchers = maxWatchers;
        this.queueCapacity = queueCapacity;
        this.history = new LoadHistory(historySamples, Math.max(1000, interval.toMillis() * 3));
    }

    /**
     * @param id the child's id in its supervisor
     * @return the spec of the feed process: a permanent worker registered under the feed's name;
     *     without it running, watchers are accepted but get nothing
     */
    ChildSpec childSpec(Object id) {
        return ChildSpec.worker(id, () -> GenServer.startLink(new Ticker(), GenServer.StartOptions.named(name)));
    }

    /**
     * Adds a watcher; it gets every section at the next tick, which comes at once.
     *
     * @return the watcher, or empty when {@code maxWatchers} watch already or the feed is closed
     */
    Optional<Watcher> subscribe(String sort) {
        Watcher w = new Watcher(sort, queueCapacity);
        lock.lock();
        try {
            if (closed || watchers.size() >= maxWatchers) {
                return Optional.empty();
            }
            watchers.add(w);
        } finally {
            lock.unlock();
        }
        poke();
        return Optional.of(w);
    }

    /** Removes a watcher (idempotent); the feed process stops ticking at once if it was the last. */
    void unsubscribe(Watcher w) {
        boolean last;
        lock.lock();
        try {
            last = watchers.remove(w) && watchers.isEmpty();
        } finally {
            lock.unlock();
        }
        if (last) {
            poke();
        }
    }

    /** @return whether a new watcher would be refused now */
    boolean full() {
        lock.lock();
        try {
            return closed || watchers.size() >= maxWatchers;
        } finally {
            lock.unlock();
        }
    }

    /** @return watchers now */
    int watchers() {
        lock.lock();
        try {
            return watchers.size();
        } finally {
            lock.unlock();
        }
    }

    /** @return whether the feed process ticks (it does only while someone watches) */
    boolean running() {
        return ticking;
    }

    /** @return watchers dropped so far because their queue was full */
    long dropped() {
        return dropped.get();
    }

    /** @return ticks run so far */
    long ticks() {
        return ticks.get();
    }

    /** Reads the system now rather than at the next interval (after an operator's action). */
    void poke() {
        name.whereis().ifPresent(p -> Proc.send(p, WAKE));
    }

    /** Closes every watcher's stream and refuses new ones. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            watchers.forEach(Watcher::close);
            watchers.clear();
        } finally {
            lock.unlock();
        }
        poke();
    }

    /**
     * The feed process: each message (a {@link #WAKE}, or the timeout of the interval) is one
     * step. Its state is whether it ticks.
     */
    private final class Ticker implements GenServer<Boolean> {
        @Override
        public InitResult<Boolean> init() {
            return InitResult.ok(Boolean.FALSE, Next.timeout(Duration.ZERO)); // a restarted feed goes on at once
        }

        @Override
        public Result<Boolean> handleInfo(Object message, Boolean wasTicking) {
            return step();
        }

        @Override
        public void terminate(ExitReason reason, Boolean wasTicking) {
            ticking = false;
        }
    }

    /** One step of the feed process: a tick while someone watches, else a wait for a {@link #WAKE}. */
    private Result<Boolean> step() {
        List<Watcher> now;
        lock.lock();
        try {
            if (watchers.isEmpty()) {
                ticking = false;
                last = Map.of();
                return Result.noReply(Boolean.FALSE, Next.hibernate());
            }
            now = List.copyOf(watchers);
        } finally {
            lock.unlock();
        }
        ticking = true;
        try {
            tick(now);
        } catch (RuntimeException e) {
            LOG.warn("the observer's feed could not read the system", e);
        }
        return Result.noReply(Boolean.TRUE, Next.timeout(interval));
    }

    private void tick(List<Watcher> now) {
        ticks.incrementAndGet();
        Set<String> names = new LinkedHashSet<>(SECTIONS);
        now.forEach(w -> names.add("processes:" + w.sort));
        Map<String, Object> read = new HashMap<>();
        for (String name : names) {
            Object body;
            try {
                body = source.read(name);
            } catch (RuntimeException e) {
                body = Map.of("error", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
            read.put(name, body);
        }
        LoadSample sample = history.add(source.load());
        List<LoadSample> all = null;
        for (Watcher w : now) {
            boolean fresh = w.fresh;
            w.fresh = false;
            boolean ok = true;
            for (String name : names) {
                boolean mine = !name.startsWith("processes:") || name.equals("processes:" + w.sort);
                if (mine && (fresh || !Objects.equals(read.get(name), last.get(name)))) {
                    String event = name.startsWith("processes:") ? "processes" : name;
                    ok = ok && send(w, new Event(event, read.get(name)));
                }
            }
            if (fresh) {
                all = all == null ? history.samples() : all;
                ok = ok && send(w, new Event("load", Map.of("reset", true, "samples", all)));
            } else if (sample != null) {
                ok = ok && send(w, new Event("load", Map.of("reset", false, "samples", List.of(sample))));
            }
        }
        last = read;
    }

    /** @return false when the watcher was dropped for a full queue */
    private boolean send(Watcher w, Event e) {
        if (w.closed || w.queue.offer(e)) {
            return true;
        }
        unsubscribe(w);
        w.close();
        dropped.incrementAndGet();
        LOG.info("dropped an observer watcher that read too slowly ({} events queued)", queueCapacity);
        return false;
    }
}
