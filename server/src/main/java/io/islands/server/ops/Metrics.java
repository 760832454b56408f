package io.islands.server.ops;

import io.islands.engine.process.Games;
import io.islands.runtime.ExitReason;
import io.islands.runtime.Scheduling;
import io.islands.runtime.checkpoint.StateStore;
import io.islands.runtime.observe.CrashReport;
import io.islands.runtime.observe.LongSchedule;
import io.islands.runtime.observe.RuntimeEvents;
import io.islands.runtime.observe.RuntimeGauges;
import io.islands.server.game.GameChannel;
import io.islands.server.phoenix.PhoenixServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The server's metrics in one Prometheus registry: the runtime (processes, mailboxes, crashes,
 * restarts), the games, the store, the sockets and channels, and the JVM. The list with meanings
 * is in docs/operations.md. Process, crash and restart figures are the whole JVM's (the runtime
 * is one per JVM); the rest are this server's.
 *
 * <p>Thread safety: meters are Micrometer's (thread-safe); the crash and restart listener runs on
 * the runtime's threads and only increments counters.
 */
public final class Metrics implements AutoCloseable {
    /** Histogram buckets of the timers: 0.5 ms to 5 s. */
    static final Duration[] BUCKETS = {
            Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final RuntimeEvents.Listener listener = new RuntimeEvents.Listener() {
        @Override
        public void onCrash(CrashReport report) {
            Counter.builder("islands.process.crashes").description("processes that crashed (crash reports), by reason")
                    .tag("reason", ReasonLabel.of(report.reason())).register(registry).increment();
        }

        @Override
        public void onRestart(String supervisor, Object childId, ExitReason reason) {
            Counter.builder("islands.supervisor.restarts")
                    .description("children restarted by their supervisor, by the child's exit reason")
                    .tag("reason", ReasonLabel.of(reason)).register(registry).increment();
        }

        @Override
        public void onLongSchedule(LongSchedule event) {
            longSchedules.increment();
        }
    };
    private final Counter longSchedules = Counter.builder("islands.process.long_schedules")
            .description("processes seen on a carrier past the long-schedule threshold without a safe point (episodes)")
            .register(registry);

    private Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder("islands.processes.alive", RuntimeGauges::processesAlive)
                .description("processes alive in the runtime").register(registry);
        Gauge.builder("islands.mailbox.messages", () -> RuntimeGauges.mailboxes().total())
                .description("messages waiting in all mailboxes").register(registry);
        Gauge.builder("islands.mailbox.messages.max", () -> RuntimeGauges.mailboxes().max())
                .description("messages waiting in the fullest mailbox").register(registry);
        FunctionCounter.builder("islands.scheduler.starvations", Scheduling.class, c -> Scheduling.stats().starvations())
                .description("times work from outside the process world waited past the starvation threshold "
                        + "and processes were made to yield").register(registry);
        FunctionCounter.builder("islands.scheduler.yields", Scheduling.class, c -> Scheduling.stats().yields())
                .description("processes held at a safe point so that outside work could run").register(registry);
        Gauge.builder("islands.scheduler.timers", () -> Scheduling.stats().timersArmed())
                .description("process timers armed in the runtime's timer wheel").register(registry);
        RuntimeEvents.subscribe(listener);
    }

    /** Starts the registry, binds the JVM and runtime meters and listens to the runtime. */
    public static Metrics start() {
        return new Metrics();
    }

    /** @return {@code store} timed and counted into this registry */
    public <S> StateStore<S> timed(StateStore<S> store) {
        return new TimedStateStore<>(store, registry);
    }

    /**
     * @return a game channel timing into {@code islands_game_event_seconds{event}} and counting its
     *     refusals by a limit into {@code islands_limits_hit_total{limit}}
     */
    public GameChannel.EventTiming gameEvents() {
        return new GameChannel.EventTiming() {
            @Override
            public void handled(String event, long nanos) {
                Timer.builder("islands.game.event")
                        .description("game channel events, from reaching the channel to the reply being ready")
                        .tag("event", event).serviceLevelObjectives(BUCKETS).register(registry)
                        .record(nanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void limited(String limit) {
                Counter.builder(LIMITS_HIT).description(LIMITS_HIT_HELP).tag("limit", limit).register(registry).increment();
            }
        };
    }

    private static final String LIMITS_HIT = "islands.limits.hit";
    private static final String LIMITS_HIT_HELP = "requests refused or sockets closed by a limit (docs/security.md)";

    /** Adds the meters of {@code binder} (the cluster's) to this registry. */
    public void bind(io.micrometer.core.instrument.binder.MeterBinder binder) {
        binder.bindTo(registry);
    }

    /** Adds the gauges of {@code games} (live, quarantined) and {@code server} (sockets, channel errors). */
    public void bind(Games games, PhoenixServer server) {
        Gauge.builder("islands.games.live", games::running).description("games with a running process")
                .register(registry);
        Gauge.builder("islands.games.quarantined", () -> games.quarantined().size())
                .description("games set aside after too many crashes (NaN when the store does not answer)")
                .register(registry);
        Gauge.builder("islands.sockets.open", server::openSockets).description("WebSocket connections open")
                .register(registry);
        FunctionCounter.builder("islands.channel.errors", server, PhoenixServer::channelErrors)
                .description("joined channels that crashed (clients got phx_error)").register(registry);
        FunctionCounter.builder("islands.frames.refused", server, PhoenixServer::framesRefused)
                .description("inbound frames dropped as unreadable or refused as too large").register(registry);
        for (String limit : PhoenixServer.LIMITS) {
            FunctionCounter.builder(LIMITS_HIT, server, s -> s.limitHits(limit)).description(LIMITS_HIT_HELP)
                    .tag("limit", limit).register(registry);
        }
    }

    // ---- meters of other parts (the lobby and quick match, issue 19) -------------------------
    /** Adds the gauge {@code name}, read from {@code value} at each scrape (any thread). */
    public void gauge(String name, String help, java.util.function.Supplier<Number> value) {
        Gauge.builder(name, value).description(help).register(registry);
    }

    /**
     * Adds the counter {@code name}, read as {@code total} of {@code source} at each scrape (any
     * thread); the registry keeps {@code source} only weakly, so it must live as long as the server.
     */
    public <T> void counter(String name, String help, T source, java.util.function.ToDoubleFunction<T> total) {
        FunctionCounter.builder(name, source, total).description(help).register(registry);
    }

    /**
     * Totals since the start, for the observer's load charts.
     *
     * @param moves game states saved through {@link #timed} stores (every move saves one)
     * @param restarts children restarted by their supervisors
     * @param crashes processes that crashed
     */
    public record Totals(long moves, long restarts, long crashes) {}

    /** @return the totals now (reads the meters; thread-safe) */
    public Totals totals() {
        return new Totals(
                (long) registry.find("islands.store.write").tag("op", "save").timers().stream()
                        .mapToDouble(Timer::count).sum(),
                (long) registry.find("islands.supervisor.restarts").counters().stream().mapToDouble(Counter::count).sum(),
                (long) registry.find("islands.process.crashes").counters().stream().mapToDouble(Counter::count).sum());
    }

    /** @return every meter in the Prometheus text format 0.0.4 */
    public String scrape() {
        return registry.scrape();
    }

    /** Stops listening to the runtime and closes the registry. Idempotent. */
    @Override
    public void close() {
        RuntimeEvents.unsubscribe(listener);
        gc.close();
        registry.close();
    }
}
