package io.islands.engine.game;

import java.util.Optional;

/** The phases of a game (book §3). */
public enum RulesState {
    /** Only player 1 is there; waiting for add_player. */
    INITIALIZED,
    /** Both players are there and positioning islands. */
    PLAYERS_SET,
    /** Player 1 guesses next. */
    PLAYER1_TURN,
    /** Player 2 guesses next. */
    PLAYER2_TURN,
    /** Someone won; nothing more is accepted. */
    GAME_OVER;

    /** Returns the wire name: {@code "initialized"}, {@code "players_set"}, {@code "player1_turn"}, {@code "player2_turn"}, {@code "game_over"}. */
    public String wire() {
        return Wire.of(this);
    }

    /** Returns the player whose turn it is, or empty outside the two turn states. */
    public Optional<Player> turn() {
        return switch (this) {
            case PLAYER1_TURN -> Optional.of(Player.PLAYER1);
            case PLAYER2_TURN -> Optional.of(Player.PLAYER2);
            default -> Optional.empty();
        };
    }
}
