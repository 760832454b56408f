package io.islands.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.islands.engine.game.Coordinate;
import io.islands.engine.game.Guesses;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ./islands chaos --nodes 3}: a short cluster run (3 serve --cluster JVMs on an embedded
 * PostgreSQL) that injects every kind of cluster fault and loses nothing; and the checks it ends
 * with, shown to fail on a lost guess, a guess never sent and a stale fence.
 */
class ClusterChaosTest {
    private final ChaosCli cli = new ChaosCli();
    private final ByteArrayOutputStream out = cli.out;
    private final ByteArrayOutputStream err = cli.err;

    private int chaos(String... args) {
        return cli.run(args);
    }

    @Test
    void aShortClusterRunInjectsEveryClusterFaultAndLosesNothing() {
        long seed = Long.getLong("chaos.seed", System.nanoTime());
        System.out.println("cluster chaos smoke: seed " + seed + " (-Dchaos.seed=" + seed + ")");
        int status = chaos("--nodes", "3", "--store", "embedded-postgres", "--duration", "20s", "--games", "4",
                "--seed", Long.toString(seed));
        String text = out.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        assertThat(status).as(text + err.toString(StandardCharsets.UTF_8)).isZero();
        for (Fault f : Fault.CLUSTER) {
            assertThat(count(text, "faults: " + Pattern.quote(f.label()))).as(f.label()).isPositive();
        }
        assertThat(count(text, "guesses checked in the database")).isPositive();
        assertThat(count(text, "guesses lost \\(acknowledged, missing\\)")).isZero();
        assertThat(count(text, "guesses applied twice or never sent")).isZero();
        assertThat(count(text, "versions' fences checked")).isPositive();
        assertThat(count(text, "commits by a stale fence")).isZero();
        assertThat(text).contains("result: OK").containsPattern("n\\d cut off from the others; alone in its view after \\d+ ms");
    }

    @Test
    void clusterArgumentsAreChecked() {
        String[][] cases = {{"--nodes", "6"}, {"--nodes", "3", "--faults", "game_kill"}, {"--nodes", "3", "--store", "sqlite:x.db"},
            {"--faults", "node_pause"}, {"--duration", "1s"}, {"--duration", "20s", "--minutes", "1"}};
        String[] says = {"'6' is not in 1..5", "are not among", "use embedded-postgres", "are not among", "'1s' is not in 3s..1440m",
            "and --minutes both given"};
        for (int i = 0; i < cases.length; i++) {
            out.reset();
            err.reset();
            assertThat(chaos(cases[i])).as(String.join(" ", cases[i])).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow())
                    .as(String.join(" ", cases[i])).startsWith("islands chaos: ").contains(says[i]);
        }
    }

    @Test
    void theMoveCheckCountsALostGuessAndAGuessNeverSent() {
        ClusterPlayers.Moves m = new ClusterPlayers.Moves();
        Coordinate a = new Coordinate(1, 1);
        Coordinate b = new Coordinate(2, 2);
        Coordinate c = new Coordinate(3, 3);
        m.sent.addAll(List.of(a, b));
        m.acknowledged.add(a);
        m.foundApplied.add(b);
        List<String> problems = new ArrayList<>();
        Guesses stored = new Guesses(Set.of(a), Set.of(c)); // b lost, c never sent
        assertThat(ClusterChaos.compare("g", "player1", m, stored, problems, true)).isEqualTo(1);
        assertThat(ClusterChaos.compare("g", "player1", m, stored, problems, false)).isEqualTo(1);
        assertThat(problems).containsExactly("g: player1's acknowledged guesses missing from the stored state: [" + b + "]",
                "g: player1's stored guesses it never sent (applied twice?): [" + c + "]");
        problems.clear();
        Guesses all = new Guesses(Set.of(a), Set.of(b));
        assertThat(ClusterChaos.compare("g", "player1", m, all, problems, true)
                + ClusterChaos.compare("g", "player1", m, all, problems, false)).isZero();
        assertThat(problems).isEmpty();
    }

    @Test
    void theFenceCheckCountsAFenceThatGoesBackNoFenceAndOneAboveTheOwner() {
        Map<String, TreeMap<Long, Long>> versions = Map.of(
                "ok", new TreeMap<>(Map.of(1L, 1L, 2L, 1L, 3L, 3L)),
                "back", new TreeMap<>(Map.of(1L, 2L, 2L, 1L)),
                "none", new TreeMap<>(Map.of(1L, 0L)),
                "above", new TreeMap<>(Map.of(1L, 5L)),
                "other", new TreeMap<>(Map.of(1L, 0L)));
        Map<String, Long> owners = Map.of("ok", 3L, "back", 2L, "none", 1L, "above", 4L);
        List<String> problems = new ArrayList<>();
        long stale = ClusterChaos.staleFences(versions, owners, Set.of("ok", "back", "none", "above"), problems);
        assertThat(stale).as("%s", problems).isEqualTo(3);
        assertThat(problems).containsExactlyInAnyOrder(
                "back: revision 2 has fence 1 after revision 1's fence 2 (a commit by a stale fence)",
                "none: revision 1 has no fence (a commit by a stale fence)",
                "above: revision 1 has fence 5 above the owner row's 4 (a commit by a stale fence)");
    }

    private static long count(String summary, String label) {
        Matcher m = Pattern.compile("^\\s+" + label + "\\s+(\\d+)$", Pattern.MULTILINE).matcher(summary);
        assertThat(m.find()).as("a line '%s' in%n%s", label, summary).isTrue();
        return Long.parseLong(m.group(1));
    }
}
