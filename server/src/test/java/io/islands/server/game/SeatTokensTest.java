package io.islands.server.game;

import static org.assertj.core.api.Assertions.assertThat;

import io.islands.engine.game.GameState;
import io.islands.runtime.checkpoint.Saved;
import io.islands.server.IslandsServer;
import io.islands.server.ServerConfig;
import io.islands.storage.CloseableStateStore;
import io.islands.storage.StateCodec;
import io.islands.storage.StateStores;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seat tokens are stored hashed in a real SQLite store; a plain row of an older version still works and is hashed. */
class SeatTokensTest {
    @TempDir
    Path dir;

    private String rawSeats(String url, String game) {
        try (CloseableStateStore<String> raw = StateStores.open(url, StateCodec.rawJson(), 1)) {
            return raw.newest("seats:" + game).orElseThrow().state();
        }
    }

    @Test
    void theStoreHoldsOnlyTheTokensHashes() throws Exception {
        String url = "sqlite:" + dir.resolve("seats.db");
        String token;
        try (IslandsServer server = IslandsServer.start(ServerConfig.loopback(url));
                GameClient moon = GameClient.joined(server.port(), "moon", "moon", null)) {
            token = moon.token();
        }
        String stored = rawSeats(url, "moon");
        assertThat(stored).doesNotContain(token).contains("\"moon\":\"sha256:");
        try (IslandsServer server = IslandsServer.start(ServerConfig.loopback(url));
                GameClient again = GameClient.joined(server.port(), "moon", "moon", token);
                GameClient thief = GameClient.join(server.port(), "moon", "moon", stored.replaceAll(".*\"(sha256:[^\"]+)\".*", "$1"))) {
            assertThat(again.token()).isEqualTo(token);
            assertThat(thief.joinReply.get("status").asText()).as("the stored hash is no token").isEqualTo("error");
        }
    }

    @Test
    void aPlainTokenFromAnOlderVersionStillSeatsItsPlayer_andIsThenStoredHashed() throws Exception {
        String url = "sqlite:" + dir.resolve("old.db");
        String plain = "OldPlainTokenOldPlainTokenOldPl";
        try (CloseableStateStore<SeatsRecord> raw = StateStores.open(url, SeatsRecord.CODEC, 1);
                CloseableStateStore<GameState> games = StateStores.open(url, GameStateCodec.INSTANCE, 1)) {
            raw.save("seats:moon", new Saved<>(1, new SeatsRecord(Map.of("moon", plain))));
            games.save("moon", new Saved<>(1, GameState.fresh("moon"))); // its game was started
        }
        try (IslandsServer server = IslandsServer.start(ServerConfig.loopback(url))) {
            try (GameClient wrong = GameClient.join(server.port(), "moon", "moon", "nope")) {
                assertThat(wrong.joinReply.get("status").asText()).isEqualTo("error");
            }
            try (GameClient moon = GameClient.joined(server.port(), "moon", "moon", plain)) {
                assertThat(moon.token()).isEqualTo(plain);
            }
        }
        assertThat(rawSeats(url, "moon")).doesNotContain(plain).contains("sha256:");
    }

    @Test
    void aJoinRefusedBecauseItsGameIsUnavailableGivesItsNewSeatBack_soItsRetryIsNotUnauthorized() throws Exception {
        String url = "sqlite:" + dir.resolve("unavailable.db");
        try (CloseableStateStore<String> raw = StateStores.open(url, StateCodec.rawJson(), 1)) {
            raw.save("moon", new Saved<>(1, "{\"not\": \"a game state\"}")); // cannot be loaded: every call fails
        }
        try (IslandsServer server = IslandsServer.start(ServerConfig.loopback(url))) {
            try (GameClient diva = GameClient.join(server.port(), "moon", "diva", null)) {
                assertThat(diva.joinReply.get("status").asText()).as("%s", diva.joinReply).isEqualTo("error");
            }
            assertThat(rawSeats(url, "moon")).as("the refused join's seat is free again").doesNotContain("diva");
            try (GameClient again = GameClient.join(server.port(), "moon", "diva", null)) {
                assertThat(again.joinReply.get("response").path("reason").asText())
                        .as("the retry is refused for the game again, not for a seat held by a lost token")
                        .isNotEqualTo("unauthorized");
            }
        }
    }
}
