package io.islands.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 tests at the level of games: a child JVM ({@link GameNode}) plays several games at
 * once by the engine's rules and acknowledges each move after the game saved it; the test
 * SIGKILLs it after a seeded-random number (1..150) of acknowledgements, starts it again and
 * reads every game back through it (so through recovery from the reopened store). Every
 * acknowledged move must be there; a move in flight at the kill may or may not be. Re-run a
 * failure with {@code -Dcrash.seed=N}.
 */
class GameCrashTest {
    private static final long SEED = Long.getLong("crash.seed", System.nanoTime());
    private static final int KILLS = 20;
    private static final int GAMES = 8;

    @TempDir
    Path dir;

    @Test
    void sqliteDurableLosesNoAcknowledgedMove() throws Exception {
        Path file = dir.resolve("games.db");
        ChaosReport report = crashLoop("sqlite:" + file, SEED);
        assertThat(integrityCheck(file)).containsExactly("ok");
        assertThat(report.clean()).isTrue();
    }

    @Test
    void postgresLosesNoAcknowledgedMove() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection()) {
                c.createStatement().execute("CREATE SCHEMA games");
            }
            crashLoop("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres?user=postgres&currentSchema=games&pool_size=2", SEED + 1);
        }
    }

    /** The check can fail: a store that dies with the node loses every acknowledged move. */
    @Test
    void aStoreThatDiesWithTheNodeIsCaughtLosingMoves() throws Exception {
        ChaosReport report = ChaosRun.run(new ChaosOptions("memory:", 3, SEED, null, 1, Set.of(Fault.NODE_KILL), dir), r -> {});
        assertThat(report.acknowledged()).isPositive();
        assertThat(report.lost()).isPositive();
        assertThat(report.problems()).isNotEmpty().allMatch(p -> p.contains("missing from the store"));
        assertThat(report.clean()).isFalse();
    }

    private ChaosReport crashLoop(String url, long seed) throws Exception {
        System.out.println("game crash test " + url + ": seed " + seed + " (-Dcrash.seed=" + seed + ")");
        ChaosReport report = ChaosRun.run(new ChaosOptions(url, GAMES, seed, null, KILLS, Set.of(Fault.NODE_KILL), dir), r -> {});
        System.out.println(ChaosCommand.summary(report));
        assertThat(report.faults(Fault.NODE_KILL)).isEqualTo(KILLS);
        assertThat(report.fullRecoveries()).as("every kill was followed by a check of every game").isEqualTo(KILLS);
        assertThat(report.acknowledged()).as("the games made progress").isGreaterThan(KILLS);
        assertThat(report.problems()).as("seed %d", seed).isEmpty();
        assertThat(report.lost()).as("seed %d: acknowledged moves lost", seed).isZero();
        assertThat(report.wrongAnswers()).as("seed %d", seed).isZero();
        return report;
    }

    private static List<String> integrityCheck(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
            List<String> report = new ArrayList<>();
            while (rs.next()) {
                report.add(rs.getString(1));
            }
            return report;
        }
    }
}
