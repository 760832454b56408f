package io.islands.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm-up's game ({@link WarmUpGame#playThroughEndpoint}, {@link IslandsServer#warmUpGame})
 * on SQLite: played through the server's endpoint and gone again, and not played where names are
 * too short for it (on a memory store: {@code OpsRoutesTest}; on a cluster node:
 * {@code ClusterWarmUpTest}).
 */
class WarmUpGameTest {
    @TempDir
    Path dir;

    @Test
    void onSqlite_theEndpointGameIsPlayedAndLeavesNoStateNoSeatAndNoProcess() {
        try (IslandsServer server = IslandsServer.start(ServerConfig.loopback("sqlite:" + dir.resolve("w.db")))) {
            assertThat(server.warmUpGame(Limits.DEFAULT_MAX_NAME_LENGTH)).isEqualTo(2 * WarmUpGame.ROUNDS);
            assertThat(server.games().store().keys()).isEmpty();
            assertThat(server.games().runningNames()).isEmpty();
            assertThat(server.lobby().listed()).isZero();
        }
    }

    @Test
    void namesShorterThanItsPrefixAndEightDigits_noGameIsPlayed() {
        try (IslandsServer server = IslandsServer.start(ServerConfig.loopback("sqlite:" + dir.resolve("s.db")))) {
            int tooShort = WarmUpGame.PREFIX.length() + 7;
            assertThat(server.warmUpGame(tooShort)).isZero();
            assertThat(server.games().store().keys()).isEmpty();
        }
    }
}
