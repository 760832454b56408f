package io.islands.server.ops;

import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.checkpoint.StateStore;
import io.islands.runtime.checkpoint.UnreadableStateException;
import io.islands.storage.KeySpace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the server can serve games: each check runs on its own virtual thread with a time
 * limit, so a store that hangs makes {@code /ready} answer "down" rather than hang. A failed
 * check reports a fixed word ({@code error}, {@code no_answer}, {@code not_running}), never an
 * exception's text; the exception goes to the log. Immutable; any thread.
 */
public final class Readiness {
    private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);
    /** The server's own key space in the stores: no client key can name it ({@link KeySpace}). */
    static final String SPACE = "islands";
    /** The key the store check reads in {@link #SPACE}; a read of a missing key is cheap everywhere. */
    static final String PROBE_KEY = "ready-probe";

    /**
     * One check's outcome.
     *
     * @param name  the check
     * @param up    whether it passed
     * @param error why not, one word ({@code error}, {@code no_answer}, {@code not_running},
     *     {@code interrupted}); null when up
     */
    public record Check(String name, boolean up, String error) {}

    /**
     * All checks, in a fixed order.
     *
     * @param checks each check's outcome
     */
    public record Report(List<Check> checks) {
        public Report {
            checks = List.copyOf(checks);
        }

        /** @return whether every check passed */
        public boolean ready() {
            return checks.stream().allMatch(Check::up);
        }

        /** @return the JSON body: {@code {"status":"ready"|"not_ready","checks":{NAME:{"status":"up"|"down","error":...}}}} */
        public Map<String, Object> json() {
            Map<String, Object> byName = new LinkedHashMap<>();
            for (Check c : checks) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("status", c.up() ? "up" : "down");
                if (!c.up()) {
                    one.put("error", c.error());
                }
                byName.put(c.name(), one);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", ready() ? "ready" : "not_ready");
            body.put("checks", byName);
            return body;
        }
    }

    private record Probe(String name, Supplier<String> run) {}

    private final List<Probe> probes;
    private final Duration limit;

    private Readiness(List<Probe> probes, Duration limit) {
        this.probes = List.copyOf(probes);
        this.limit = limit;
    }

    /**
     * @param stores     the stores to read from (check {@code store}): each must answer a read
     * @param supervisor the game supervisor now, or null while none runs (check {@code game_supervisor}): it must be alive
     * @param limit      how long each check may take
     */
    public static Readiness of(List<StateStore<?>> stores, Supplier<Pid> supervisor, Duration limit) {
        List<Probe> probes = new ArrayList<>();
        probes.add(new Probe("store", () -> {
            for (StateStore<?> s : stores) {
                try {
                    KeySpace.named(SPACE, s).newest(PROBE_KEY);
                } catch (UnreadableStateException e) {
                    // the store answered; what is under the probe key (a row written by an older
                    // version, which let clients name it) does not decode: up all the same
                }
            }
            return null;
        }));
        probes.add(new Probe("game_supervisor", () -> {
            Pid sup = supervisor.get();
            return sup != null && Proc.isAlive(sup) ? null : "not_running";
        }));
        return new Readiness(probes, limit);
    }

    /** Runs every check (in parallel, each within the limit). @return their outcomes */
    public Report check() {
        List<CompletableFuture<String>> running = new ArrayList<>();
        for (Probe p : probes) {
            running.add(CompletableFuture.supplyAsync(p.run(), r -> Thread.ofVirtual().start(r)));
        }
        List<Check> out = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            out.add(outcome(probes.get(i).name(), running.get(i)));
        }
        return new Report(out);
    }

    private Check outcome(String name, CompletableFuture<String> f) {
        try {
            String error = f.get(limit.toNanos(), TimeUnit.NANOSECONDS);
            return new Check(name, error == null, error);
        } catch (TimeoutException e) {
            LOG.warn("readiness check {} gave no answer within {}", name, limit);
            return new Check(name, false, "no_answer");
        } catch (ExecutionException e) {
            LOG.warn("readiness check {} failed", name, e.getCause());
            return new Check(name, false, "error");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Check(name, false, "interrupted");
        }
    }
}
