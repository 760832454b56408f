package io.islands.server.observer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.islands.runtime.ExitReason;
import io.islands.runtime.Name;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.StartResult;
import io.islands.runtime.supervisor.Supervisor;
import io.islands.runtime.supervisor.SupervisorFlags;
import io.islands.server.observer.LiveFeed.Event;
import io.islands.server.observer.LiveFeed.Watcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The observer's feed with a source the test controls: what it sends, to whom, and its bounds. */
class LiveFeedTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** Games change when the test says; every read is counted. */
    private static final class Source implements LiveFeed.Source {
        final AtomicInteger games = new AtomicInteger();
        final AtomicLong reads = new AtomicLong();
        final AtomicLong moves = new AtomicLong();

        @Override
        public Object read(String section) {
            reads.incrementAndGet();
            return section.equals("games") ? Map.of("version", games.get()) : Map.of("section", section);
        }

        @Override
        public LoadHistory.Reading load() {
            return new LoadHistory.Reading(System.currentTimeMillis(), 7, 1024, moves.get(), 0, 0);
        }
    }

    private static final AtomicInteger NAMES = new AtomicInteger();
    private final Source source = new Source();
    private LiveFeed feed;
    private Pid supervisor;

    private static Name newName() {
        return Name.local("live-feed-test-" + NAMES.incrementAndGet());
    }

    /** @return {@code f}, its feed process started under a supervisor of the test's */
    private LiveFeed started(LiveFeed f) {
        StartResult r = Supervisor.start(SupervisorFlags.oneForOne(), List.of(f.childSpec("feed")));
        supervisor = ((StartResult.Ok) r).pid();
        return f;
    }

    @AfterEach
    void close() {
        if (feed != null) {
            feed.close();
        }
        if (supervisor != null) {
            Supervisor.stop(supervisor);
        }
    }

    private static List<Event> take(Watcher w, int n) throws InterruptedException {
        List<Event> out = new ArrayList<>();
        while (out.size() < n) {
            Event e = w.next(WAIT);
            assertThat(e).as("event %d of %d", out.size() + 1, n).isNotNull();
            out.add(e);
        }
        return out;
    }

    private static Event next(Watcher w, String name) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Event e = w.next(WAIT);
            assertThat(e).as("waiting for " + name).isNotNull().isNotEqualTo(LiveFeed.CLOSE);
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no " + name + " event in 100");
    }

    @Test
    void nobodyWatching_theFeedReadsNothing_andItStopsWhenTheLastWatcherLeaves() throws Exception {
        feed = started(new LiveFeed(source, Duration.ofMillis(20), 2, 8, 10, newName()));
        assertThat(feed.running()).isFalse();
        assertThat(source.reads.get()).isZero();

        Watcher w = feed.subscribe("pid").orElseThrow();
        take(w, 4);
        assertThat(feed.running()).isTrue();
        feed.unsubscribe(w);
        await().atMost(WAIT).until(() -> !feed.running());
        long reads = source.reads.get();
        // ten intervals: a feed still ticking would read again within them
        await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> source.reads.get() == reads);

        Watcher again = feed.subscribe("pid").orElseThrow();
        take(again, 1);
        assertThat(feed.running()).isTrue();
    }

    @Test
    void aNewWatcherGetsEverySection_thenOnlyWhatChanged() throws Exception {
        feed = started(new LiveFeed(source, Duration.ofMillis(20), 2, 64, 10, newName()));
        Watcher w = feed.subscribe("mailbox").orElseThrow();
        List<String> first = take(w, 6).stream().map(Event::name).toList();
        assertThat(first).containsExactlyInAnyOrder("games", "supervisors", "tables", "nodes", "processes", "load");
        // only load samples until the games change
        assertThat(take(w, 3)).extracting(Event::name).containsOnly("load");
        source.games.incrementAndGet();
        Event games = next(w, "games");
        assertThat(games.body()).isEqualTo(Map.of("version", 1));
    }

    @Test
    void theLoadSamplesCarryRates_andANewWatcherGetsTheHistory() throws Exception {
        feed = started(new LiveFeed(source, Duration.ofMillis(20), 2, 64, 50, newName()));
        Watcher w = feed.subscribe("pid").orElseThrow();
        next(w, "load");
        source.moves.addAndGet(1000);
        await().atMost(WAIT).until(() -> {
            @SuppressWarnings("unchecked")
            List<Views.LoadSample> s = (List<Views.LoadSample>) ((Map<String, Object>) next(w, "load").body()).get("samples");
            return s.stream().anyMatch(x -> x.movesPerSecond() > 0 && x.processes() == 7 && x.memoryBytes() == 1024);
        });
        Watcher late = feed.subscribe("pid").orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> load = (Map<String, Object>) next(late, "load").body();
        assertThat(load.get("reset")).isEqualTo(true);
        assertThat((List<?>) load.get("samples")).hasSizeGreaterThan(1);
    }

    @Test
    void watchersPastTheLimitAreRefused() {
        feed = started(new LiveFeed(source, Duration.ofMillis(20), 2, 8, 10, newName()));
        Watcher a = feed.subscribe("pid").orElseThrow();
        feed.subscribe("pid").orElseThrow();
        assertThat(feed.full()).isTrue();
        assertThat(feed.subscribe("pid")).isEmpty();
        feed.unsubscribe(a);
        assertThat(feed.subscribe("pid")).isPresent();
    }

    @Test
    void aWatcherThatDoesNotRead_isDroppedWhenItsQueueIsFull_andTheOthersGoOn() throws Exception {
        feed = started(new LiveFeed(source, Duration.ofMillis(10), 2, 8, 10, newName()));
        Watcher slow = feed.subscribe("pid").orElseThrow();
        Watcher fast = feed.subscribe("pid").orElseThrow();
        // one load sample a tick: the slow one's queue of 8 fills within a few ticks; the fast one drains its own
        await().pollInterval(Duration.ofMillis(1)).atMost(WAIT).until(() -> {
            for (Event e = fast.next(Duration.ZERO); e != null; e = fast.next(Duration.ZERO)) {
                assertThat(e).as("the fast watcher is not dropped").isNotSameAs(LiveFeed.CLOSE);
            }
            return feed.dropped() == 1;
        });
        assertThat(slow.closed()).isTrue();
        assertThat(slow.next(Duration.ZERO)).isSameAs(LiveFeed.CLOSE);
        assertThat(feed.watchers()).isEqualTo(1);
        assertThat(next(fast, "load")).isNotNull();
    }

    @Test
    void aKilledFeedProcessIsRestartedByItsSupervisor_andItsWatchersGoOn() throws Exception {
        Name name = newName();
        feed = started(new LiveFeed(source, Duration.ofMillis(20), 2, 64, 10, name));
        Watcher w = feed.subscribe("pid").orElseThrow();
        next(w, "load");
        Pid killed = name.whereis().orElseThrow();
        Proc.exit(killed, ExitReason.kill());
        await().atMost(WAIT).until(() -> name.whereis().filter(p -> !p.equals(killed)).isPresent());
        // drain what the killed process queued; the new one sends the samples that follow
        for (Event e = w.next(Duration.ZERO); e != null; e = w.next(Duration.ZERO)) {
            assertThat(e).isNotSameAs(LiveFeed.CLOSE);
        }
        next(w, "load");
        source.games.incrementAndGet();
        assertThat(next(w, "games").body()).isEqualTo(Map.of("version", 1));
        assertThat(w.closed()).isFalse();
    }

    @Test
    void closingTheFeedEndsEveryStream() throws Exception {
        feed = started(new LiveFeed(source, Duration.ofMillis(20), 2, 8, 10, newName()));
        Watcher w = feed.subscribe("pid").orElseThrow();
        feed.close();
        Event e;
        do {
            e = w.next(WAIT);
        } while (e != null && e != LiveFeed.CLOSE);
        assertThat(e).isSameAs(LiveFeed.CLOSE);
        assertThat(feed.subscribe("pid")).isEmpty();
        await().atMost(WAIT).until(() -> !feed.running());
    }
}
