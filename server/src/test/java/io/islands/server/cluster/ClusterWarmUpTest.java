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
 * A cluster node's warm-up ({@link IslandsServer#warmUp}, {@link Cluster#warmUp}): a claim, a
 * save, a read and a delete, and a release of a key of the server's own, on real PostgreSQL.
 */
class ClusterWarmUpTest {
    private static final String KEY = "islands:warm-up";

    @Test
    void eachNodeClaimsSavesDeletesAndReleasesTheWarmUpKey_whichKeepsNoOwnerNoStateAndRunsNowhere() throws Exception {
        String store = ClusterPostgres.freshJdbcUrl();
        ServerConfig config = ServerConfig.loopback(store);
        try (IslandsServer a = IslandsServer.start(config, new Cluster.Settings("a", "127.0.0.1", 0));
                IslandsServer b = IslandsServer.start(config, new Cluster.Settings("b", "127.0.0.1", 0))) {
            assertThat(a.warmUp()).isEqualTo(3);
            assertThat(b.warmUp()).isEqualTo(3);
            try (Connection c = DriverManager.getConnection(store);
                    PreparedStatement ps = c.prepareStatement("SELECT node, epoch, fence FROM islands_owners WHERE game = ?")) {
                ps.setString(1, KEY);
                try (ResultSet r = ps.executeQuery()) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getString(1)).isNull();
                    assertThat(r.getObject(2)).isNull();
                    assertThat(r.getLong(3)).as("two claims and two releases, each raising the fence").isEqualTo(4);
                }
            }
            try (Connection c = DriverManager.getConnection(store);
                    PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM islands_states WHERE key = ?")) {
                ps.setString(1, KEY);
                try (ResultSet r = ps.executeQuery()) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getLong(1)).as("the warm-up's saved state is deleted").isZero();
                }
            }
            assertThat(a.games().runningNames()).isEmpty();
            assertThat(b.games().runningNames()).isEmpty();
            assertThat(a.cluster().orElseThrow().ownerOf(KEY)).isEmpty();
        }
    }
}
