package io.islands.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.islands.server.IslandsServer;
import io.islands.server.ServerConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/**
 * A cluster node's warm-up ({@link IslandsServer#warmUp}): its game through the endpoint claimed,
 * saved with its fence, re-activated, then stopped, deleted and released, on real PostgreSQL.
 */
class ClusterWarmUpTest {
    @Test
    void eachNodePlaysItsOwnGame_whichKeepsNoOwnerNoStateAndRunsNowhere() throws Exception {
        String store = ClusterPostgres.freshJdbcUrl();
        ServerConfig config = ServerConfig.loopback(store);
        try (IslandsServer a = IslandsServer.start(config, new Cluster.Settings("a", "127.0.0.1", 0));
                IslandsServer b = IslandsServer.start(config, new Cluster.Settings("b", "127.0.0.1", 0))) {
            assertThat(a.warmUp()).isEqualTo(3);
            assertThat(b.warmUp()).isEqualTo(3);
            try (Connection c = DriverManager.getConnection(store);
                    PreparedStatement ps = c.prepareStatement(
                            "SELECT count(*), count(node), count(epoch), min(fence) FROM islands_owners WHERE game LIKE '%wu-%'")) {
                try (ResultSet r = ps.executeQuery()) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getLong(1)).as("one game per node").isEqualTo(2);
                    assertThat(r.getLong(2)).as("owned by no node").isZero();
                    assertThat(r.getLong(3)).isZero();
                    assertThat(r.getLong(4)).as("claimed and released: each raises the fence").isGreaterThanOrEqualTo(2);
                }
            }
            try (Connection c = DriverManager.getConnection(store);
                    PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM islands_states WHERE key LIKE '%wu-%'")) {
                try (ResultSet r = ps.executeQuery()) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getLong(1)).as("the warm-up's games are deleted").isZero();
                }
            }
            assertThat(a.games().runningNames()).isEmpty();
            assertThat(b.games().runningNames()).isEmpty();
        }
    }
}
