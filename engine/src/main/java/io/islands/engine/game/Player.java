package io.islands.engine.game;

import java.util.Optional;

/** The two roles of a game (the book's {@code :player1 | :player2}). Player 1 always moves first. */
public enum Player {
    /** The player who started the game; the game is named after them. */
    PLAYER1,
    /** The player who joined with add_player. */
    PLAYER2;

    /** Returns the wire name: {@code "player1"} or {@code "player2"}. */
    public String wire() {
        return Wire.of(this);
    }

    /** Returns the player with this wire name, or empty if there is none (also for null). */
    public static Optional<Player> fromWire(String wire) {
        return Wire.lookup(Player.class, wire);
    }

    /** Returns the other player. */
    public Player opponent() {
        return this == PLAYER1 ? PLAYER2 : PLAYER1;
    }
}
