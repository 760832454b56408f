package io.islands.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.islands.engine.game.Player;
import io.islands.engine.process.GameRequest;
import io.islands.server.IslandsServer;
import io.islands.server.ServerConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: measures a forwarded game call against a local one and prints both. Two cluster
 * nodes (whole servers) in this JVM on one embedded PostgreSQL; node a owns the game; the same
 * calls are made through a's router (local) and b's (forwarded to a), interleaved so both see the
 * same load. Run with {@code ./mvnw -q -B -pl server -am verify -Dtest=ClusterLatencyMeasurement
 * -Dmeasure=true -Dsurefire.failIfNoSpecifiedTests=false} ({@code -Dmeasure.calls=N}, default 2000).
 */
@EnabledIfSystemProperty(named = "measure", matches = "true")
class ClusterLatencyMeasurement {
    static final int CALLS = Integer.getInteger("measure.calls", 2000);

    @Test
    void forwardedAgainstLocal() {
        String store = ClusterPostgres.freshJdbcUrl();
        ServerConfig config = ServerConfig.loopback(store);
        try (IslandsServer a = IslandsServer.start(config, new Cluster.Settings("a", "127.0.0.1", 0));
                IslandsServer b = IslandsServer.start(config, new Cluster.Settings("b", "127.0.0.1", 0))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> a.cluster().orElseThrow().nodes().get("view").toString().equals("[a, b]")
                    && b.cluster().orElseThrow().nodes().get("view").toString().equals("[a, b]"));
            GameRouter local = a.router();
            GameRouter forwarded = b.router();
            assertThat(local.startGame("m")).isEqualTo(GameRouter.Started.OK);
            forwarded.call("m", new GameRequest.AddPlayer("n"));
            assertThat(forwarded.nodeOf("m")).contains("a");
            GameRequest<?> view = new GameRequest.View(Player.PLAYER1);
            GameRequest<?> move = new GameRequest.PositionIsland(Player.PLAYER1, "atoll", 1, 1); // saved each time
            report("view (no save)", time(() -> local.call("m", view)), time(() -> forwarded.call("m", view)));
            report("position_island (a save)", time(() -> local.call("m", move)), time(() -> forwarded.call("m", move)));
        }
    }

    /** @return the sorted durations of {@link #CALLS} calls, after as many to warm up */
    private static long[] time(Supplier<?> call) {
        for (int i = 0; i < CALLS; i++) {
            call.get();
        }
        long[] out = new long[CALLS];
        for (int i = 0; i < CALLS; i++) {
            long t0 = System.nanoTime();
            call.get();
            out[i] = System.nanoTime() - t0;
        }
        Arrays.sort(out);
        return out;
    }

    private static void report(String what, long[] local, long[] forwarded) {
        System.out.printf("cluster call %s, %d calls each: local median %.3f ms p90 %.3f ms p99 %.3f ms;"
                        + " forwarded median %.3f ms p90 %.3f ms p99 %.3f ms (%.2fx the local median)%n",
                what, local.length, ms(local, 50), ms(local, 90), ms(local, 99), ms(forwarded, 50), ms(forwarded, 90),
                ms(forwarded, 99), (double) forwarded[forwarded.length / 2] / local[local.length / 2]);
    }

    private static double ms(long[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
    }
}
