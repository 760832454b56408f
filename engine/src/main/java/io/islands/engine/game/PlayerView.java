package io.islands.engine.game;

import java.util.Objects;
import java.util.Optional;

/**
 * What one player may see of a game, e.g. to draw it: their own board, both sides' guesses and
 * the phase, but never the opponent's board.
 *
 * @param role who is looking
 * @param board the viewer's own board, with the hits taken
 * @param guesses the viewer's guesses against the opponent
 * @param opponentGuesses the opponent's guesses against the viewer
 * @param state the phase of the game
 * @param turn whose turn it is, empty outside the turn states
 * @param player1Name player 1's name (the game's name)
 * @param player2Name player 2's name, empty until they joined
 * @param player1IslandsSet whether player 1 has set their islands
 * @param player2IslandsSet whether player 2 has set their islands
 * @param winner who won, empty unless the game is over
 */
public record PlayerView(
        Player role,
        Board board,
        Guesses guesses,
        Guesses opponentGuesses,
        RulesState state,
        Optional<Player> turn,
        String player1Name,
        Optional<String> player2Name,
        boolean player1IslandsSet,
        boolean player2IslandsSet,
        Optional<Player> winner) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException if anything but the names is null
     */
    public PlayerView {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(board, "board");
        Objects.requireNonNull(guesses, "guesses");
        Objects.requireNonNull(opponentGuesses, "opponentGuesses");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(turn, "turn");
        Objects.requireNonNull(player2Name, "player2Name");
        Objects.requireNonNull(winner, "winner");
    }

    /** Returns whether it is the viewer's turn to guess. */
    public boolean myTurn() {
        return turn.equals(Optional.of(role));
    }

    static PlayerView of(GameState game, Player role) {
        Rules rules = game.rules();
        return new PlayerView(
                role,
                game.player(role).board(),
                game.player(role).guesses(),
                game.player(role.opponent()).guesses(),
                rules.state(),
                rules.state().turn(),
                game.player1().name(),
                Optional.ofNullable(game.player2().name()),
                rules.player1() == IslandsStatus.ISLANDS_SET,
                rules.player2() == IslandsStatus.ISLANDS_SET,
                winner(game));
    }

    /** The player whose opponent's islands are all forested, once the game is over. */
    private static Optional<Player> winner(GameState game) {
        if (game.rules().state() != RulesState.GAME_OVER) {
            return Optional.empty();
        }
        for (Player player : Player.values()) {
            Board target = game.player(player.opponent()).board();
            if (!target.islands().isEmpty() && target.allForested()) {
                return Optional.of(player);
            }
        }
        return Optional.empty();
    }
}
