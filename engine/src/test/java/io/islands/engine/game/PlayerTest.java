package io.islands.engine.game;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlayerTest {

    @Test
    void wireNames() {
        assertThat(Player.PLAYER1.wire()).isEqualTo("player1");
        assertThat(Player.fromWire("player1")).contains(Player.PLAYER1);
        assertThat(Player.fromWire("player2")).contains(Player.PLAYER2);
        assertThat(Player.fromWire("PLAYER1")).isEmpty();
        assertThat(Player.fromWire("player3")).isEmpty();
        assertThat(Player.fromWire(null)).isEmpty();
    }

    @Test
    void opponents() {
        assertThat(Player.PLAYER1.opponent()).isEqualTo(Player.PLAYER2);
        assertThat(Player.PLAYER2.opponent()).isEqualTo(Player.PLAYER1);
    }
}
