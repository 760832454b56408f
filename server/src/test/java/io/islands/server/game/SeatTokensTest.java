package io.islands.server.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.islands.engine.game.GameState;
import io.islands.runtime.checkpoint.Saved;
import io.islands.server.IslandsServer;
import io.islands.server.ServerConfig;
import io.islands.server.phoenix.WsClient;
import io.islands.storage.CloseableStateStore;
import io.islands.storage.StateCodec;
import io.islands.storage.StateStores;
import java.nio.file.Path;
import java.time.Duration;
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

    /**
     * A rejoin with its token is seated without asking whether its started game still exists
     * (the join's own view asks the game: one read of it, not two); when the game is gone and its
     * seats were not released yet, the view finds no game and the join claims again, which
     * replaces the stale record, as before.
     */
    @Test
    void aRejoinWithTheTokenOfAStartedGameThatIsGone_isSeatedInAFreshRecord() throws Exception {
        String url = "sqlite:" + dir.resolve("gone.db");
        String token = "GoneGameTokenGoneGameTokenGone1";
        try (CloseableStateStore<SeatsRecord> raw = StateStores.open(url, SeatsRecord.CODEC, 1)) {
            // its game was started and is gone (no saved state), its seats not released yet
            raw.save("seats:moon", new Saved<>(1, new SeatsRecord(Map.of("moon", Seats.hash(token)), 0L, true, null)));
        }
        try (IslandsServer server = IslandsServer.start(ServerConfig.loopback(url));
                GameClient moon = GameClient.joined(server.port(), "moon", "moon", token)) {
            assertThat(moon.joinReply.at("/response/view/started").asBoolean()).isFalse();
        }
        assertThat(rawSeats(url, "moon")).as("the stale record replaced by a fresh one").contains("\"started\":false");
    }

    @Test
    void aJoinRefusedBecauseItsGameIsUnavailableGivesItsNewSeatBack_soItsRetryIsNotUnauthorized() throws Exception {
        String url = "sqlite:" + dir.resolve("unavailable.db");
        try (CloseableStateStore<String> raw = StateStores.open(url, StateCodec.rawJson(), 1)) {
            raw.save("moon", new Saved<>(1, "{\"not\": \"a game state\"}")); // cannot be loaded: every call fails
        }
        try (IslandsServer server = IslandsServer.start(ServerConfig.loopback(url))) {
            // without a token, and with one the client proposed (it knows that one, but a refused
            // join keeps no seat either way: the seat is given back because this join took it)
            for (String token : new String[] {null, "ClientChosenToken-0123456789_abcdefghij"}) {
                try (GameClient diva = GameClient.join(server.port(), "moon", "diva", token)) {
                    assertThat(diva.joinReply.get("status").asText()).as("%s", diva.joinReply).isEqualTo("error");
                }
                assertThat(rawSeats(url, "moon")).as("the refused join's seat is free again (token %s)", token)
                        .doesNotContain("diva");
                try (GameClient again = GameClient.join(server.port(), "moon", "diva", null)) {
                    assertThat(again.joinReply.get("response").path("reason").asText())
                            .as("the retry is refused for the game again, not for a seat held by a lost token")
                            .isNotEqualTo("unauthorized");
                }
            }
        }
    }

    /**
     * The cluster bench's game t11-209: player 2's first join took its seat, and its node was
     * SIGKILLed before the reply (the token) reached the client, so every retry of that join was
     * refused {@code unauthorized} for good (the game is started: its seats never go stale, and the
     * second seat is taken for every other name too). Here the reply is lost by closing the socket
     * right after the join is sent. A client that proposes its own token on the first join, and
     * sends the same params again, gets its seat back; a retry without any token is still refused.
     */
    @Test
    void aFirstJoinWhoseReplyIsLostCanBeRetriedWithTheTokenTheClientProposed() throws Exception {
        String url = "sqlite:" + dir.resolve("lost.db");
        String proposed = "ClientChosenToken-0123456789_abcdefghij";
        try (IslandsServer server = IslandsServer.start(ServerConfig.loopback(url));
                GameClient moon = GameClient.joined(server.port(), "moon", "moon", null)) {
            moon.ok("new_game", Map.of());
            WsClient lost = WsClient.connect(server.port());
            lost.join("game:moon", Map.of("screen_name", "diva", "token", proposed));
            lost.close(); // the reply, with the seat's token, never reaches the client
            await().atMost(Duration.ofSeconds(10)).until(() -> rawSeats(url, "moon").contains("\"diva\""));

            try (GameClient tokenless = GameClient.join(server.port(), "moon", "diva", null)) {
                assertThat(tokenless.joinReply.get("response").path("reason").asText())
                        .as("a join of a seated name without its token").isEqualTo("unauthorized");
            }
            try (GameClient again = GameClient.joined(server.port(), "moon", "diva", proposed)) {
                assertThat(again.token()).isEqualTo(proposed);
                again.noReply("add_player", "diva");
                assertThat(again.view().get("role").asText()).isEqualTo("player2");
            }
            assertThat(rawSeats(url, "moon")).doesNotContain(proposed);
        }
    }

    @Test
    void aProposedTokenTooShortToBeSecretIsNotTaken() throws Exception {
        String url = "sqlite:" + dir.resolve("short.db");
        try (IslandsServer server = IslandsServer.start(ServerConfig.loopback(url));
                GameClient moon = GameClient.joined(server.port(), "moon", "moon", "short")) {
            assertThat(moon.token()).isNotEqualTo("short").hasSize(Seats.MIN_PROPOSED);
        }
    }
}
